import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../../contract/index.js';
import { queryRows, quoteIdent } from '../sql.js';
import type { DriftKind } from './chooseDriftMethod.js';

/** How a column's values are read: numbers (cast to DOUBLE), booleans, or text. */
export type StorageClass = 'number' | 'boolean' | 'text';

/** A drift column after its type was looked up in both relations. */
export interface ResolvedColumn { name: string; declaredKind?: DriftKind; storage: StorageClass; refType: string; curType: string }

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/i;

/** SQL types of a relation's columns (name -> DuckDB type). */
export async function relationTypes(conn: DuckDBConnection, relation: string): Promise<Map<string, string>> {
  const rows = await queryRows(conn, `DESCRIBE SELECT * FROM ${relation} AS __d`);
  return new Map(rows.map((r) => [String(r['column_name']), String(r['column_type'])]));
}

/**
 * Checks every column exists in both relations (else BAD_DATASET naming the column and the side)
 * and classifies its storage: numeric SQL types in both -> number, BOOLEAN in both -> boolean,
 * anything else -> text (compared as VARCHAR).
 */
export async function resolveDriftColumns(conn: DuckDBConnection, reference: string, current: string, columns: { name: string; kind?: DriftKind }[]): Promise<ResolvedColumn[]> {
  const [rt, ct] = await Promise.all([relationTypes(conn, reference), relationTypes(conn, current)]);
  return columns.map((c) => {
    for (const [side, types] of [['reference', rt], ['current', ct]] as const) {
      if (!types.has(c.name)) {
        throw new WorkbenchError('BAD_DATASET', `Column "${c.name}" is not in the ${side} data; it has ${[...types.keys()].map((n) => `"${n}"`).join(', ') || 'no columns'}. Drop it from the drift columns or fix the name.`, { column: c.name, side });
      }
    }
    const refType = rt.get(c.name)!, curType = ct.get(c.name)!;
    const storage: StorageClass = NUMERIC.test(refType) && NUMERIC.test(curType) ? 'number'
      : refType === 'BOOLEAN' && curType === 'BOOLEAN' ? 'boolean' : 'text';
    if (c.kind !== undefined && !['numeric', 'categorical', 'binary'].includes(c.kind)) {
      throw new WorkbenchError('BAD_ARGUMENT', `Unknown kind "${String(c.kind)}" for drift column "${c.name}"; use numeric, categorical or binary.`, { column: c.name });
    }
    return { name: c.name, ...(c.kind ? { declaredKind: c.kind } : {}), storage, refType, curType };
  });
}

/** SQL expression of a column's value (DOUBLE for numbers, VARCHAR for text, BOOLEAN kept). */
export function valueExpr(col: ResolvedColumn): string {
  const q = quoteIdent(col.name);
  return col.storage === 'number' ? `CAST(${q} AS DOUBLE)` : col.storage === 'boolean' ? q : `CAST(${q} AS VARCHAR)`;
}

/** SQL predicate: the value is usable (not NULL; for numbers also not NaN or infinite). */
export function validExpr(col: ResolvedColumn): string {
  return col.storage === 'number' ? `coalesce(isfinite(${valueExpr(col)}), false)` : `${quoteIdent(col.name)} IS NOT NULL`;
}
