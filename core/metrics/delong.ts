import { normalQuantile, normalTwoSidedP } from './specialFunctions.js';

/**
 * Sufficient statistics of DeLong's method for two scores on the same labelled rows (Sun & Xu 2014
 * structural components). Placement of a positive row under model k: V10 = share of negatives
 * scored below it + half the share tied with it; of a negative row: V01 = share of positives scored
 * above it + half the share tied. AUC_k = mean V10 = mean V01.
 */
export interface DeLongStats {
  nPos: number;
  nNeg: number;
  /** AUC of model 0 and model 1 (mean of V10). */
  auc: [number, number];
  /** Sample covariance matrix (denominator nPos - 1) of the positives' placements [V10_0, V10_1]. */
  s10: [[number, number], [number, number]];
  /** Sample covariance matrix (denominator nNeg - 1) of the negatives' placements [V01_0, V01_1]. */
  s01: [[number, number], [number, number]];
}

/** DeLong's paired comparison of model 1 against model 0. */
export interface DeLongResult {
  auc: [number, number];
  /** Var(AUC_k) = S10_kk / nPos + S01_kk / nNeg. */
  variance: [number, number];
  /** Cov(AUC_0, AUC_1) = S10_01 / nPos + S01_01 / nNeg. */
  covariance: number;
  /** AUC_1 - AUC_0. */
  difference: number;
  /** sqrt(Var_0 + Var_1 - 2 Cov). */
  se: number;
  z: number;
  /** Two-sided normal p-value. */
  p: number;
  /** Wald interval difference ± z_(1-α/2) se, as pROC's roc.test reports it. */
  ci: { low: number; high: number; level: number };
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988) test for two correlated ROC AUCs from their structural
 * components; the reference is pROC `roc.test(method = "delong", paired = TRUE)`. When both AUCs are
 * identical (se = 0 and difference = 0) z = 0 and p = 1, as in pROC.
 */
export function delong(stats: DeLongStats, level = 0.95): DeLongResult {
  const { nPos, nNeg, auc, s10, s01 } = stats;
  const variance: [number, number] = [s10[0][0] / nPos + s01[0][0] / nNeg, s10[1][1] / nPos + s01[1][1] / nNeg];
  const covariance = s10[0][1] / nPos + s01[0][1] / nNeg;
  const difference = auc[1] - auc[0];
  const se = Math.sqrt(Math.max(0, variance[0] + variance[1] - 2 * covariance));
  let z = difference / se;
  if (Number.isNaN(z) && difference === 0) z = 0;
  const p = normalTwoSidedP(z);
  const zc = normalQuantile(1 - (1 - level) / 2);
  return {
    auc, variance, covariance, difference, se, z, p,
    ci: { low: difference - zc * se, high: difference + zc * se, level },
  };
}

/** DeLong interval for one AUC: auc ± z_(1-α/2) sqrt(variance), clipped to [0, 1] (as pROC's ci.auc). */
export function delongAucInterval(auc: number, variance: number, level = 0.95): { low: number; high: number; level: number } {
  const zc = normalQuantile(1 - (1 - level) / 2);
  const half = zc * Math.sqrt(Math.max(0, variance));
  return { low: Math.max(0, auc - half), high: Math.min(1, auc + half), level };
}

/**
 * DeLong statistics from per-row placement values: x0/x1 are the positives' V10 under models 0
 * and 1 (same row order), y0/y1 the negatives' V01.
 */
export function delongStatsFromPlacements(x0: ArrayLike<number>, x1: ArrayLike<number>, y0: ArrayLike<number>, y1: ArrayLike<number>): DeLongStats {
  return {
    nPos: x0.length,
    nNeg: y0.length,
    auc: [mean(x0), mean(x1)],
    s10: covMatrix(x0, x1),
    s01: covMatrix(y0, y1),
  };
}

function mean(a: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / a.length;
}

function covMatrix(a: ArrayLike<number>, b: ArrayLike<number>): [[number, number], [number, number]] {
  const n = a.length, ma = mean(a), mb = mean(b);
  let saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma, db = b[i]! - mb;
    saa += da * da; sbb += db * db; sab += da * db;
  }
  const d = n - 1;
  return [[saa / d, sab / d], [sab / d, sbb / d]];
}
