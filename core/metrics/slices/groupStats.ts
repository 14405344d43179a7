import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../../contract/index.js';
import type { Cell } from '../cellMetrics.js';
import type { DeLongStats } from '../delong.js';
import { doubleLiteral, num, queryRows, tempName } from '../sql.js';

/** Sums over the labelled scored rows of one group of a per-row quantity (for means and CLT intervals). */
export interface RowSums { s: number; s2: number }

/** Everything the per-group metrics need, gathered in a few GROUP BY passes. */
export interface GroupStats {
  key: string;
  /** Rows of the group, with and without valid scores. */
  rows: number;
  /** Rows where both scores are finite. */
  scored: number;
  /** Labelled scored rows, and the positives among them. */
  lab: number;
  pos: number;
  /** (y, ŷ_production, ŷ_candidate) cells of the scored rows; `groups` is ['all'] (one pseudo-attribute). */
  cells: Cell[];
  /** Per-row Brier and log-loss terms: production, candidate, candidate minus production. */
  brier: [RowSums, RowSums, RowSums];
  logLoss: [RowSums, RowSums, RowSums];
  /** Rank metrics, present when asked for and the group has labelled rows. */
  rank?: { auc: [number, number]; prAuc: [number, number]; ks: [number, number]; delong?: DeLongStats };
}

const zero = (): RowSums => ({ s: 0, s2: 0 });

/**
 * Per-group statistics of a view with columns k (VARCHAR group key, never NULL), y (0/1/NULL),
 * pp, pc (DOUBLE scores) and ok (both scores finite). One GROUP BY (k, ok, y, ŷp, ŷc) gives cells,
 * row counts and Brier/log-loss sums; with `rank`, one GROUP BY (k, score) per model plus a running
 * window sum PARTITION BY k gives AUC, average precision and KS per group (as rankMetrics does for
 * the whole); with `delong`, the rows are joined back to those tables to get DeLong's placement
 * covariances per group. Groups come back sorted by key.
 */
