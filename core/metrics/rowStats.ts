import type { ScoreRows } from './frame.js';
import { BUCKETED_FROM, bucketedQuantiles, selectQuantiles } from './selectQuantiles.js';

/** Mean and sample variance (NaN below 2 values) of one per-row series. */
export interface MeanVar { mean: number; variance: number }

/** Per-row averages over the scored rows: Brier, log loss (labelled rows) and the score delta. */
export interface RowStats {
  brier: [MeanVar, MeanVar, MeanVar];
  logLoss: [MeanVar, MeanVar, MeanVar];
  /** p_candidate - p_production over all scored rows. */
  delta: MeanVar;
  deltaAbsMax: number;
  deltaQuantiles: number[];
}

const EPS = 1e-15;

/**
 * One pass (shifted sums) over the scored rows for Brier and log loss per model and their paired
 * per-row differences [production, candidate, candidate - production], and the score delta; the
 * delta quantiles (numpy linear) by selection, O(n).
 */
export function rowStats(rows: ScoreRows, quantiles: readonly number[]): RowStats {
  // shifted sums (shift = the first value of each series): accurate for these bounded series, no division per row
  const cnt = new Float64Array(7), shift = new Float64Array(7), s1 = new Float64Array(7), s2 = new Float64Array(7);
  const add = (k: number, x: number) => {
    if (cnt[k] === 0) shift[k] = x;
    const d = x - shift[k]!;
    cnt[k]++; s1[k] += d; s2[k] += d * d;
  };
  const { y, pp, pc } = rows;
  // Large frames: the delta quantiles recompute c - p in two passes instead of holding 8 bytes a row.
  const big = rows.n >= BUCKETED_FROM;
  const delta = new Float64Array(big ? 0 : rows.n);
  let absMax = NaN;
  for (let i = 0; i < rows.n; i++) {
    const p = pp[i]!, c = pc[i]!, d = c - p;
    if (!big) delta[i] = d;
    const ad = Math.abs(d);
    if (!(ad <= absMax)) absMax = ad;
    add(6, d);
    const yi = y[i]!;
    if (yi < 0) continue;
    const bp = (p - yi) ** 2, bc = (c - yi) ** 2;
    const lp = logLossTerm(p, yi), lc = logLossTerm(c, yi);
    add(0, bp); add(1, bc); add(2, bc - bp); add(3, lp); add(4, lc); add(5, lc - lp);
  }
  const mv = (k: number): MeanVar => {
    const n = cnt[k]!;
    return { mean: n ? shift[k]! + s1[k]! / n : NaN, variance: n > 1 ? Math.max(0, s2[k]! - (s1[k]! * s1[k]!) / n) / (n - 1) : NaN };
  };
  return {
    brier: [mv(0), mv(1), mv(2)], logLoss: [mv(3), mv(4), mv(5)], delta: mv(6), deltaAbsMax: absMax,
    deltaQuantiles: big ? bucketedQuantiles(rows.n, (i) => pc[i]! - pp[i]!, quantiles) : selectQuantiles(delta, quantiles),
  };
}

/** One row's log loss: -(y ln p + (1 - y) ln(1 - p)), p clipped to [1e-15, 1 - 1e-15] (sklearn `log_loss`). */
export function logLossTerm(p: number, y: number): number {
  const q = Math.min(Math.max(p, EPS), 1 - EPS);
  return -(y === 1 ? Math.log(q) : Math.log(1 - q));
}
