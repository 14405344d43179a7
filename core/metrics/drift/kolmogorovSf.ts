
/**
 * Survival function Pr(D_n > x) of the two-sided one-sample Kolmogorov statistic D_n, as scipy's
 * `kstwo.sf(x, n)` computes it (scipy/stats/_ksstats.py `_kolmogn`, Simard & L'Ecuyer 2011):
 * Ruben-Gambino closed forms at the ends, 2 x the exact one-sided Smirnov sum for x >= 0.5 or
 * n x^2 >= 2.2 (n > 140), the Durbin matrix (Marsaglia-Tsang-Wang), Pomeranz's recursion for
 * n <= 140, and the Pelz-Good series otherwise. ks_2samp's asymptotic p-value is
 * `kolmogorovSf(d, round(n1 n2 / (n1 + n2)))`.
 */
export function kolmogorovSf(x: number, n: number): number {
  if (!(n > 0) || !Number.isInteger(n) || Number.isNaN(x)) return NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    if (t <= 0.5) return 1;
    let prob: number;
    if (n <= 140) { prob = 1; for (let i = 1; i <= n; i++) prob *= (i / n) * (2 * t - 1); } else prob = Math.exp(logNFactorialDivNPowN(n) + n * Math.log(2 * t - 1));
    return clip(1 - prob);
  }
  if (t >= n - 1) return clip(2 * Math.pow(1 - x, n));
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinMtw(n, x));
    if (nx2 <= 4) return clip(1 - pomeranz(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSf(n, x));
  const cdf = n <= 100000 && n * Math.pow(x, 1.5) <= 1.4 ? durbinMtw(n, x) : pelzGood(n, x);
  return clip(1 - cdf);
}

function clip(p: number): number { return Math.min(1, Math.max(0, p)); }

const STIRLING = [-2.955065359477124183e-2, 6.4102564102564102564e-3, -1.9175269175269175269e-3, 8.4175084175084175084e-4,
  -5.952380952380952381e-4, 7.9365079365079365079e-4, -2.7777777777777777778e-3, 8.3333333333333333333e-2];

function logNFactorialDivNPowN(n: number): number {
  const rn = 1 / n, z = rn / n;
  let poly = 0;
  for (const c of STIRLING) poly = poly * z + c;
  return Math.log(n) / 2 - n + Math.log(2 * Math.PI) / 2 + rn * poly;
}

/**
 * Exact one-sided Smirnov survival Pr(D+_n >= e) by the Birnbaum-Tingey sum (cephes `smirnov`).
 * The binomial coefficient is carried in log space by ratios with compensated (Neumaier) summation
 * - ln C(n, v) reaches ~1e6 at n ~ 1e6, where plain summation loses ~1e-6 - and the sum stops once its terms,
 * past their peak, fall below 1e-17 of the total (the remaining terms are negligible).
 */
export function smirnovSf(n: number, e: number): number {
  if (e <= 0) return 1;
  if (e >= 1) return 0;
  if (n === 1) return 1 - e;
  const nn = Math.min(Math.floor(n * (1 - e)), n - 1);
  let p = 0, logC = 0, comp = 0, prev = -Infinity;
  for (let v = 0; v <= nn; v++) {
    const evn = e + v / n;
    const om = 1 - evn;
    if (om > 0) {
      const lt = logC + comp + (v - 1) * Math.log(evn) + (n - v) * Math.log1p(-evn);
      const term = Math.exp(lt);
      p += term;
      if (lt < prev && term < p * 1e-17) break;
      prev = lt;
    }
    const inc = Math.log((n - v) / (v + 1)), t = logC + inc;
    comp += Math.abs(logC) >= Math.abs(inc) ? logC - t + inc : inc - t + logC;
    logC = t;
  }
  return clip(p * e);
}

/** Pr(D_n <= d) by the Durbin matrix, Marsaglia-Tsang-Wang (2003) form, with exponent scaling. */
function durbinMtw(n: number, d: number): number {
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd), h = k - nd, m = 2 * k - 1;
  const H: Float64Array[] = Array.from({ length: m }, () => new Float64Array(m));
  const v = new Float64Array(m), w = new Float64Array(m);
  let fac = 1;
  for (let j = 1; j <= m; j++) { w[j - 1] = fac; fac /= j; v[j - 1] = (1 - Math.pow(h, j)) * fac; }
  const tt = Math.pow(Math.max(2 * h - 1, 0), m) - 2 * Math.pow(h, m);
  v[m - 1] = (1 + tt) * fac;
  for (let i = 1; i < m; i++) for (let r = i - 1; r < m; r++) H[r]![i] = w[r - i + 1]!;
  for (let r = 0; r < m; r++) H[r]![0] = v[r]!;
  for (let c = 0; c < m; c++) H[m - 1]![c] = v[m - 1 - c]!;
  let P: Float64Array[] = Array.from({ length: m }, (_, i) => { const row = new Float64Array(m); row[i] = 1; return row; });
  let Hc = H, nn = n, expnt = 0, hexp = 0;
  const E = 2 ** 128;
  while (nn > 0) {
    if (nn % 2) { P = matmul(P, Hc); expnt += hexp; }
    Hc = matmul(Hc, Hc); hexp *= 2;
    if (Math.abs(Hc[k - 1]![k - 1]!) > E) { for (const row of Hc) for (let c = 0; c < m; c++) row[c]! /= E; hexp += 128; }
    nn = Math.floor(nn / 2);
  }
  let p = P[k - 1]![k - 1]!;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < 1 / E) { p *= E; expnt -= 128; }
  }
  return clip(p * 2 ** expnt);
}