export async function groupStats(conn: DuckDBConnection, view: string, opts: { threshold: number; rank: boolean; delong: boolean }): Promise<Map<string, GroupStats>> {
  const t = doubleLiteral(opts.threshold);
  const clip = (c: string) => `greatest(least(${c}, 1 - 1e-15), 1e-15)`;
  const ll = (c: string) => `-(CASE WHEN y = 1 THEN ln(${clip(c)}) ELSE ln(1 - ${clip(c)}) END)`;
  const L = 'ok AND y IS NOT NULL';
  const terms = { bp: '(pp - y) ^ 2', bc: '(pc - y) ^ 2', bd: '(pc - y) ^ 2 - (pp - y) ^ 2', lp: ll('pp'), lc: ll('pc'), ld: `${ll('pc')} - ${ll('pp')}` };
  const sums = Object.entries(terms).map(([k, e]) => `sum(${e}) FILTER (WHERE ${L}) AS ${k}, sum((${e}) ^ 2) FILTER (WHERE ${L}) AS ${k}2`).join(',\n      ');
  const rows = await queryRows(conn, `SELECT k, ok, y, bad_y,
      CASE WHEN ok THEN (pp >= ${t})::INTEGER END AS yp, CASE WHEN ok THEN (pc >= ${t})::INTEGER END AS yc,
      count(*) AS n,
      ${sums}
    FROM ${view} GROUP BY ALL ORDER BY ALL`);
  const out = new Map<string, GroupStats>();
  for (const r of rows) {
    if (r.bad_y) {
      throw new WorkbenchError('BAD_LABEL', 'The label column y has values other than 0, 1 and NULL; map the label to 1 = positive, 0 = negative first.', {});
    }
    const key = String(r.k);
    let g = out.get(key);
    if (!g) {
      g = { key, rows: 0, scored: 0, lab: 0, pos: 0, cells: [], brier: [zero(), zero(), zero()], logLoss: [zero(), zero(), zero()] };
      out.set(key, g);
    }
    const n = num(r.n);
    g.rows += n;
    if (!r.ok) continue;
    g.scored += n;
    const y = r.y === null ? null : (num(r.y) as 0 | 1);
    g.cells.push({ groups: ['all'], y, yp: num(r.yp) as 0 | 1, yc: num(r.yc) as 0 | 1, n });
    if (y === null) continue;
    g.lab += n;
    if (y === 1) g.pos += n;
    (['bp', 'bc', 'bd'] as const).forEach((k, i) => { g.brier[i]!.s += num(r[k]); g.brier[i]!.s2 += num(r[`${k}2`]); });
    (['lp', 'lc', 'ld'] as const).forEach((k, i) => { g.logLoss[i]!.s += num(r[k]); g.logLoss[i]!.s2 += num(r[`${k}2`]); });
  }
  const labelled = [...out.values()].filter((g) => g.lab > 0);
  if (opts.rank && labelled.length) await addRankStats(conn, view, labelled, opts.delong);
  return new Map([...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

async function addRankStats(conn: DuckDBConnection, view: string, groups: GroupStats[], delong: boolean): Promise<void> {
  const tables = [tempName('slice_rank_p'), tempName('slice_rank_c')];
  const pn = tempName('slice_pn');
  const byKey = new Map(groups.map((g) => [g.key, g]));
  try {
    await conn.run(`CREATE TEMP TABLE ${pn} AS SELECT * FROM (VALUES ${groups.map((g) => `(${lit(g.key)}, ${g.pos}::DOUBLE, ${g.lab - g.pos}::DOUBLE)`).join(', ')}) t(k, P, N)`);
    const cols = ['pp', 'pc'];
    const curves = new Map<string, { auc: number[]; ap: number[]; ks: number[] }>(groups.map((g) => [g.key, { auc: [], ap: [], ks: [] }]));
    for (let m = 0; m < 2; m++) {
      await conn.run(`CREATE TEMP TABLE ${tables[m]} AS
        SELECT k, s, pos, neg,
          sum(neg) OVER w - neg AS neg_below,
          sum(pos) OVER w - pos AS pos_below
        FROM (SELECT k, ${cols[m]} AS s,
                count(*) FILTER (WHERE y = 1)::DOUBLE AS pos,
                count(*) FILTER (WHERE y = 0)::DOUBLE AS neg
              FROM ${view} WHERE ok AND y IS NOT NULL GROUP BY 1, 2)
        WINDOW w AS (PARTITION BY k ORDER BY s ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)`);
      const rows = await queryRows(conn, `SELECT r.k,
          sum(pos * (neg_below + 0.5 * neg)) / (P * N) AS auc,
          sum(CASE WHEN pos > 0 AND P > 0 THEN pos / P * (P - pos_below) / ((P - pos_below) + (N - neg_below)) END) AS ap,
          max(abs((pos_below + pos) / P - (neg_below + neg) / N)) AS ks
        FROM ${tables[m]} r JOIN ${pn} USING (k) GROUP BY r.k, P, N`);
      for (const r of rows) {
        const c = curves.get(String(r.k));
        if (c) { c.auc[m] = num(r.auc); c.ap[m] = num(r.ap); c.ks[m] = num(r.ks); }
      }
    }
    for (const g of groups) {
      const c = curves.get(g.key)!, both = g.pos > 0 && g.lab > g.pos;
      g.rank = {
        auc: both ? [c.auc[0] ?? NaN, c.auc[1] ?? NaN] : [NaN, NaN],
        prAuc: g.pos > 0 ? [c.ap[0] ?? NaN, c.ap[1] ?? NaN] : [NaN, NaN],
        ks: both ? [c.ks[0] ?? NaN, c.ks[1] ?? NaN] : [NaN, NaN],
      };
    }
    if (!delong || !groups.some((g) => g.pos > 0 && g.lab > g.pos)) return;
    const placement = (t: string) => `CASE WHEN v.y = 1 THEN (${t}.neg_below + 0.5 * ${t}.neg) / pn.N
      ELSE (pn.P - ${t}.pos_below - 0.5 * ${t}.pos) / pn.P END`;
    const rows = await queryRows(conn, `SELECT k,
        avg(xp) FILTER (WHERE y = 1) AS auc_p, avg(xc) FILTER (WHERE y = 1) AS auc_c,
        coalesce(var_samp(xp) FILTER (WHERE y = 1), 0) AS s10pp,
        coalesce(var_samp(xc) FILTER (WHERE y = 1), 0) AS s10cc,
        coalesce(covar_samp(xp, xc) FILTER (WHERE y = 1), 0) AS s10pc,
        coalesce(var_samp(xp) FILTER (WHERE y = 0), 0) AS s01pp,
        coalesce(var_samp(xc) FILTER (WHERE y = 0), 0) AS s01cc,
        coalesce(covar_samp(xp, xc) FILTER (WHERE y = 0), 0) AS s01pc
      FROM (SELECT v.k, v.y, ${placement('a')} AS xp, ${placement('b')} AS xc
            FROM ${view} v JOIN ${pn} pn ON v.k = pn.k
              JOIN ${tables[0]} a ON v.k = a.k AND v.pp = a.s JOIN ${tables[1]} b ON v.k = b.k AND v.pc = b.s
            WHERE v.ok AND v.y IS NOT NULL AND pn.P > 0 AND pn.N > 0)
      GROUP BY k`);
    for (const d of rows) {
      const g = byKey.get(String(d.k));
      if (!g?.rank) continue;
      g.rank.delong = {
        nPos: g.pos, nNeg: g.lab - g.pos,
        auc: [num(d.auc_p), num(d.auc_c)],
        s10: [[num(d.s10pp), num(d.s10pc)], [num(d.s10pc), num(d.s10cc)]],
        s01: [[num(d.s01pp), num(d.s01pc)], [num(d.s01pc), num(d.s01cc)]],
      };
    }
  } finally {
    for (const t of [...tables, pn]) await conn.run(`DROP TABLE IF EXISTS ${t}`);
  }
}
