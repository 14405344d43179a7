import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latencyCurves } from '../../../../core/metrics/latency/latencyCurves.js';
import type { LatencyResult } from '../../../../core/replay/latency/latencyTypes.js';

test('latency CDF points are nearest-rank shares of the samples, per model', () => {
  const prod = Float64Array.from({ length: 1000 }, (_, i) => 1000 - i); // 1..1000 µs, unsorted
  const cand = Float64Array.from({ length: 1000 }, (_, i) => 2 * (i + 1));
  const r = { production: { runUs: prod }, candidate: { runUs: cand } } as unknown as LatencyResult;
  const [p, c] = latencyCurves(r);
  assert.equal(p.id, 'latency_cdf');
  assert.equal(p.model, 'production');
  // by hand: the share q = k/100 sits at the value ceil(q * 1000) = 10k
  assert.equal(p.x[p.x.indexOf(500)], 500);
  assert.equal(p.y[p.x.indexOf(500)], 0.5);
  assert.equal(c.y[c.x.indexOf(1000)], 0.5);
  assert.equal(p.x[p.x.length - 1], 1000);
  assert.equal(p.y[p.y.length - 1], 1);
  assert.equal(p.x[0], 1);
  assert.ok(p.x.every((v, i) => i === 0 || v > p.x[i - 1]), 'strictly increasing');
  assert.ok(p.x.length <= 120);
});
