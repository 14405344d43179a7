import { multinomial } from './binomial.js';
import { percentileInterval } from './percentileInterval.js';
import { createRng } from './prng.js';
import { BOOT_BINS, type BootCells } from './rankMetrics.js';

type Interval = { low: number; high: number; used: number; dropped: number };

/** Paired bootstrap intervals of PR AUC and KS: [production, candidate, delta] each. */
export interface RankBootstrap {
  prAuc: (Interval | undefined)[];
  ks: (Interval | undefined)[];
  /** Describes the resampling (exact or binned cells, B, seed) for ci.method. */
  method: string;
}

/**
 * Paired bootstrap of PR AUC (average precision) and KS without touching rows. A row resample is
 * a Multinomial(n, cell shares) draw over the cells (score level under production, under
 * candidate, y). When both models have at most EXACT_LEVELS (rankMetrics.ts) distinct scores the levels are the
 * distinct scores and the resample is exact; otherwise each model's scores are merged into
 * BOOT_BINS equal-mass bins (ties never split), the statistic is computed on binned scores, and the
 * interval is the exact value plus the percentiles of (binned replicate - binned value on the
 * data): the binning only approximates the spread, never moves the centre.
 */
export function rankBootstrap(bc: BootCells, exact: { ap: [number, number]; ks: [number, number] }, settings: { B: number; seed: number; level: number }): RankBootstrap {
  const { K, exact: exactCells } = bc;
  const cells: number[] = [], counts: number[] = [];
  bc.counts.forEach((c, i) => { if (c > 0) { cells.push(i); counts.push(c); } });
  const n = counts.reduce((x, c) => x + c, 0);
  const bp = cells.map((c) => Math.floor(c / 2 / K[1])), bk = cells.map((c) => Math.floor(c / 2) % K[1]), yy = cells.map((c) => c % 2);
  const acc = [new Float64Array(K[0] * 2), new Float64Array(K[1] * 2)];
  const evaluate = (w: ArrayLike<number>): number[] => {
    acc[0]!.fill(0); acc[1]!.fill(0);
    for (let j = 0; j < cells.length; j++) {
      const x = w[j]!;
      if (!x) continue;
      acc[0]![bp[j]! * 2 + yy[j]!] += x; acc[1]![bk[j]! * 2 + yy[j]!] += x;
    }
    const s = acc.map((a) => binnedStats(a));
    return [s[0]!.ap, s[1]!.ap, s[0]!.ks, s[1]!.ks];
  };
  const base = evaluate(counts);
  const rng = createRng(settings.seed ^ 0x5bd1e995);
  const reps = Array.from({ length: 6 }, () => new Float64Array(settings.B));
  const draws = new Float64Array(cells.length);
  for (let b = 0; b < settings.B; b++) {
    multinomial(rng, n, counts, draws);
    const v = evaluate(draws);
    reps[0]![b] = v[0]! - base[0]!; reps[1]![b] = v[1]! - base[1]!; reps[2]![b] = v[1]! - v[0]! - (base[1]! - base[0]!);
    reps[3]![b] = v[2]! - base[2]!; reps[4]![b] = v[3]! - base[3]!; reps[5]![b] = v[3]! - v[2]! - (base[3]! - base[2]!);
  }
  const centre = [exact.ap[0], exact.ap[1], exact.ap[1] - exact.ap[0], exact.ks[0], exact.ks[1], exact.ks[1] - exact.ks[0]];
  const iv = reps.map((r, k) => {
    if (!Number.isFinite(centre[k]!)) return undefined;
    const p = percentileInterval(r, settings.level);
    return { low: centre[k]! + p.low, high: centre[k]! + p.high, used: p.used, dropped: p.dropped };
  });
  const how = exactCells
    ? `exact: ${cells.length} cells (score production, score candidate, y)`
    : `${BOOT_BINS} equal-mass score bins per model, ${cells.length} cells (bin production, bin candidate, y); exact value + percentiles of (binned replicate - binned value)`;
  return { prAuc: iv.slice(0, 3), ks: iv.slice(3), method: `bootstrap percentile, paired multinomial, ${how}, B=${settings.B}, seed=${settings.seed}` };
}

/** AP and KS from per-bin [neg, pos] counts in ascending score order. */
function binnedStats(a: Float64Array): { ap: number; ks: number } {
  const K = a.length / 2;
  let P = 0, N = 0;
  for (let k = 0; k < K; k++) { N += a[2 * k]!; P += a[2 * k + 1]!; }
  let ks = 0, pb = 0, nb = 0;
  for (let k = 0; k < K; k++) {
    pb += a[2 * k + 1]!; nb += a[2 * k]!;
    const g = Math.abs(pb / P - nb / N);
    if (g > ks) ks = g;
  }
  let ap = 0, tp = 0, fp = 0;
  for (let k = K - 1; k >= 0; k--) {
    const pos = a[2 * k + 1]!;
    tp += pos; fp += a[2 * k]!;
    if (pos > 0) ap += (pos / P) * (tp / (tp + fp));
  }
  return { ap: P > 0 ? ap : NaN, ks: P > 0 && N > 0 ? ks : NaN };
}
