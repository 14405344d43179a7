// radixOrder / scoreTable against the native numeric sort, and selectQuantiles against sorting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { radixOrder } from '../../../core/metrics/radixOrder.js';
import { scoreTable } from '../../../core/metrics/scoreTable.js';
import { selectQuantiles } from '../../../core/metrics/selectQuantiles.js';
import { quantileSorted } from '../../../core/metrics/percentileInterval.js';
import { rowStats } from '../../../core/metrics/rowStats.js';
import { createRng } from '../../../core/metrics/prng.js';

test('radixOrder sorts negatives, -0/+0, tiny, huge, float32 and tied doubles like a numeric sort', () => {
  const rng = createRng(7);
  const special = [-0, 0, -1e300, 1e300, 5e-324, -5e-324, 0.5, 0.5, -2.5, Math.fround(0.1), 0.1, 1, -1, 1e-300];
  const vals = Float64Array.from([...special, ...Array.from({ length: 5000 }, (_, i) => (i % 3 === 0 ? Math.fround(rng.next()) : (rng.next() - 0.5) * 10 ** ((i % 7) - 3)))]);
  const rows = Uint32Array.from({ length: vals.length }, (_, i) => i).filter((i) => i % 11 !== 3);
  const y = Int8Array.from(vals, (_, i) => (i % 2 ? 1 : 0));
  const s = radixOrder(vals, rows, y);
  const got = Array.from(s.idx, (v) => vals[v & 0x7fffffff]!);
  const want = Array.from(rows, (r) => vals[r]!).sort((a, b) => a - b);
  assert.deepEqual(got.map((v) => v + 0), want.map((v) => v + 0));
  s.idx.forEach((v) => assert.equal((v & 0x80000000) !== 0, y[v & 0x7fffffff] === 1));
  const t = scoreTable(vals, rows, y);
  const distinct = [...new Set(want.map((v) => v + 0))];
  assert.deepEqual(Array.from(t.value), distinct);
  assert.equal(t.P + t.N, rows.length);
  const zero = distinct.indexOf(0);
  assert.equal(t.pos[zero]! + t.neg[zero]!, 2, '-0 and +0 are one score');
});

test('radixOrder on float32-exact values (32-bit keys): same order, ties, labels and payload as a numeric sort', () => {
  const rng = createRng(11);
  const special = [-0, 0, -3.5, 3.5, 1e30, -1e30, 1e-40, -1e-40, 0.5, 0.5, 1, 0, -0].map(Math.fround);
  const vals = Float64Array.from([...special, ...Array.from({ length: 6000 }, (_, i) => Math.fround(i % 4 === 0 ? Math.round(rng.next() * 20) / 20 : (rng.next() - 0.3) * 10 ** ((i % 5) - 2)))]);
  assert.ok(vals.every((v) => Math.fround(v) === v));
  const rows = Uint32Array.from({ length: vals.length }, (_, i) => i).filter((i) => i % 13 !== 5);
  const y = Int8Array.from(vals, (_, i) => (i % 3 ? 1 : 0));
  const payload = Uint32Array.from(vals, (_, i) => i * 7 + 1);
  const s = radixOrder(vals, rows, y, payload);
  assert.equal(s.f32, true);
  const got = Array.from(s.idx, (v) => vals[v & 0x7fffffff]!);
  const want = Array.from(rows, (r) => vals[r]!).sort((a, b) => a - b);
  assert.deepEqual(got.map((v) => v + 0), want.map((v) => v + 0));
  s.idx.forEach((v, i) => {
    assert.equal((v & 0x80000000) !== 0, y[v & 0x7fffffff] === 1);
    assert.equal(s.payload![i], payload[v & 0x7fffffff]);
  });
  const t = scoreTable(vals, rows, y);
  assert.deepEqual(Array.from(t.value), [...new Set(want.map((v) => v + 0))]);
  assert.equal(t.P + t.N, rows.length);
  // one non-float32 value: the 64-bit path, same table
  const mixed = Float64Array.from([...vals, 0.1]);
  const rowsMixed = Uint32Array.from([...rows, vals.length]);
  assert.equal(radixOrder(mixed, rowsMixed).f32, undefined);
  assert.deepEqual(Array.from(scoreTable(mixed, rowsMixed).value), [...new Set([...want, 0.1].sort((a, b) => a - b).map((v) => v + 0))]);
});

test('selectQuantiles equals numpy-linear quantiles of the sorted values', () => {
  const rng = createRng(3);
  for (const n of [1, 2, 5, 1000, 1001]) {
    const a = Float64Array.from({ length: n }, () => Math.round(rng.next() * 50) / 7);
    const sorted = a.slice().sort();
    const qs = [0.99, 0.01, 0.5, 0.25, 0.75, 0.05, 0.95, 0, 1];
    const got = selectQuantiles(a.slice(), qs);
    qs.forEach((q, i) => assert.ok(Math.abs(got[i]! - quantileSorted(sorted, q)) < 1e-12, `n=${n} q=${q}`));
  }
  // Large arrays take the bucketed path: ties, negatives, -0 and +0, tiny and huge magnitudes, and a
  // mass of values in few buckets (score deltas near 0).
  for (const n of [1 << 18, 300_001]) {
    const a = Float64Array.from({ length: n }, (_, i) => {
      const u = rng.next();
      if (i % 97 === 0) return i % 2 ? -0 : 0;
      if (i % 5 === 0) return Math.round(u * 40) / 40 - 0.5;
      if (i % 11 === 0) return (u - 0.5) * 1e-9;
      if (i % 13 === 0) return (u - 0.3) * 1e12;
      return (u - 0.5) * 0.02;
    });
    const sorted = a.slice().sort();
    const qs = [0.99, 0.01, 0.5, 0.25, 0.75, 0.05, 0.95, 0, 1, 0.123456];
    const got = selectQuantiles(a.slice(), qs);
    qs.forEach((q, i) => assert.equal(got[i], quantileSorted(sorted, q), `n=${n} q=${q}`));
  }
});

test('rowStats of a large frame (delta quantiles without a delta array) equals the quantiles of the explicit deltas', () => {
  const rng = createRng(11);
  const n = 300_000;
  const pp = Float64Array.from({ length: n }, () => Math.fround(rng.next()));
  const pc = Float64Array.from({ length: n }, (_, i) => (i % 7 === 0 ? pp[i]! : Math.fround(rng.next())));
  const y = Int8Array.from({ length: n }, (_, i) => (i % 10 === 0 ? -1 : rng.next() < pp[i]! ? 1 : 0));
  const qs = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99];
  const delta = Float64Array.from({ length: n }, (_, i) => pc[i]! - pp[i]!);
  const sorted = delta.slice().sort();
  assert.deepEqual(rowStats({ n, y, pp, pc }, qs).deltaQuantiles, qs.map((q) => quantileSorted(sorted, q)));
});
