import { normalTwoSidedP } from '../specialFunctions.js';

/** Two-proportion z-test result; z > 0 when the current share is higher. */
export interface ZTestResult { z: number; p: number; pRef: number; pCur: number }

/**
 * Two-proportion z-test with pooled variance (statsmodels `proportions_ztest([x_C, x_R], [n_C, n_R])`,
 * Evidently's z_stat_test): z = (p_C - p_R) / sqrt(P (1 - P) (1/n_C + 1/n_R)), P the pooled share,
 * two-sided p = 2 (1 - Phi(|z|)). When both samples hold one and the same value (P = 0 or 1) the
 * test is degenerate: z = 0 and p = 1, as Evidently returns.
 */
export function zTest(xRef: number, nRef: number, xCur: number, nCur: number): ZTestResult {
  const pRef = xRef / nRef, pCur = xCur / nCur, P = (xRef + xCur) / (nRef + nCur);
  const se = Math.sqrt(P * (1 - P) * (1 / nRef + 1 / nCur));
  if (!(se > 0)) return { z: 0, p: 1, pRef, pCur };
  const z = (pCur - pRef) / se;
  return { z, p: normalTwoSidedP(z), pRef, pCur };
}
