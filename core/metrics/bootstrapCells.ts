import { multinomial } from './binomial.js';
import type { CountMetrics } from './cellMetrics.js';
import { percentileInterval, type PercentileInterval } from './percentileInterval.js';
import { createRng } from './prng.js';

/** Bootstrap settings: B replicates, PRNG seed, interval level. */
export interface BootstrapSettings {
  B: number;
  seed: number;
  level: number;
}

/**
 * Paired bootstrap of every cell metric without touching rows: resampling the n scored rows with
 * replacement is exactly a Multinomial(n, cell counts / n) draw over the cells (group, y,
 * ŷ_production, ŷ_candidate), so each replicate is one multinomial draw (conditional binomial
 * chain, see `binomial.ts`) and both models are evaluated on the same resample. Cost
 * O(B × cells), independent of n. Returns one percentile interval per key of `metrics` (undefined
 * for keys with `ci: false`).
 */
export function bootstrapCells(metrics: CountMetrics<{ id: string; ci?: boolean }>, counts: readonly number[], settings: BootstrapSettings): (PercentileInterval | undefined)[] {
  const { B, seed, level } = settings;
  const K = metrics.keys.length;
  const n = counts.reduce((s, x) => s + x, 0);
  const rng = createRng(seed);
  const draws = new Float64Array(counts.length);
  const row = new Float64Array(K);
  const byKey = Array.from({ length: K }, () => new Float64Array(B));
  for (let b = 0; b < B; b++) {
    multinomial(rng, n, counts, draws);
    metrics.values(draws, row);
    for (let k = 0; k < K; k++) byKey[k]![b] = row[k]!;
  }
  return metrics.keys.map((key, k) => (key.ci !== false && B > 0 ? percentileInterval(byKey[k]!, level) : undefined));
}
