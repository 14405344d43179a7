import type { DuckDBConnection } from '@duckdb/node-api';
import type { DeLongStats } from './delong.js';
import { num, queryRows, tempName } from './sql.js';

/** Rank-based outcome metrics of both models on the labelled scored rows. */
export interface RankMetrics {
  /** ROC AUC (Mann-Whitney, ties count one half); NaN without positives or negatives. */
  auc: [number, number];
  /** Average precision (sklearn `average_precision_score`); NaN without positives. */
  prAuc: [number, number];
  /** max |F1 - F0| over distinct scores (scipy `ks_2samp` statistic). */
  ks: [number, number];
  /** DeLong structural components; undefined unless there are positives and negatives. */
  delong?: DeLongStats;
}

/**
 * Computes ROC AUC, PR AUC, KS and DeLong's placement statistics in DuckDB. For each model one
 * GROUP BY over distinct scores gives positive/negative counts per score, and a running window sum
 * gives the counts strictly below; every metric is then an aggregate over the distinct scores, and
 * the placements (V10 = (negatives below + half ties) / N, V01 = (positives above + half ties) / P)
 * are joined back to the rows to get their paired covariances. `view` must expose y, pp, pc and ok.
 */
export async function rankMetrics(conn: DuckDBConnection, view: string, P: number, N: number): Promise<RankMetrics> {
  const tables = [tempName('rank_p'), tempName('rank_c')];
  try {
    const cols = ['pp', 'pc'];
    const curve: { auc: number; ap: number; ks: number }[] = [];
    for (let m = 0; m < 2; m++) {
      await conn.run(`CREATE TEMP TABLE ${tables[m]} AS
        SELECT s, pos, neg,
          sum(neg) OVER w - neg AS neg_below,
          sum(pos) OVER w - pos AS pos_below
        FROM (SELECT ${cols[m]} AS s,
                count(*) FILTER (WHERE y = 1)::DOUBLE AS pos,
                count(*) FILTER (WHERE y = 0)::DOUBLE AS neg
              FROM ${view} WHERE ok AND y IS NOT NULL GROUP BY 1)
        WINDOW w AS (ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`);
      const [r] = await queryRows(conn, `SELECT
          sum(pos * (neg_below + 0.5 * neg)) / (${P}::DOUBLE * ${N}::DOUBLE) AS auc,
          sum(CASE WHEN pos > 0 THEN pos / ${P}::DOUBLE * (${P} - pos_below) / ((${P} - pos_below) + (${N} - neg_below)) END) AS ap,
          max(abs((pos_below + pos) / ${P}::DOUBLE - (neg_below + neg) / ${N}::DOUBLE)) AS ks
        FROM ${tables[m]}`);
      curve.push({ auc: num(r!.auc), ap: P > 0 ? num(r!.ap) : NaN, ks: num(r!.ks) });
    }
    const both = P > 0 && N > 0;
    const out: RankMetrics = {
      auc: both ? [curve[0]!.auc, curve[1]!.auc] : [NaN, NaN],
      prAuc: [curve[0]!.ap, curve[1]!.ap],
      ks: both ? [curve[0]!.ks, curve[1]!.ks] : [NaN, NaN],
    };
    if (!both) return out;
    const placement = (t: string) => `CASE WHEN v.y = 1 THEN (${t}.neg_below + 0.5 * ${t}.neg) / ${N}::DOUBLE
      ELSE (${P} - ${t}.pos_below - 0.5 * ${t}.pos) / ${P}::DOUBLE END`;
    const [d] = await queryRows(conn, `SELECT
        avg(xp) FILTER (WHERE y = 1) AS auc_p, avg(xc) FILTER (WHERE y = 1) AS auc_c,
        coalesce(var_samp(xp) FILTER (WHERE y = 1), 0) AS s10pp,
        coalesce(var_samp(xc) FILTER (WHERE y = 1), 0) AS s10cc,
        coalesce(covar_samp(xp, xc) FILTER (WHERE y = 1), 0) AS s10pc,
        coalesce(var_samp(xp) FILTER (WHERE y = 0), 0) AS s01pp,
        coalesce(var_samp(xc) FILTER (WHERE y = 0), 0) AS s01cc,
        coalesce(covar_samp(xp, xc) FILTER (WHERE y = 0), 0) AS s01pc
      FROM (SELECT v.y, ${placement('a')} AS xp, ${placement('b')} AS xc
            FROM ${view} v JOIN ${tables[0]} a ON v.pp = a.s JOIN ${tables[1]} b ON v.pc = b.s
            WHERE v.ok AND v.y IS NOT NULL)`);
    out.delong = {
      nPos: P, nNeg: N,
      auc: [num(d!.auc_p), num(d!.auc_c)],
      s10: [[num(d!.s10pp), num(d!.s10pc)], [num(d!.s10pc), num(d!.s10cc)]],
      s01: [[num(d!.s01pp), num(d!.s01pc)], [num(d!.s01pc), num(d!.s01cc)]],
    };
    return out;
  } finally {
    for (const t of tables) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
