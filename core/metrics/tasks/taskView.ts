import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../../contract/index.js';
import { quoteIdent, relationColumns, tempName } from '../sql.js';

/** A temporary view (table name) or table (subquery, materialised once) over the task relation. */
export interface TaskView {
  name: string;
  drop: () => Promise<void>;
}

/**
 * Checks that `relation` (a table name or a parenthesised subquery) has the `required` columns and
 * the `sensitive` ones, then exposes `select` (expressions over the relation aliased `__r`) as a
 * TEMP VIEW (table name) or TEMP TABLE (subquery, so that a join runs once, not once per query).
 */
export async function taskView(conn: DuckDBConnection, relation: string, required: string[], sensitive: string[], select: string): Promise<TaskView> {
  await relationColumns(conn, relation, [...required, ...sensitive]);
  const name = tempName('task');
  const kind = relation.trim().startsWith('(') ? 'TABLE' : 'VIEW';
  await conn.run(`CREATE TEMP ${kind} ${name} AS SELECT ${select} FROM ${relation} AS __r`);
  return { name, drop: async () => { await conn.run(`DROP ${kind} IF EXISTS ${name}`); } };
}

/** `CAST(col AS VARCHAR) AS g0, ...` for the sensitive columns. */
export function sensitiveSelect(sensitive: string[]): string {
  return sensitive.map((s, i) => `, CAST(${quoteIdent(s)} AS VARCHAR) AS g${i}`).join('');
}

/** Validated bootstrap settings with the level defaulted to 0.95. */
export function bootstrapSettings(b: { B: number; seed: number; level?: number }): { B: number; seed: number; level: number } {
  const s = { B: b.B, seed: b.seed, level: b.level ?? 0.95 };
  if (!Number.isInteger(s.B) || s.B < 0) throw new WorkbenchError('BAD_ARGUMENT', `Bootstrap B must be a non-negative integer, got ${s.B}.`, { B: s.B });
  if (!Number.isFinite(s.seed)) throw new WorkbenchError('BAD_ARGUMENT', `Bootstrap seed must be a finite number, got ${s.seed}.`, { seed: s.seed });
  if (!(s.level > 0 && s.level < 1)) throw new WorkbenchError('BAD_ARGUMENT', `Interval level must be in (0, 1), got ${s.level}.`, { level: s.level });
  return s;
}