function matmul(A: Float64Array[], B: Float64Array[]): Float64Array[] {
  const m = A.length;
  const out = Array.from({ length: m }, () => new Float64Array(m));
  for (let i = 0; i < m; i++) {
    const a = A[i]!, o = out[i]!;
    for (let k = 0; k < m; k++) {
      const aik = a[k]!; if (aik === 0) continue;
      const b = B[k]!;
      for (let j = 0; j < m; j++) o[j]! += aik * b[j]!;
    }
  }
  return out;
}

function pomeranzJ(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number, j2: number;
  if (i === 0) { j1 = -ll - ceilf - 1; j2 = ll + ceilf - 1; } else {
    const ip1div2 = Math.floor((i + 1) / 2), ip1mod2 = (i + 1) % 2;
    if (ip1mod2 === 0) {
      if (ip1div2 === n + 1) { j1 = n - ll - ceilf - 1; j2 = n + ll + ceilf - 1; } else { j1 = ip1div2 - 1 - ll - roundf - 1; j2 = ip1div2 + ll - 1 + ceilf - 1; }
    } else { j1 = ip1div2 - 1 - ll - 1; j2 = ip1div2 + ll + roundf - 1; }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** Pr(D_n <= x) by Pomeranz's (1974) recursion, as scipy's `_kolmogn_Pomeranz`. */
function pomeranz(n: number, x: number): number {
  const t = n * x, ll = Math.floor(t), f = t - ll, g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0, roundf = f > 0.5 ? 1 : 0;
  const np = 2 * (ll + 1);
  const gp = new Float64Array(np), tgp = new Float64Array(np), omp = new Float64Array(np);
  gp[0] = tgp[0] = omp[0] = 1;
  for (let m = 1; m < np; m++) { gp[m] = (gp[m - 1]! * g) / n / m; tgp[m] = (tgp[m - 1]! * 2 * g) / n / m; omp[m] = (omp[m - 1]! * (1 - 2 * g)) / n / m; }
  let V0 = new Float64Array(np), V1 = new Float64Array(np);
  V1[0] = 1;
  let V0s = 0, V1s = 0, expnt = 0;
  let [j1, j2] = pomeranzJ(0, n, ll, ceilf, roundf);
  const E = 2 ** 128;
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [V0, V1] = [V1, V0]; [V0s, V1s] = [V1s, V0s];
    V1.fill(0);
    [j1, j2] = pomeranzJ(i, n, ll, ceilf, roundf);
    const pw = i === 1 || i === 2 * n + 1 ? gp : i % 2 ? tgp : omp;
    const ln2 = j2 - k1 + 1;
    if (ln2 > 0) {
      const start = j1 - k1, len = j2 - j1 + 1;
      let mx = 0;
      for (let q = 0; q < len; q++) {
        const idx = start + q; // full convolution index
        let s = 0;
        for (let a = Math.max(0, idx - (ln2 - 1)); a <= Math.min(idx, ln2 - 1); a++) s += V0[k1 - V0s + a]! * pw[idx - a]!;
        V1[q] = s; if (s > mx) mx = s;
      }
      if (mx > 0 && mx < 1 / E) { for (let q = 0; q < np; q++) V1[q]! *= E; expnt -= 128; }
      V1s = V0s + j1 - k1;
    }
  }
  let ans = V1[n - V1s]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(ans) > E) { ans /= E; expnt += 128; }
    ans *= m;
  }
  return clip(ans * 2 ** expnt);
}

/** Pelz-Good (1976) approximation of Pr(D_n <= x), as scipy's `_kolmogn_PelzGood`. */
function pelzGood(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x, z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z4 * z2;
  const PI2 = Math.PI ** 2, PI4 = PI2 * PI2, PI6 = PI4 * PI2, SQ2PI = Math.sqrt(2 * Math.PI);
  const qlog = -PI2 / 8 / z2;
  if (qlog < -708) return 0;
  let q = Math.exp(qlog);
  const k1a = -z2, k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4, k2b = ((2 * z4 - 5 * z2) * PI2) / 4, k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64, k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16, k3b = (PI2 * (135 * z4 - 96 * z6)) / 4, k3a = -30 * z6 - 90 * z ** 8;
  const K = [0, 0, 0, 0];
  const maxk = Math.ceil((16 * z) / Math.PI);
  for (let k = maxk; k > 0; k--) {
    const m = 2 * k - 1, m2 = m * m, m4 = m2 * m2, m6 = m4 * m2;
    const qp = Math.pow(q, 8 * k);
    const co = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let i = 0; i < 4; i++) K[i] = K[i]! * qp + co[i]!;
  }
  const den = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) K[i] = (K[i]! * q * SQ2PI) / den[i]!;
  q = Math.exp(-PI2 / 2 / z2);
  let k2extra = 0, k3extra = 0;
  const s3z = Math.sqrt(3) * z;
  for (let k = maxk; k > 0; k--) {
    const qk = Math.pow(q, k * k), kpi = Math.PI * k;
    k2extra += k * k * qk;
    k3extra += (s3z + kpi) * (s3z - kpi) * k * k * qk;
  }
  K[2]! += (k2extra * PI2 * SQ2PI) / (-36 * z3);
  K[3]! += (k3extra * PI2 * SQ2PI) / (216 * z6);
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += K[i]! / Math.pow(n, i / 2);
  return sum;
}

