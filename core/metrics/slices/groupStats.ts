import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../../contract/index.js';
import type { Cell } from '../cellMetrics.js';
import type { DeLongStats } from '../delong.js';
import { rankMetrics } from '../rankMetrics.js';
import { column } from '../scoreRows.js';
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
 * row counts and Brier/log-loss sums; with `rank`, the labelled scored rows are streamed once and
 * rankMetrics runs per group in JS (AUC, average precision, KS, and with `delong` DeLong's placement
 * covariances), as for the whole. Groups come back sorted by key.
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

/**
 * AUC, average precision, KS (and DeLong's components when `delong`) per group, in JS: the labelled
 * scored rows are streamed once as (group code, y, pp, pc) typed arrays, regrouped contiguously by
 * a counting sort on the code, and each group's range goes through rankMetrics (one radix sort per
 * model), exactly as computeMetrics does for the whole. No GROUP BY (group, score), no window sums,
 * no row joins.
 */
async function addRankStats(conn: DuckDBConnection, view: string, groups: GroupStats[], delong: boolean): Promise<void> {
  const codes = tempName('slice_codes');
  const G = groups.length;
  // Each group's labelled scored rows (already counted) get one contiguous range, filled as streamed.
  const start = new Float64Array(G + 1);
  for (let g = 0; g < G; g++) start[g + 1] = start[g]! + groups[g]!.lab;
  const expected = start[G]!;
  const fill = Float64Array.from(start.subarray(0, G));
  const y = new Int8Array(expected), pp = new Float64Array(expected), pc = new Float64Array(expected);
  try {
    await conn.run(`CREATE TEMP TABLE ${codes} AS SELECT * FROM (VALUES ${groups.map((g, i) => `(${lit(g.key)}, ${i})`).join(', ')}) t(k, code)`);
    const result = await conn.stream(`SELECT c.code::INTEGER, v.y::TINYINT, v.pp, v.pc FROM ${view} v JOIN ${codes} c ON v.k = c.k WHERE v.ok AND v.y IS NOT NULL`);
    let at = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const k = chunk.rowCount;
      const cc = column(chunk, 0, k, Int32Array), cy = column(chunk, 1, k, Int8Array), cp = column(chunk, 2, k, Float64Array), cq = column(chunk, 3, k, Float64Array);
      for (let i = 0; i < k; i++) {
        const c = cc[i]!;
        if (!(c >= 0 && c < G) || fill[c] === start[c + 1]) throw new WorkbenchError('INTERNAL', 'Labelled rows changed while slice metrics were computed; retry.', { expected });
        const p = fill[c]!++;
        y[p] = cy[i]!; pp[p] = cp[i]!; pc[p] = cq[i]!;
      }
      at += k;
    }
    if (at !== expected) throw new WorkbenchError('INTERNAL', `Reading the labelled rows stopped after ${at} of ${expected}; retry.`, { delivered: at, expected });
  } finally {
    await conn.run(`DROP TABLE IF EXISTS ${codes}`);
  }
  for (let gi = 0; gi < G; gi++) {
    const g = groups[gi]!, a = start[gi]!, b = start[gi + 1]!;
    const rows = new Uint32Array(b - a);
    for (let i = 0; i < rows.length; i++) rows[i] = i;
    const r = rankMetrics(pp.subarray(a, b), pc.subarray(a, b), y.subarray(a, b), rows);
    g.rank = { auc: r.auc, prAuc: r.prAuc, ks: r.ks };
    if (delong && r.delong) g.rank.delong = r.delong;
  }
}
