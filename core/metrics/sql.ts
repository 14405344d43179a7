import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../contract/index.js';

/** Quotes a DuckDB identifier ("a""b"). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A finite number as a DuckDB DOUBLE literal. */
export function doubleLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return `CAST('${String(x)}' AS DOUBLE)`;
}

/** Runs a query and returns its rows as plain JS objects. */
export async function queryRows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** NULL -> NaN, bigint/number -> number. */
export function num(x: unknown): number {
  if (x === null || x === undefined) return NaN;
  return Number(x);
}

/** A name for a temporary object, unique enough for concurrent calls on one connection. */
export function tempName(prefix: string): string {
  return `__sb_${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`;
}

/**
 * The columns of a metrics relation (table name or parenthesised subquery), after checking it has
 * every `needed` one; BAD_ARGUMENT names what is missing.
 */
export async function relationColumns(conn: DuckDBConnection, relation: string, needed: string[]): Promise<string[]> {
  let names: string[];
  try {
    names = (await queryRows(conn, `DESCRIBE SELECT * FROM ${relation} AS __r`)).map((r) => String(r.column_name));
  } catch (e) {
    throw new WorkbenchError('BAD_ARGUMENT', `Cannot read the metrics relation ${relation}: ${(e as Error).message}`, { relation });
  }
  const missing = needed.filter((c) => !names.includes(c));
  if (missing.length) {
    throw new WorkbenchError('BAD_ARGUMENT', `The metrics relation lacks column(s) ${missing.join(', ')}; it needs ${needed.join(', ')}.`, { relation, missing, columns: names });
  }
  return names;
}
