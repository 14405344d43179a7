import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exactSummary, nearestRank, nearestRankSorted } from '../../../../core/metrics/latency/nearestRank.js';
import { histogramSummary } from '../../../../core/replay/latency/histogramSummary.js';

const range = (n: number) => Float64Array.from({ length: n }, (_, i) => i + 1);

test('nearest rank of 1..1000 is the hand-computed value ceil(q*n)', () => {
  const s = exactSummary(range(1000));
  assert.deepEqual(s.percentiles, { p50: 500, p90: 900, p95: 950, p99: 990, p999: 999 });
  assert.equal(s.max, 1000);
  assert.equal(s.min, 1);
  assert.equal(s.mean, 500.5);
});

test('nearest rank on small samples takes the next rank up, never interpolates', () => {
  const ten = range(10);
  assert.equal(nearestRankSorted(ten, 0.5), 5);
  assert.equal(nearestRankSorted(ten, 0.9), 9);
  assert.equal(nearestRankSorted(ten, 0.95), 10); // ceil(9.5) = 10
  assert.equal(nearestRankSorted(ten, 0.999), 10);
  assert.equal(nearestRankSorted(ten, 0.51), 6); // ceil(5.1) = 6
  assert.equal(nearestRankSorted(Float64Array.of(7), 0.5), 7);
  assert.ok(Number.isNaN(nearestRankSorted(new Float64Array(0), 0.5)));
  assert.equal(nearestRank(0, 10), 1);
});

test('floating-point products such as 0.55 * 100 = 55.00000000000001 do not step to the next rank', () => {
  assert.equal(0.55 * 100 > 55, true); // the trap
  assert.equal(nearestRank(0.55, 100), 55);
  assert.equal(nearestRank(0.55, 180), 99);
  assert.equal(nearestRank(0.999, 10000), 9990);
  assert.equal(nearestRank(0.95, 20), 19);
  assert.equal(nearestRank(0.99, 100), 99);
});

test('a skewed distribution: 900 x 1, 90 x 10, 9 x 100, 1 x 1000 (shuffled)', () => {
  const v: number[] = [];
  for (let i = 0; i < 900; i++) v.push(1);
  for (let i = 0; i < 90; i++) v.push(10);
  for (let i = 0; i < 9; i++) v.push(100);
  v.push(1000);
  v.reverse();
  const s = exactSummary(Float64Array.from(v));
  assert.deepEqual(s.percentiles, { p50: 1, p90: 1, p95: 10, p99: 10, p999: 100 });
  assert.equal(s.max, 1000);
  assert.equal(s.mean, (900 + 900 + 900 + 1000) / 1000);
});

test('the HdrHistogram summary (perf_hooks) agrees with exact nearest rank within its precision', () => {
  // Log-normal-ish latencies in ns, from 20 µs to about 20 ms; n = 10000 so q*n is an integer for every q.
  const ns = new Float64Array(10000);
  for (let i = 0; i < ns.length; i++) ns[i] = Math.round(20000 * Math.exp((((i * 7919) % 10000) / 10000) * 7));
  const exact = exactSummary(ns);
  const h = histogramSummary(ns);
  assert.equal(h.count, 10000);
  assert.equal(h.figures, 3);
  const tol = 2 * 2 ** -10; // bucket width of 3 significant figures (1/1024 relative), both sides
  for (const id of ['p50', 'p90', 'p95', 'p99', 'p999']) {
    const e = exact.percentiles[id]! / 1000;
    assert.ok(Math.abs(h.percentiles[id]! - e) / e <= tol, `${id}: histogram ${h.percentiles[id]} vs exact ${e}`);
  }
  assert.ok(Math.abs(h.max - exact.max / 1000) / (exact.max / 1000) <= tol);
  assert.ok(Math.abs(h.min - exact.min / 1000) / (exact.min / 1000) <= tol);
  assert.ok(Math.abs(h.mean - exact.mean / 1000) / (exact.mean / 1000) <= tol);
  // 1..1000 ns fits the histogram's exact range: every percentile is exact.
  const small = histogramSummary(range(1000));
  assert.deepEqual(small.percentiles, { p50: 0.5, p90: 0.9, p95: 0.95, p99: 0.99, p999: 0.999 });
});
