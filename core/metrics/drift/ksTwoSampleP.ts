import { kolmogorovSf } from './kolmogorovSf.js';

/** scipy's `ks_2samp(method='auto')` uses the exact distribution when max(n1, n2) <= this. */
export const KS_EXACT_MAX_N = 10000;

/** p-value of the two-sided two-sample KS test and how it was obtained. */
export interface KsP { p: number; method: 'exact' | 'asymptotic'; d: number }

/**
 * Two-sided p-value of the two-sample Kolmogorov-Smirnov statistic `d` for sample sizes n1, n2,
 * following scipy 1.10 `ks_2samp(method='auto')`: exact when max(n1, n2) <= 10,000 (d rounded to
 * the lattice h / lcm(n1, n2); `_compute_prob_outside_square` when n1 = n2, otherwise
 * `_compute_outer_prob_inside_method`, Hodges 1958 / Viehmann 2021), else - or when the exact
 * computation fails - `kstwo.sf(d, round(n1 n2 / (n1 + n2)))`.
 */
export function ksTwoSampleP(d: number, n1: number, n2: number): KsP {
  if (max(n1, n2) <= KS_EXACT_MAX_N) {
    const g = gcd(n1, n2);
    const lcm = (n1 / g) * n2;
    const h = Math.round(d * lcm);
    const dr = h / lcm;
    if (h === 0) return { p: 1, method: 'exact', d: dr };
    const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
    if (prob >= 0 && prob <= 1) return { p: prob, method: 'exact', d: dr };
  }
  const [m, n] = n1 >= n2 ? [n1, n2] : [n2, n1];
  const en = (m * n) / (m + n);
  return { p: Math.min(1, Math.max(0, kolmogorovSf(d, roundHalfEven(en)))), method: 'asymptotic', d };
}

function max(a: number, b: number): number { return a > b ? a : b; }

function gcd(a: number, b: number): number { while (b) [a, b] = [b, a % b]; return a; }

/** numpy's round: halves to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Pr(D_{n,n} >= h/n) (scipy `_compute_prob_outside_square`). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/** Proportion of lattice paths not staying strictly inside |x/m - y/n| < h/lcm (scipy `_compute_outer_prob_inside_method`). */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const [m, n] = m0 >= n0 ? [m0, n0] : [n0, m0];
  const mg = m / g, ng = n / g;
  let minj = 0, maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  for (let j = minj; j < maxj; j++) A[j] = 0;
  for (let i = 1; i <= m; i++) {
    const lastminj = minj, lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj]! * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) for (let q = maxj - minj; q < Math.min(maxj - minj + (lastlen - curlen), lenA); q++) A[q] = 1;
  }
  return A[maxj - minj - 1]!;
}
