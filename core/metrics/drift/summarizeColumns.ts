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
  /** reservoir_quantile at 1/1000 ... 999/1000 (numbers, when asked). */
  probes?: number[];
}

export const DECILES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/** Decile probabilities of `bins` equal-mass bins. */
export function binProbs(bins: number): number[] {
  return Array.from({ length: bins - 1 }, (_, i) => Number(((i + 1) / bins).toPrecision(15)));
}

/**
 * One aggregate query over `relation` summarising every column. `quantiles`: 'exact' computes
 * the reference's bin edges with quantile_cont, 'reservoir' with reservoir_quantile (fast on
 * millions of rows; DESIGN.md section 8) together with 999 probes used to pick the numeric path.
 */
export async function summarizeColumns(conn: DuckDBConnection, relation: string, cols: ResolvedColumn[], quantiles: 'none' | 'exact' | 'reservoir', bins: number): Promise<{ rows: number; cols: ColumnSummary[] }> {
  const parts = ['count(*) AS n'];
  const probs = `[${binProbs(bins).join(', ')}]`;
  const probeList = `[${Array.from({ length: 999 }, (_, i) => (i + 1) / 1000).join(', ')}]`;
  cols.forEach((c, i) => {
    const f = `FILTER (WHERE ${validExpr(c)})`, v = valueExpr(c);
    parts.push(`count(*) ${f} AS v${i}`);
    if (c.storage !== 'number') return;
    parts.push(`min(${v}) ${f} AS lo${i}`, `max(${v}) ${f} AS hi${i}`, `avg(${v}) ${f} AS mu${i}`, `stddev_pop(${v}) ${f} AS sd${i}`);
    if (quantiles === 'exact') parts.push(`quantile_cont(${v}, ${probs}) ${f} AS q${i}`);
    if (quantiles === 'reservoir') parts.push(`reservoir_quantile(${v}, ${probs}) ${f} AS q${i}`, `reservoir_quantile(${v}, ${probeList}) ${f} AS pr${i}`);
  });
  const [row] = await queryRows(conn, `SELECT ${parts.join(', ')} FROM ${relation} AS __s`);
  const r = row!;
  const rows = num(r['n']);
  return {
    rows,
    cols: cols.map((c, i) => {
      const valid = num(r[`v${i}`]);
      const s: ColumnSummary = { valid, missing: rows - valid, min: num(r[`lo${i}`]), max: num(r[`hi${i}`]), mean: num(r[`mu${i}`]), sd: num(r[`sd${i}`]) };
      const q = r[`q${i}`], pr = r[`pr${i}`];
      if (Array.isArray(q)) s.deciles = q.map(num);
      if (Array.isArray(pr)) s.probes = pr.map(num);
      return s;
    }),
  };
}
