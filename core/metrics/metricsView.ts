import type { DuckDBConnection } from '@duckdb/node-api';
import { quoteIdent, relationColumns, tempName } from './sql.js';

const REQUIRED = ['y', 'p_production', 'p_candidate'];

/** The normalised rows computeMetrics and computeCurves read, and how to drop them. */
export interface MetricsView {
  /** Name of the temp view/table: y (1/0/NULL), bad_y, pp, pc, pn (with p_noise), ok_p, ok_c, ok, g0.. */
  name: string;
  /** Whether the relation has a p_noise column. */
  noise: boolean;
  drop: () => Promise<void>;
}

/**
 * Checks the relation's columns and exposes it normalised: doubles with -0 -> +0, validity flags,
 * sensitive attributes as VARCHAR g0, g1, ... A table name becomes a TEMP VIEW; a subquery (the
 * replay's predictions JOIN dataset) is materialised once as a TEMP TABLE of just these columns,
 * so the join runs once rather than once per query.
 */
export async function metricsView(conn: DuckDBConnection, relation: string, sensitive: string[]): Promise<MetricsView> {
  const names = await relationColumns(conn, relation, [...REQUIRED, ...sensitive]);
  const noise = names.includes('p_noise');
  const name = tempName('metrics');
  const attrs = sensitive.map((s, i) => `CAST(${quoteIdent(s)} AS VARCHAR) AS g${i}`);
  const g = sensitive.map((_, i) => `, g${i}`).join('');
  const kind = relation.trim().startsWith('(') ? 'TABLE' : 'VIEW';
  await conn.run(`CREATE TEMP ${kind} ${name} AS
    SELECT CASE WHEN yd IN (0.0, 1.0) THEN yd::INTEGER END AS y,
      (y_raw IS NOT NULL AND coalesce(yd NOT IN (0.0, 1.0), true)) AS bad_y,
      pp, pc${noise ? ', pn' : ''}, ok_p, ok_c, ok_p AND ok_c AS ok${g}
    FROM (SELECT y AS y_raw, TRY_CAST(y AS DOUBLE) AS yd,
            CAST(p_production AS DOUBLE) + 0.0 AS pp, CAST(p_candidate AS DOUBLE) + 0.0 AS pc,
            ${noise ? 'CAST(p_noise AS DOUBLE) + 0.0 AS pn,' : ''}
            coalesce(isfinite(CAST(p_production AS DOUBLE)), false) AS ok_p,
            coalesce(isfinite(CAST(p_candidate AS DOUBLE)), false) AS ok_c${attrs.map((a) => `, ${a}`).join('')}
          FROM ${relation} AS __r)`);
  return { name, noise, drop: async () => { await conn.run(`DROP ${kind} IF EXISTS ${name}`); } };
}

