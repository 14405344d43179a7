/** PSI bands of METRICS.md: < 0.1 stable, 0.1-0.25 monitor, >= 0.25 act. */
export type PsiBand = 'stable' | 'monitor' | 'act';

/**
 * Population Stability Index: sum over bins of (c_i - r_i) ln(c_i / r_i), with r_i and c_i the
 * reference and current shares of bin i, each clipped below at `epsilon` (not renormalised).
 * Bins are given as counts in the same order for both samples.
 */
export function psi(refCounts: readonly number[], curCounts: readonly number[], epsilon = 1e-4): number {
  const nr = sum(refCounts), nc = sum(curCounts);
  let s = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const r = Math.max(refCounts[i]! / nr, epsilon), c = Math.max(curCounts[i]! / nc, epsilon);
    s += (c - r) * Math.log(c / r);
  }
  return s;
}

/** The band of a PSI value. */
export function psiBand(value: number): PsiBand {
  return value < 0.1 ? 'stable' : value < 0.25 ? 'monitor' : 'act';
}

export function sum(xs: readonly number[]): number { let s = 0; for (const x of xs) s += x; return s; }
