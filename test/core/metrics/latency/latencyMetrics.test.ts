import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRecord, ModelRole } from '../../../../core/contract/index.js';
import { latencyMetrics } from '../../../../core/metrics/latency/latencyMetrics.js';
import { histogramSummary } from '../../../../core/replay/latency/histogramSummary.js';
import type { LatencyResult, ModelLatency } from '../../../../core/replay/latency/latencyTypes.js';

function model(role: ModelRole, runUs: Float64Array, extra: number): ModelLatency {
  const e2e = runUs.map((x) => x + extra);
  return {
    role, model: { path: `/m/${role}.onnx`, name: `${role}.onnx`, sha256: role }, loadMs: role === 'production' ? 40 : 50,
    coldStartUs: role === 'production' ? 900 : 1200, coldStartE2eUs: 1000, runUs, e2eUs: e2e, serviceUs: e2e,
    warmupRunUs: Float64Array.of(300, 100, 200), warmupE2eUs: Float64Array.of(310, 110, 210),
    histogram: { run: histogramSummary(runUs.map((x) => x * 1000)), e2e: histogramSummary(e2e.map((x) => x * 1000)) },
  };
}

function result(prod: Float64Array, cand: Float64Array): LatencyResult {
  return {
    mode: 'closed', requests: prod.length, warmup: 3, batch: 1, seed: 1, datasetId: 'd', requestRowIds: new Float64Array(prod.length), rowsRead: prod.length,
    production: model('production', prod, 5), candidate: model('candidate', cand, 5), order: [], blockFirst: [], loadOrder: ['production', 'candidate'],
    threads: { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'], graphOptimizationLevel: 'all', inProcess: true },
    busy: { busy: false, calibrationBeforeUs: 50, calibrationAfterUs: 50, calibrationCv: 0.01, loadBefore: 0.1, loadAfter: 0.1, cores: 2, reasons: [] },
    environment: { cpu: 'x', cores: 2, memoryGiB: 4, os: 'Linux', arch: 'x64', node: 'v20', onnxruntime: '1.30.0', clock: 'fake' },
    startedAt: '2026-01-01T00:00:00Z', durationMs: 1,
  };
}

const get = (recs: MetricRecord[], id: string, model: string) => recs.find((r) => r.id === id && r.model === model)!;

test('records: exact nearest-rank values, delta = candidate - production, ratio = candidate / production', () => {
  const prod = Float64Array.from({ length: 1000 }, (_, i) => i + 1); // 1..1000 µs
  const cand = prod.map((x) => 2 * x);
  const recs = latencyMetrics(result(prod, cand), { B: 200, seed: 3 });
  assert.equal(get(recs, 'latency.p50', 'production').value, 500);
  assert.equal(get(recs, 'latency.p99', 'production').value, 990);
  assert.equal(get(recs, 'latency.p999', 'candidate').value, 1998);
  assert.equal(get(recs, 'latency.p90', 'delta').value, 900);
  assert.equal(get(recs, 'latency.p95', 'ratio').value, 2);
  assert.equal(get(recs, 'latency.mean', 'production').value, 500.5);
  assert.equal(get(recs, 'latency.max', 'candidate').value, 2000);
  assert.equal(get(recs, 'latency.e2e.p50', 'production').value, 505);
  // paired resamples: the ratio of each replicate is exactly 2
  const ratioCi = get(recs, 'latency.p50', 'ratio').ci!;
  assert.deepEqual([ratioCi.low, ratioCi.high], [2, 2]);
  const d = get(recs, 'latency.p50', 'delta');
  assert.ok(d.ci!.low > 0 && d.ci!.low <= 500 && d.ci!.high >= 500, JSON.stringify(d.ci));
  assert.match(d.note!, /candidate is slower by 500 µs \(100\.0%\)/);
  assert.match(d.ci!.method, /paired bootstrap.*B=200, seed=3/);
  assert.equal(get(recs, 'latency.max', 'delta').ci, undefined, 'no interval for the maximum');
  assert.equal(get(recs, 'latency.p50', 'production').unit, 'µs');
  assert.equal(get(recs, 'latency.p50', 'production').n, 1000);
  // throughput = 1e6 / mean end-to-end service time
  assert.ok(Math.abs(get(recs, 'latency.throughput', 'production').value! - 1e6 / 505.5) < 1e-9);
  assert.match(get(recs, 'latency.throughput', 'delta').note!, /candidate is lower/);
  // one-off measurements and warm-up, reported apart
  assert.equal(get(recs, 'latency.load_ms', 'delta').value, 10);
  assert.equal(get(recs, 'latency.cold_start', 'production').value, 900);
  assert.equal(get(recs, 'latency.warmup.mean', 'production').value, 200);
  assert.equal(get(recs, 'latency.warmup.max', 'candidate').value, 300);
  assert.equal(get(recs, 'latency.machine_busy', 'both').value, 0);
});

test('a faster candidate is called faster; identical models show no clear difference', () => {
  const prod = Float64Array.from({ length: 400 }, (_, i) => 100 + (i % 50));
  const fast = latencyMetrics(result(prod, prod.map((x) => x - 20)), { B: 100, seed: 1 });
  assert.match(get(fast, 'latency.p50', 'delta').note!, /candidate is faster by 20\.0 µs/);
  const same = latencyMetrics(result(prod, prod.map((x, i) => x + (i % 2 ? 1 : -1))), { B: 100, seed: 1 });
  assert.match(get(same, 'latency.mean', 'delta').note!, /no clear difference/);
});

test('every id of the contract is present for production, candidate, delta and ratio', () => {
  const v = Float64Array.from({ length: 50 }, (_, i) => 10 + i);
  const recs = latencyMetrics(result(v, v), { B: 10, seed: 1 });
  const ids = ['p50', 'p90', 'p95', 'p99', 'p999', 'max', 'mean'].flatMap((s) => [`latency.${s}`, `latency.e2e.${s}`])
    .concat(['latency.throughput', 'latency.load_ms', 'latency.cold_start', 'latency.warmup.mean', 'latency.warmup.max']);
  for (const id of ids) {
    assert.deepEqual(recs.filter((r) => r.id === id).map((r) => r.model), ['production', 'candidate', 'delta', 'ratio'], id);
  }
  assert.match(get(recs, 'latency.p999', 'production').note!, /fewer than 10 requests/);
});

test('the JSON summary carries settings and counts, not the raw samples', async () => {
  const { latencySummary } = await import('../../../../core/metrics/latency/latencySummary.js');
  const v = Float64Array.from({ length: 20 }, (_, i) => 10 + i);
  const r = result(v, v);
  r.blockFirst = ['production', 'candidate', 'candidate'];
  const s = latencySummary(r);
  assert.deepEqual(s.interleaving, { blocks: 3, openedByProduction: 1, openedByCandidate: 2, calls: 0, measuredCalls: 0 });
  assert.equal(s.production.warmup.runUs.max, 300);
  const json = JSON.stringify(s);
  assert.ok(!json.includes('runUs":{"0"'), 'no typed arrays serialised');
  assert.ok(json.length < 5000);
});
