/**
 * Percentile interval of bootstrap replicates, with linear interpolation between order statistics
 * (numpy's default `percentile(..., method="linear")`). NaN replicates (metric undefined in that
 * resample) are dropped and counted.
 */
export interface PercentileInterval {
  low: number;
  high: number;
  /** Replicates used (finite values). */
  used: number;
  /** Replicates dropped because the metric was undefined in them. */
  dropped: number;
}

/** Linear-interpolation quantile of sorted values (numpy "linear"). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Central `level` percentile interval of `values` (e.g. level 0.95 -> 2.5% and 97.5%). */
export function percentileInterval(values: ArrayLike<number>, level = 0.95): PercentileInterval {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) finite.push(v);
  }
  const sorted = Float64Array.from(finite).sort();
  const alpha = (1 - level) / 2;
  return {
    low: quantileSorted(sorted, alpha),
    high: quantileSorted(sorted, 1 - alpha),
    used: sorted.length,
    dropped: values.length - sorted.length,
  };
}
