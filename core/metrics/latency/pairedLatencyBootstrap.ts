import { createRng } from '../prng.js';
import { LATENCY_QUANTILES, nearestRank } from './nearestRank.js';

/** The statistics bootstrapped for each model: the nearest-rank percentiles, the maximum and the mean. */
export const BOOTSTRAP_STATS: readonly string[] = [...LATENCY_QUANTILES.map((x) => x.id), 'max', 'mean'];

/** Replicates of each statistic, per model (a = production, b = candidate), B values each. */
export interface PairedReplicates {
  a: Record<string, Float64Array>;
  b: Record<string, Float64Array>;
  B: number;
  seed: number;
}

function ascendingOrder(v: Float64Array): Uint32Array {
  const idx = new Uint32Array(v.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  return idx.sort((x, y) => v[x]! - v[y]! || x - y);
}

/**
 * Fills `out[stat][rep]` with the statistics of the resample described by `counts` (how many times
 * each original index was drawn). Walking the pre-sorted order with the counts gives the resample's
 * sorted order without sorting it: O(n) per replicate.
 */
function statsOfResample(v: Float64Array, order: Uint32Array, counts: Uint32Array, ranks: number[], out: Record<string, Float64Array>, rep: number): void {
  const n = v.length;
  let cum = 0;
  let k = 0;
  let sum = 0;
  let max = NaN;
  for (let j = 0; j < n; j++) {
    const i = order[j]!;
    const c = counts[i]!;
    if (c === 0) continue;
    cum += c;
    sum += c * v[i]!;
    max = v[i]!;
    while (k < ranks.length && cum >= ranks[k]!) {
      out[LATENCY_QUANTILES[k]!.id]![rep] = v[i]!;
      k++;
    }
  }
  out.max![rep] = max;
  out.mean![rep] = sum / n;
}

/**
 * Paired bootstrap of latency statistics: each replicate draws n pair indices with replacement (a
 * pair = both models' i-th request, on the same inputs) and evaluates both models on that same
 * resample, so the deltas and ratios keep the pairing. Seeded (core/metrics/prng.ts).
 */
export function pairedLatencyBootstrap(a: Float64Array, b: Float64Array, opts: { B: number; seed: number }): PairedReplicates {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`paired samples differ in length: ${n} and ${b.length}`);
  const B = Math.max(0, Math.floor(opts.B));
  const make = () => Object.fromEntries(BOOTSTRAP_STATS.map((s) => [s, new Float64Array(B).fill(NaN)]));
  const out: PairedReplicates = { a: make(), b: make(), B, seed: opts.seed };
  if (n === 0) return out;
  const ranks = LATENCY_QUANTILES.map(({ q }) => nearestRank(q, n));
  const orderA = ascendingOrder(a);
  const orderB = ascendingOrder(b);
  const rng = createRng(opts.seed);
  const counts = new Uint32Array(n);
  for (let rep = 0; rep < B; rep++) {
    counts.fill(0);
    for (let d = 0; d < n; d++) counts[Math.floor(rng.next() * n)]++;
    statsOfResample(a, orderA, counts, ranks, out.a, rep);
    statsOfResample(b, orderB, counts, ranks, out.b, rep);
  }
  return out;
}
