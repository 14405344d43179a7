// Special functions, McNemar and percentile intervals against scipy / statsmodels / numpy values
// (printed by /usr/bin/python3, see the report), and the samplers' statistical properties.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binomial, multinomial } from '../../../core/metrics/binomial.js';
import { mcnemar } from '../../../core/metrics/mcnemar.js';
import { percentileInterval } from '../../../core/metrics/percentileInterval.js';
import { createRng } from '../../../core/metrics/prng.js';
import { chiSquareSf, logGamma, normalQuantile, normalTwoSidedP } from '../../../core/metrics/specialFunctions.js';
import { close } from './helpers.js';

test('normal quantile matches scipy.stats.norm.ppf', () => {
  const cases: [number, number][] = [[0.975, 1.959963984540054], [0.995, 2.5758293035489004], [0.9, 1.2815515655446004],
    [0.5, 0], [0.01, -2.3263478740408408], [1e-10, -6.361340902404056], [0.3, -0.5244005127080409]];
  for (const [p, x] of cases) close(normalQuantile(p), x, 1e-12, `ppf(${p})`);
});

test('chi-square(1) survival and two-sided normal p match scipy', () => {
  const chi: [number, number][] = [[0.0001, 0.9920212873707368], [0.5, 0.47950012218695337], [3.84, 0.05004352124870519], [10, 0.001565402258002549], [40, 2.5396285894708634e-10]];
  for (const [x, p] of chi) close(chiSquareSf(x, 1), p, Math.max(1e-14, p * 1e-10), `chi2.sf(${x})`);
  const nz: [number, number][] = [[0.1, 0.920344325445942], [1, 0.31731050786291415], [1.96, 0.04999579029644087], [3.5, 0.00046525815807105003], [6, 1.973175290075389e-09]];
  for (const [z, p] of nz) close(normalTwoSidedP(z), p, Math.max(1e-14, p * 1e-10), `2 sf(${z})`);
  const lg: [number, number][] = [[0.5, 0.5723649429247], [1, 0], [3.7, 1.428072326665388], [10.5, 13.940625219403763], [1e7, 151180949.36947393]];
  for (const [x, v] of lg) close(logGamma(x), v, Math.max(1e-12, Math.abs(v) * 1e-13), `lgamma(${x})`);
});

test('McNemar matches statsmodels (exact below 25 discordant pairs, else corrected chi-square)', () => {
  const cases: [number, number, boolean, number][] = [[3, 9, true, 0.14599609375], [0, 5, true, 0.0625], [12, 12, true, 1], [7, 17, true, 0.06391465663909912],
    [20, 35, false, 0.059058229090536506], [40, 10, false, 4.109787809945878e-05], [0, 0, true, 1]];
  for (const [b, c, exact, p] of cases) {
    const r = mcnemar(b, c);
    assert.equal(r.method.startsWith('exact'), exact);
    close(r.p, p, 1e-12, `mcnemar(${b}, ${c})`);
  }
});

test('percentile interval matches numpy.percentile (linear)', () => {
  const v = [0.3, 0.1, 0.7, 0.2, 0.9, 0.55, 0.42, 0.05, 0.66, 0.81, 0.11, NaN];
  const iv = percentileInterval(v, 0.95);
  close(iv.low, 0.0625, 1e-15, 'low');
  close(iv.high, 0.8775000000000001, 1e-15, 'high');
  assert.equal(iv.dropped, 1);
});

test('PRNG: same seed, same stream; different seeds differ; uniform mean', () => {
  const a = createRng(20261125), b = createRng(20261125), c = createRng(20261126);
  const xa = Array.from({ length: 5 }, () => a.next()), xb = Array.from({ length: 5 }, () => b.next());
  assert.deepEqual(xa, xb);
  assert.notDeepEqual(xa, Array.from({ length: 5 }, () => c.next()));
  const r = createRng(1);
  let s = 0;
  for (let i = 0; i < 100000; i++) { const u = r.next(); assert.ok(u >= 0 && u < 1); s += u; }
  assert.ok(Math.abs(s / 100000 - 0.5) < 0.005);
});

test('binomial sampler: exact pmf for small n (chi-square goodness of fit), moments for large n', () => {
  const rng = createRng(42);
  const n = 12, p = 0.3, draws = 60000;
  const obs = new Array(n + 1).fill(0);
  for (let i = 0; i < draws; i++) obs[binomial(rng, n, p)]++;
  let chi = 0, dof = 0, coef = 1;
  for (let k = 0; k <= n; k++) {
    const e = draws * coef * p ** k * (1 - p) ** (n - k);
    coef = (coef * (n - k)) / (k + 1);
    if (e < 5) continue;
    chi += (obs[k] - e) ** 2 / e; dof++;
  }
  assert.ok(chiSquareSf(chi, dof - 1) > 0.001, `chi-square ${chi} on ${dof - 1} df`);
  for (const [N, q] of [[1e6, 0.37], [5e7, 0.5], [1000, 0.999]] as const) {
    let s = 0, s2 = 0;
    const m = 4000;
    for (let i = 0; i < m; i++) { const x = binomial(rng, N, q); assert.ok(x >= 0 && x <= N); s += x; s2 += x * x; }
    const mean = s / m, v = s2 / m - mean * mean, sd = Math.sqrt(N * q * (1 - q));
    assert.ok(Math.abs(mean - N * q) < 5 * sd / Math.sqrt(m), `mean n=${N}`);
    assert.ok(Math.abs(v / (N * q * (1 - q)) - 1) < 0.1, `variance n=${N}`);
  }
});

test('multinomial draws sum to n and keep empty cells empty', () => {
  const rng = createRng(3);
  const probs = [5, 0, 10, 85];
  const mean = [0, 0, 0, 0];
  for (let i = 0; i < 2000; i++) {
    const x = multinomial(rng, 100, probs);
    assert.equal(x[0]! + x[1]! + x[2]! + x[3]!, 100);
    assert.equal(x[1], 0);
    for (let k = 0; k < 4; k++) mean[k] += x[k]! / 2000;
  }
  assert.ok(Math.abs(mean[2]! - 10) < 0.5 && Math.abs(mean[3]! - 85) < 0.7);
});
