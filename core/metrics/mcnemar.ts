import { chiSquareSf, logGamma } from './specialFunctions.js';

/** Result of McNemar's test on the discordant pair counts b and c. */
export interface McNemarResult {
  b: number;
  c: number;
  /** Exact: min(b, c); chi-square: (|b - c| - 1)^2 / (b + c). */
  statistic: number;
  p: number;
  method: 'exact binomial (two-sided)' | 'chi-square with continuity correction';
}

/**
 * McNemar's test as METRICS.md fixes it: b = production right and candidate wrong, c = the
 * reverse. When b + c < 25, the exact two-sided binomial p-value min(1, 2 P[X <= min(b, c)]),
 * X ~ Binomial(b + c, 1/2) (statsmodels `mcnemar(exact=True)`); otherwise the chi-square statistic
 * (|b - c| - 1)^2 / (b + c) with 1 degree of freedom (statsmodels `mcnemar(exact=False,
 * correction=True)`). With b + c = 0 the p-value is 1.
 */
export function mcnemar(b: number, c: number, exactBelow = 25): McNemarResult {
  const n = b + c;
  if (n < exactBelow) {
    const k = Math.min(b, c);
    let cdf = 0;
    let coef = 1; // C(n, i), exact in doubles for the small n used here
    for (let i = 0; i <= k; i++) {
      cdf += n <= 1000 ? coef * 2 ** -n : Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) - n * Math.LN2);
      coef = (coef * (n - i)) / (i + 1);
    }
    return { b, c, statistic: k, p: Math.min(1, 2 * cdf), method: 'exact binomial (two-sided)' };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / n;
  return { b, c, statistic, p: chiSquareSf(statistic, 1), method: 'chi-square with continuity correction' };
}
