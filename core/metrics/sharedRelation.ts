import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, relationColumns, tempName } from './sql.js';

/**
 * Materialises a metrics relation given as a subquery (the replay's predictions JOIN dataset) once
 * as a TEMP TABLE, so computeMetrics, computeSlices and computeOverTime read a plain table instead
 * of running the join again in every query. Columns not read by the metrics (`sb_row`) are left
 * out. A table name is returned as it is. Drop it when done.
 */
export async function sharedRelation(conn: DuckDBConnection, relation: string): Promise<{ name: string; drop: () => Promise<void> }> {
  if (!relation.trim().startsWith('(')) return { name: relation, drop: async () => {} };
  const cols = (await relationColumns(conn, relation, [])).filter((c) => c !== 'sb_row');
  const name = tempName('metrics_rel');
  await conn.run(`CREATE TEMP TABLE ${name} AS SELECT ${cols.map(quoteIdent).join(', ')} FROM ${relation} AS __r`);
  return { name, drop: async () => { await conn.run(`DROP TABLE IF EXISTS ${name}`); } };
}
