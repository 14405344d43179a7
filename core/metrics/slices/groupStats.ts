import type { Cell } from '../cellMetrics.js';
import type { DeLongStats } from '../delong.js';
import type { MetricFrame } from '../frame.js';
import { rankMetrics } from '../rankMetrics.js';
import { logLossTerm } from '../rowStats.js';

/** Sums over the labelled scored rows of one group of a per-row quantity (for means and CLT intervals). */
export interface RowSums { s: number; s2: number }

/** Everything the per-group metrics need. */
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

// Accumulator slots per group: rows, scored, lab, pos, 12 cells (y 0/1/NULL x ŷp x ŷc), then (s, s2) of bp, bc, bd, lp, lc, ld.
const ROWS = 0, SCORED = 1, LAB = 2, POS = 3, CELLS = 4, SUMS = 16, SLOTS = 28;

/**
 * Per-group statistics of the frame's rows grouped by `codes` (index into `labels`; -1 = left out):
 * row counts, the (y, ŷp, ŷc) cells of the scored rows, Brier/log-loss sums, and with `rank` the
 * rank metrics (AUC, average precision, KS, DeLong's components) of each group's labelled scored
 * rows, exactly as computeMetrics computes them for the whole. One pass over the rows, then one
 * rankMetrics per group on its rows copied contiguously. Groups come back sorted by label.
 */
export function groupStats(f: MetricFrame, codes: Int32Array, labels: readonly string[], opts: { threshold: number; rank: boolean }): Map<string, GroupStats> {
  const G = labels.length, t = opts.threshold;
  const acc = new Float64Array(G * SLOTS);
  const { y, pp, pc } = f;
  for (let i = 0; i < f.n; i++) {
    const g = codes[i]!;
    if (g < 0) continue;
    const o = g * SLOTS;
    acc[o + ROWS]++;
    const p = pp[i]!, c = pc[i]!;
    if (!(Number.isFinite(p) && Number.isFinite(c))) continue;
    acc[o + SCORED]++;
    const yi = y[i]!;
    acc[o + CELLS + (yi < 0 ? 2 : yi) * 4 + (p >= t ? 2 : 0) + (c >= t ? 1 : 0)]++;
    if (yi < 0) continue;
    acc[o + LAB]++;
    if (yi === 1) acc[o + POS]++;
    const bp = (p - yi) ** 2, bc = (c - yi) ** 2;
    const lp = logLossTerm(p, yi), lc = logLossTerm(c, yi);
    const s = o + SUMS;
    acc[s] += bp; acc[s + 1] += bp * bp;
    acc[s + 2] += bc; acc[s + 3] += bc * bc;
    acc[s + 4] += bc - bp; acc[s + 5] += (bc - bp) ** 2;
    acc[s + 6] += lp; acc[s + 7] += lp * lp;
    acc[s + 8] += lc; acc[s + 9] += lc * lc;
    acc[s + 10] += lc - lp; acc[s + 11] += (lc - lp) ** 2;
  }
  const out = new Map<string, GroupStats>();
  const sums = (o: number, k: number): RowSums => ({ s: acc[o + SUMS + 2 * k]!, s2: acc[o + SUMS + 2 * k + 1]! });
  const order = labels.map((l, g) => [l, g] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [key, g] of order) {
    const o = g * SLOTS;
    if (acc[o + ROWS] === 0) continue;
    const cells: Cell[] = [];
    for (let k = 0; k < 12; k++) {
      const n = acc[o + CELLS + k]!;
      if (n > 0) cells.push({ groups: ['all'], y: k >> 2 === 2 ? null : ((k >> 2) as 0 | 1), yp: ((k >> 1) & 1) as 0 | 1, yc: (k & 1) as 0 | 1, n });
    }
    out.set(key, {
      key, rows: acc[o + ROWS]!, scored: acc[o + SCORED]!, lab: acc[o + LAB]!, pos: acc[o + POS]!, cells,
      brier: [sums(o, 0), sums(o, 1), sums(o, 2)], logLoss: [sums(o, 3), sums(o, 4), sums(o, 5)],
    });
  }
  if (opts.rank) addRankStats(f, codes, labels, out);
  return out;
}

/**
 * Each group's labelled scored rows in turn: a counting sort of row indices by code (4 bytes a row),
 * then per group its y and scores copied contiguously and rankMetrics on them, so only one group's
 * arrays and sort buffers are alive at a time.
 */
function addRankStats(f: MetricFrame, codes: Int32Array, labels: readonly string[], stats: Map<string, GroupStats>): void {
  const G = labels.length;
  const start = new Float64Array(G + 1);
  for (let g = 0; g < G; g++) start[g + 1] = start[g]! + (stats.get(labels[g]!)?.lab ?? 0);
  const total = start[G]!;
  if (total === 0) return;
  const fill = Float64Array.from(start.subarray(0, G));
  const order = new Uint32Array(total);
  for (let i = 0; i < f.n; i++) {
    const g = codes[i]!;
    if (g < 0 || f.y[i]! < 0 || !(Number.isFinite(f.pp[i]!) && Number.isFinite(f.pc[i]!))) continue;
    order[fill[g]!++] = i;
  }
  for (let g = 0; g < G; g++) {
    const a = start[g]!, m = start[g + 1]! - a;
    if (m === 0) continue;
    const y = new Int8Array(m), pp = new Float64Array(m), pc = new Float64Array(m), rows = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      const r = order[a + i]!;
      y[i] = f.y[r]!; pp[i] = f.pp[r]!; pc[i] = f.pc[r]!; rows[i] = i;
    }
    const r = rankMetrics(pp, pc, y, rows);
    stats.get(labels[g]!)!.rank = { auc: r.auc, prAuc: r.prAuc, ks: r.ks, ...(r.delong ? { delong: r.delong } : {}) };
  }
}
