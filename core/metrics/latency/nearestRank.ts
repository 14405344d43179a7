/**
 * Nearest-rank percentiles, the rule HdrHistogram reports: the q-th percentile of n samples is the
 * smallest sample at or below which at least q*n of the samples fall, i.e. sorted[ceil(q*n) - 1].
 */

/** The quantiles reported for latency, as fractions, with their id suffixes (latency.p50, ...). */
export const LATENCY_QUANTILES: readonly { id: string; q: number }[] = [
  { id: 'p50', q: 0.5 }, { id: 'p90', q: 0.9 }, { id: 'p95', q: 0.95 }, { id: 'p99', q: 0.99 }, { id: 'p999', q: 0.999 },
];

/**
 * The 1-based nearest rank ceil(q*n), clamped to [1, n]. q*n is rounded to 1e-6 first so that
 * floating-point products such as 0.999 * 10000 = 9990.000000000002 do not step to the next rank.
 */
export function nearestRank(q: number, n: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be in [0, 1], got ${q}`);
  const qn = Math.round(q * n * 1e6) / 1e6;
  return Math.min(n, Math.max(1, Math.ceil(qn)));
}

/** Nearest-rank percentile of ascending-sorted values; NaN when empty. */
export function nearestRankSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  return n === 0 ? NaN : sorted[nearestRank(q, n) - 1]!;
}

/** Exact summary of a sample: nearest-rank percentiles, min, max, mean (NaN when empty). */
export interface ExactSummary {
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Keyed by LATENCY_QUANTILES ids (p50, p90, p95, p99, p999). */
  percentiles: Record<string, number>;
}

export function exactSummary(values: ArrayLike<number>): ExactSummary {
  const sorted = Float64Array.from(values as ArrayLike<number>).sort();
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  const percentiles: Record<string, number> = {};
  for (const { id, q } of LATENCY_QUANTILES) percentiles[id] = nearestRankSorted(sorted, q);
  return { n, min: n ? sorted[0]! : NaN, max: n ? sorted[n - 1]! : NaN, mean: n ? sum / n : NaN, percentiles };
}
