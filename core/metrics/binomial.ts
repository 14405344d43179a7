import type { Rng } from './prng.js';
import { logGamma } from './specialFunctions.js';

/**
 * Above this variance n p (1 - p) a binomial draw uses the normal approximation (rounded and
 * clipped to [0, n]); below it the draw is exact. 1e7 means only cells of more than ~4e7 rows
 * are approximated, where the approximation error is far below the bootstrap's own noise.
 */
export const NORMAL_APPROX_MIN_VARIANCE = 1e7;

/**
 * One Binomial(n, p) draw. Exact inversion by chop-down search outward from the mode (Kemp 1986):
 * the pmf at the mode comes from log-gamma, neighbours from the pmf ratio, so the expected cost is
 * O(sqrt(n p (1 - p))) uniform-free steps per draw and independent of n otherwise. Normal
 * approximation only when n p (1 - p) > NORMAL_APPROX_MIN_VARIANCE.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const q = 1 - p;
  const variance = n * p * q;
  if (variance > NORMAL_APPROX_MIN_VARIANCE) {
    const x = Math.round(n * p + Math.sqrt(variance) * standardNormal(rng));
    return Math.min(n, Math.max(0, x));
  }
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const pMode = Math.exp(logGamma(n + 1) - logGamma(mode + 1) - logGamma(n - mode + 1)
    + mode * Math.log(p) + (n - mode) * Math.log(q));
  let u = rng.next() - pMode;
  if (u <= 0) return mode;
  let lo = mode, hi = mode, pLo = pMode, pHi = pMode;
  const ratio = p / q;
  for (;;) {
    const canUp = hi < n && pHi > 0, canDown = lo > 0 && pLo > 0;
    if (!canUp && !canDown) return mode; // numerical leftover of total mass < 1
    if (canUp) {
      pHi *= ((n - hi) / (hi + 1)) * ratio; hi++;
      u -= pHi; if (u <= 0) return hi;
    }
    if (canDown) {
      pLo *= (lo / (n - lo + 1)) / ratio; lo--;
      u -= pLo; if (u <= 0) return lo;
    }
  }
}

/**
 * One Multinomial(n, probs) draw by the conditional binomial chain: cell k gets
 * Binomial(n remaining, p_k / mass remaining). `probs` need not be normalised. Writes into `out`
 * (allocated when absent) and returns it.
 */
export function multinomial(rng: Rng, n: number, probs: ArrayLike<number>, out?: Float64Array): Float64Array {
  const k = probs.length;
  const res = out ?? new Float64Array(k);
  let mass = 0;
  for (let i = 0; i < k; i++) mass += probs[i]!;
  let left = n;
  for (let i = 0; i < k; i++) {
    const pi = probs[i]!;
    if (left <= 0 || pi <= 0) { res[i] = 0; mass -= pi; continue; }
    if (i === k - 1 || mass <= pi) { res[i] = left; left = 0; mass -= pi; continue; }
    const x = binomial(rng, left, pi / mass);
    res[i] = x; left -= x; mass -= pi;
  }
  return res;
}

/** A standard normal draw (Box-Muller). */
export function standardNormal(rng: Rng): number {
  let u = rng.next();
  while (u === 0) u = rng.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}
