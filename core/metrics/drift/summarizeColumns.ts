import type { DuckDBConnection } from '@duckdb/node-api';
import { num, queryRows } from '../sql.js';
import { validExpr, valueExpr, type ResolvedColumn } from './resolveDriftColumns.js';

/** Per-column summary of one relation. */
export interface ColumnSummary {
  /** Usable values (not NULL; numbers also finite). */
  valid: number;
  /** Rows where the value is NULL, NaN or infinite. */
  missing: number;
  min: number; max: number; mean: number;
  /** Population standard deviation (ddof = 0, numpy's default). */
  sd: number;
  /** Reference deciles (quantile_cont, numpy's linear rule) or reservoir_quantile estimates; numbers only. */
  deciles?: number[];
  /** How `deciles` were computed. */
  decileSource?: 'exact' | 'reservoir';
  /** reservoir_quantile at 1/1000 ... 999/1000 (numbers, when asked). */
  probes?: number[];
}

export const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Decile probabilities of `bins` equal-mass bins. */
export function binProbs(bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, i) => Number(((i + 1) / bins).toPrecision(15)));
}

/** reservoir_quantile probabilities 1/1000 ... 999/1000 (the probes). */
export const PROBES = Array.from({ length: 999 }, (_, i) => (i + 1) / 1000);

/**
 * One aggregate query over `relation` summarising every column. `quantiles`: 'exact' computes
 * the reference's bin edges with quantile_cont, 'reservoir' with reservoir_quantile (fast on
 * millions of rows; DESIGN.md section 8); `probes` adds reservoir_quantile at 1/1000 ... 999/1000
 * (one reservoir per column, shared with the edges). `moments: false` leaves min/max/mean/sd
 * out (NaN), for callers that compute them in their own pass. Usable values are selected once per
 * column in a subquery (a CASE, NULL otherwise) rather than by FILTER clauses, which DuckDB
 * evaluates once per aggregate and which made this query several times slower.
 */
export async function summarizeColumns(conn: DuckDBConnection, relation: string, cols: ResolvedColumn[], quantiles: 'none' | 'exact' | 'reservoir', bins: number, o: { probes?: boolean; moments?: boolean } = {}): Promise<{ rows: number; cols: ColumnSummary[] }> {
  const probes = o.probes ?? quantiles === 'reservoir', moments = o.moments ?? true;
  const probs = binProbs(bins);
  const inner = cols.map((c, i) => `CASE WHEN ${validExpr(c)} THEN ${valueExpr(c)} END AS x${i}`);
  const parts = ['count(*) AS n'];
  cols.forEach((c, i) => {
    parts.push(`count(x${i}) AS v${i}`);
    if (c.storage !== 'number') return;
    if (moments) parts.push(`min(x${i}) AS lo${i}`, `max(x${i}) AS hi${i}`, `avg(x${i}) AS mu${i}`, `stddev_pop(x${i}) AS sd${i}`);
    if (quantiles === 'exact') parts.push(`quantile_cont(x${i}, [${probs.join(', ')}]) AS q${i}`);
    const res = [...(quantiles === 'reservoir' ? probs : []), ...(probes ? PROBES : [])];
    if (res.length) parts.push(`reservoir_quantile(x${i}, [${res.join(', ')}]) AS r${i}`);
  });
  const [row] = await queryRows(conn, `SELECT ${parts.join(', ')} FROM (SELECT ${inner.length ? inner.join(', ') : '1 AS __one'} FROM ${relation} AS __s)`);
  const r = row!;
  const rows = num(r['n']);
  const nq = quantiles === 'reservoir' ? probs.length : 0;
  return {
    rows,
    cols: cols.map((c, i) => {
      const valid = num(r[`v${i}`]);
      const s: ColumnSummary = { valid, missing: rows - valid, min: num(r[`lo${i}`]), max: num(r[`hi${i}`]), mean: num(r[`mu${i}`]), sd: num(r[`sd${i}`]) };
      const q = r[`q${i}`], res = r[`r${i}`];
      if (Array.isArray(q)) { s.deciles = q.map(num); s.decileSource = 'exact'; }
      if (Array.isArray(res)) {
        const v = res.map(num);
        if (nq) { s.deciles = v.slice(0, nq); s.decileSource = 'reservoir'; }
        if (probes) s.probes = v.slice(nq);
      }
      return s;
    }),
  };
}
