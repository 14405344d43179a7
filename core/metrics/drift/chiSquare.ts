import { chiSquareSf } from '../specialFunctions.js';
import { sum } from './psi.js';

/** Result of the chi-square goodness-of-fit test of current counts against reference shares. */
export interface ChiSquareResult { statistic: number; df: number; p: number; newCategories: number }

/**
 * Chi-square test of the current category counts against the reference shares (Evidently's
 * chi_stat_test): expected_i = reference count_i x n_C / n_R, statistic sum (obs - exp)^2 / exp,
 * df = categories - 1, p = scipy `chisquare(f_obs, f_exp)`. A category seen in the current data
 * but never in the reference has expected count 0: statistic +inf and p = 0, as scipy returns.
 */
export function chiSquare(refCounts: readonly number[], curCounts: readonly number[]): ChiSquareResult {
  const nr = sum(refCounts), nc = sum(curCounts), k = nc / nr;
  let stat = 0, newCategories = 0;
  for (let i = 0; i < refCounts.length; i++) {
    const e = refCounts[i]! * k, o = curCounts[i]!;
    if (e === 0) { if (o > 0) { newCategories++; stat = Infinity; } continue; }
    stat += ((o - e) * (o - e)) / e;
  }
  const df = refCounts.length - 1;
  const p = stat === Infinity ? 0 : df > 0 ? chiSquareSf(stat, df) : 1;
  return { statistic: stat, df, p, newCategories };
}
