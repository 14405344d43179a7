import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nearestRankSorted, LATENCY_QUANTILES } from '../../../../core/metrics/latency/nearestRank.js';
import { pairedLatencyBootstrap } from '../../../../core/metrics/latency/pairedLatencyBootstrap.js';
import { createRng } from '../../../../core/metrics/prng.js';

function sample(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n }, () => 10 + 50 * rng.next() ** 3);
}

test('each replicate equals the brute-force nearest rank of the explicit resample', () => {
  const a = sample(57, 1);
  const b = sample(57, 2);
  const B = 40;
  const boot = pairedLatencyBootstrap(a, b, { B, seed: 99 });
  const rng = createRng(99); // the same draws, done the slow way
  for (let rep = 0; rep < B; rep++) {
    const idx = Array.from({ length: a.length }, () => Math.floor(rng.next() * a.length));
    for (const [v, reps] of [[a, boot.a], [b, boot.b]] as const) {
      const rs = Float64Array.from(idx.map((i) => v[i]!)).sort();
      for (const { id, q } of LATENCY_QUANTILES) assert.equal(reps[id]![rep], nearestRankSorted(rs, q), `${id} rep ${rep}`);
      assert.equal(reps.max![rep], rs[rs.length - 1]);
      assert.ok(Math.abs(reps.mean![rep]! - rs.reduce((s, x) => s + x, 0) / rs.length) < 1e-9);
    }
  }
});

test('pairing: both models are evaluated on the same resample', () => {
  const a = sample(500, 3);
  const b = a.map((x) => 2 * x);
  const boot = pairedLatencyBootstrap(a, b, { B: 200, seed: 5 });
  for (const id of ['p50', 'p90', 'p99', 'max']) {
    for (let r = 0; r < 200; r++) assert.equal(boot.b[id]![r], 2 * boot.a[id]![r]!); // unpaired resamples would not give exactly 2
  }
});

test('same seed, same replicates; different seed, different ones', () => {
  const a = sample(100, 7);
  const b = sample(100, 8);
  const x = pairedLatencyBootstrap(a, b, { B: 30, seed: 11 });
  const y = pairedLatencyBootstrap(a, b, { B: 30, seed: 11 });
  const z = pairedLatencyBootstrap(a, b, { B: 30, seed: 12 });
  assert.deepEqual(x.a.p50, y.a.p50);
  assert.notDeepEqual(x.a.p50, z.a.p50);
});

test('empty samples give NaN replicates; unequal lengths are refused', () => {
  const e = pairedLatencyBootstrap(new Float64Array(0), new Float64Array(0), { B: 3, seed: 1 });
  assert.ok(Number.isNaN(e.a.p50![0]!));
  assert.throws(() => pairedLatencyBootstrap(new Float64Array(2), new Float64Array(3), { B: 3, seed: 1 }), RangeError);
});
