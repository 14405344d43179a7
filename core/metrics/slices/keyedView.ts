import type { DuckDBConnection } from '@duckdb/node-api';
import { tempName } from '../sql.js';

/**
 * Creates a temp view over `relation` with k (the group key: `keyExpr`, a VARCHAR SQL expression
 * over the relation's columns that is never NULL), y (0/1/NULL), bad_y (a label other than
 * 0/1/NULL), pp, pc (scores as DOUBLE) and ok (both scores finite), optionally filtered by
 * `where`. Returns the view name and a function that drops it.
 */
export async function keyedView(conn: DuckDBConnection, relation: string, keyExpr: string, where?: string): Promise<{ view: string; drop: () => Promise<void> }> {
  const view = tempName('slice_view');
  await conn.run(`CREATE TEMP VIEW ${view} AS
    SELECT k, CASE WHEN yd IN (0.0, 1.0) THEN yd::INTEGER END AS y,
      (y_raw IS NOT NULL AND coalesce(yd NOT IN (0.0, 1.0), true)) AS bad_y,
      pp, pc, ok_p AND ok_c AS ok
    FROM (SELECT ${keyExpr} AS k, y AS y_raw, TRY_CAST(y AS DOUBLE) AS yd,
            CAST(p_production AS DOUBLE) + 0.0 AS pp, CAST(p_candidate AS DOUBLE) + 0.0 AS pc,
            coalesce(isfinite(CAST(p_production AS DOUBLE)), false) AS ok_p,
            coalesce(isfinite(CAST(p_candidate AS DOUBLE)), false) AS ok_c
          FROM ${relation} AS __r${where ? ` WHERE ${where}` : ''})`);
  return { view, drop: async () => { await conn.run(`DROP VIEW IF EXISTS ${view}`); } };
}
