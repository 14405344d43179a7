import { sum } from './psi.js';

/**
 * Jensen-Shannon distance (base e) between two binned samples, as scipy
 * `spatial.distance.jensenshannon(p, q)`: both count vectors normalised to sum 1, m = (p + q) / 2,
 * sqrt((KL(p || m) + KL(q || m)) / 2), zero bins contributing 0 (no share floor).
 */
export function jensenShannon(refCounts: readonly number[], curCounts: readonly number[]): number {
  const nr = sum(refCounts), nc = sum(curCounts);
  let js = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const p = refCounts[i]! / nr, q = curCounts[i]! / nc, m = (p + q) / 2;
    if (p > 0) js += p * Math.log(p / m);
    if (q > 0) js += q * Math.log(q / m);
  }
  return Math.sqrt(Math.max(js / 2, 0));
}
