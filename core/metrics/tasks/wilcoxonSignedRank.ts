import type { DuckDBConnection } from '@duckdb/node-api';
import { normalTwoSidedP } from '../specialFunctions.js';
import { num, queryRows } from '../sql.js';

/** Wilcoxon signed-rank test of paired differences, normal approximation. */
export interface WilcoxonResult {
  /** Non-zero differences used (zeros dropped, scipy zero_method="wilcox"). */
  n: number;
  /** Differences equal to zero, dropped. */
  zeros: number;
  /** Sum of the ranks of the positive differences. */
  rPlus: number;
  /** min(r+, r-), scipy's two-sided statistic. */
  statistic: number;
  z: number;
  p: number;
}

/**
 * Wilcoxon signed-rank test (two-sided) of the per-row differences `diff` (a SQL expression) over
 * the rows of `from` (a FROM clause body, with its WHERE). Conventions of scipy
 * `wilcoxon(x, y, zero_method="wilcox", correction=False, mode="approx")`: zero differences are
 * dropped, |d| ranked with ties at their average rank, T = min(r+, r-),
 * z = (T - n(n+1)/4) / sqrt(n(n+1)(2n+1)/24 - sum(t^3 - t)/48) over the tie groups of size t,
 * p = 2 Φ(-|z|). Always the normal approximation (scipy's "auto" would use the exact null
 * distribution for n <= 50 without zeros). The ranks come from one GROUP BY |d| and one running sum
 * over the distinct |d| in SQL: O(n) to aggregate plus a sort of the distinct values.
 */
export async function wilcoxonSignedRank(conn: DuckDBConnection, from: string, diff: string): Promise<WilcoxonResult> {
  const [r] = await queryRows(conn, `WITH d AS (SELECT ${diff} AS d FROM ${from}),
    g AS (SELECT abs(d) AS ad, count(*)::DOUBLE AS cnt, (count(*) FILTER (WHERE d > 0))::DOUBLE AS pos FROM d WHERE d <> 0 GROUP BY abs(d)),
    r AS (SELECT cnt, pos, sum(cnt) OVER (ORDER BY ad ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum FROM g)
    SELECT (SELECT count(*) FROM d WHERE d = 0) AS zeros, coalesce(sum(cnt), 0) AS n,
      coalesce(sum(pos * (cum - (cnt - 1) / 2.0)), 0) AS rplus, coalesce(sum(cnt * cnt * cnt - cnt), 0) AS ties FROM r`);
  const n = num(r!.n), rPlus = num(r!.rplus), ties = num(r!.ties), zeros = num(r!.zeros);
  const rMinus = (n * (n + 1)) / 2 - rPlus;
  const statistic = Math.min(rPlus, rMinus);
  const se = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - ties / 48);
  const z = n > 0 && se > 0 ? (statistic - (n * (n + 1)) / 4) / se : NaN;
  return { n, zeros, rPlus, statistic, z, p: Number.isNaN(z) ? NaN : normalTwoSidedP(z) };
}
