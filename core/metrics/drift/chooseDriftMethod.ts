/** Drift tests a column can be judged by. */
export type DriftMethod = 'psi' | 'ks' | 'wasserstein' | 'jensen_shannon' | 'chi_square' | 'z_test';

/** Kind of a column for drift. */
export type DriftKind = 'numeric' | 'categorical' | 'binary';

/** Reference sizes up to this use p-value tests (Evidently). */
export const SMALL_REFERENCE_MAX_ROWS = 1000;

/** How a method decides drift. */
export interface MethodRule { method: DriftMethod; hasP: boolean; threshold: number; rule: string }

/**
 * Evidently's default choice: reference with at most 1,000 rows -> KS for numeric columns with
 * more than 5 distinct values, chi-square for other columns with more than 2 distinct values,
 * z-test for binary ones (drift at p < 0.05); larger reference -> normed Wasserstein for numeric
 * columns with more than 5 distinct values, Jensen-Shannon otherwise (drift at >= 0.1).
 * `distinct` counts the non-missing distinct values of reference and current together.
 */
export function chooseDriftMethod(kind: DriftKind, distinct: number, referenceRows: number): DriftMethod {
  const continuous = kind === 'numeric' && distinct > 5;
  if (referenceRows <= SMALL_REFERENCE_MAX_ROWS) return continuous ? 'ks' : distinct > 2 ? 'chi_square' : 'z_test';
  return continuous ? 'wasserstein' : 'jensen_shannon';
}

/** Decision rule of a method: p-value tests at p < 0.05 (after correction), distances at >= 0.1. */
export function methodRule(method: DriftMethod): MethodRule {
  switch (method) {
    case 'ks': return { method, hasP: true, threshold: 0.05, rule: 'ks: drift if adjusted p < 0.05' };
    case 'chi_square': return { method, hasP: true, threshold: 0.05, rule: 'chi_square: drift if adjusted p < 0.05' };
    case 'z_test': return { method, hasP: true, threshold: 0.05, rule: 'z_test: drift if adjusted p < 0.05' };
    case 'wasserstein': return { method, hasP: false, threshold: 0.1, rule: 'wasserstein_normed: drift if >= 0.1' };
    case 'jensen_shannon': return { method, hasP: false, threshold: 0.1, rule: 'jensen_shannon: drift if >= 0.1' };
    case 'psi': return { method, hasP: false, threshold: 0.1, rule: 'psi: drift if >= 0.1' };
  }
}
