import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WorkbenchError, type ModelRole } from '../../../../core/contract/index.js';
import { Workspace } from '../../../../core/data/Workspace.js';
import { readModel } from '../../../../core/model/index.js';
import { latencyMetrics } from '../../../../core/metrics/latency/latencyMetrics.js';
import { latencyReplay } from '../../../../core/replay/latency/latencyReplay.js';
import type { LatencyOptions } from '../../../../core/replay/latency/latencyTypes.js';
import { resolveMap, type ReplayPlan } from '../../../../core/replay/resolveMap.js';

const MODEL = fileURLToPath(new URL('../../../../fixtures/models/unit/logistic_2d.onnx', import.meta.url));
const ROWS = 12;

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'sb-latency-'));
  const csv = ['a,b,c,ts', ...Array.from({ length: ROWS }, (_, i) => `${i / 10},${1 - i / 7},${i % 3},${1_700_000_000_000 + i * 50}`)].join('\n');
  writeFileSync(join(dir, 'traffic.csv'), csv);
  const ws = await Workspace.create(':memory:', { threads: 1 });
  const ds = await ws.importDataset(join(dir, 'traffic.csv'));
  const file = await readModel(MODEL);
  const features = { inputs: { features: ['a', 'b', 'c'] } };
  const plan = await resolveMap({ timestamp: 'ts', models: { production: features, candidate: features } },
    { info: ds, distinct: async () => [] }, { production: file.signature, candidate: file.signature });
  return { ws, ds, file, plan, files: { production: file, candidate: file }, close: async () => { await ws.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const base: LatencyOptions = { requests: 30, warmup: 5, batch: 1, mode: 'closed', seed: 42 };

test('closed loop on a real model: samples, cold start, warm-up apart, interleaving, rows cycling', async () => {
  const s = await setup();
  try {
    let last = 0;
    const r = await latencyReplay(s.ws, s.plan, s.files, s.ds.id, { ...base, onProgress: (d) => { last = d; } }, { calibrationRuns: 5 });
    assert.equal(last, 2 * (1 + 5 + 30));
    for (const m of [r.production, r.candidate]) {
      assert.equal(m.runUs.length, 30);
      assert.equal(m.e2eUs.length, 30);
      assert.equal(m.warmupRunUs.length, 5);
      assert.ok(m.runUs.every((x) => x > 0 && Number.isFinite(x)));
      assert.ok(m.e2eUs.every((x, i) => x >= m.runUs[i]!), 'end to end includes the run');
      assert.ok(m.coldStartUs > 0 && m.loadMs > 0);
      assert.equal(m.histogram.run.count, 30);
      assert.equal(m.model.sha256, s.file.sha256);
    }
    // 35 data requests over 12 rows: measured request i starts at row (5 + i) % 12
    assert.deepEqual([...r.requestRowIds.slice(0, 9)], [5, 6, 7, 8, 9, 10, 11, 0, 1]);
    assert.equal(r.rowsRead, ROWS);
    assert.equal(r.order.length, 2 * 36);
    assert.deepEqual(r.threads, { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'], graphOptimizationLevel: 'all (onnxruntime default)', inProcess: true });
    assert.equal(r.environment.onnxruntime, '1.30.0');
    assert.ok(r.environment.cores >= 1 && r.environment.cpu.length > 0);
    assert.equal(typeof r.busy.busy, 'boolean');
    assert.deepEqual(new Set(r.loadOrder), new Set<ModelRole>(['production', 'candidate']));

    const recs = latencyMetrics(r, { B: 50, seed: 1 });
    const p99 = recs.filter((x) => x.id === 'latency.p99');
    assert.deepEqual(p99.map((x) => x.model), ['production', 'candidate', 'delta', 'ratio']);
    assert.ok(p99[0]!.ci && p99[0]!.unit === 'µs');
  } finally {
    await s.close();
  }
});

test('open loop from the recorded timestamps and at a fixed rate: achieved vs intended rate', async () => {
  const s = await setup();
  try {
    const r = await latencyReplay(s.ws, s.plan, s.files, s.ds.id, { ...base, requests: 20, mode: 'open', speed: 10, segment: 5 }, { calibrationRuns: 5 });
    assert.equal(r.schedule?.source, 'timestamps');
    // rows are 50 ms apart; at speed 10 -> 5 ms apart = 200 req/s, except the wraps from row 11 to row 0 (median gap)
    assert.equal(r.schedule?.gapsReplaced, 2); // data requests 5..24 over 12 rows wrap round twice
    assert.ok(Math.abs(r.schedule!.intendedRate! - 200) < 1e-6);
    assert.ok(Math.abs(r.production.open!.intendedRate! - 200) < 1e-6);
    assert.ok(r.production.open!.achievedRate! > 0);
    assert.ok(r.production.e2eUs.every((x, i) => x >= r.production.serviceUs[i]! - 1e-9), 'from the intended send, not later');
    const fixed = await latencyReplay(s.ws, s.plan, s.files, s.ds.id, { ...base, requests: 10, mode: 'open', rate: 2000, segment: 5 }, { calibrationRuns: 5 });
    assert.equal(fixed.schedule?.source, 'rate');
    assert.equal(fixed.schedule?.intendedRate, 2000);
    const ids = new Set(latencyMetrics(fixed, { B: 20, seed: 1 }).map((x) => x.id));
    for (const id of ['latency.open.intended_rate', 'latency.open.achieved_rate', 'latency.open.late_sends']) assert.ok(ids.has(id), id);
  } finally {
    await s.close();
  }
});

test('bad input: a shape error names the model, the row and the input, and stops cleanly; a zero rate is refused', async () => {
  const s = await setup();
  try {
    // features fed from two columns: the model needs three
    const two = { ...s.plan.candidate, inputs: [{ ...s.plan.candidate.inputs[0]!, columns: ['a', 'b'] }] };
    const bad: ReplayPlan = { ...s.plan, candidate: two };
    await assert.rejects(latencyReplay(s.ws, bad, s.files, s.ds.id, base, { calibrationRuns: 2 }), (e: unknown) => {
      assert.ok(WorkbenchError.is(e) && e.code === 'INFERENCE_FAILED', String(e));
      assert.match(e.message, /candidate model failed on request 0 \(dataset row 0\)/);
      assert.match(e.message, /features/);
      assert.equal(e.details?.rowId, 0);
      return true;
    });
    await assert.rejects(latencyReplay(s.ws, s.plan, s.files, s.ds.id, { ...base, mode: 'open', rate: 0 }),
      (e: unknown) => WorkbenchError.is(e) && e.code === 'BAD_ARGUMENT' && /--rate/.test(e.message));
    // a request that fails mid-run (injected model) is reported with its dataset row id
    const failing = {
      role: 'production' as const,
      build: (c: { rowIds: Float64Array }) => c.rowIds[0]!,
      run: async (row: number) => { if (row === 9) throw new Error('Got invalid dimensions for input: features'); return row; },
      read: () => undefined,
    };
    const fine = { ...failing, role: 'candidate' as const, run: async (row: number) => row };
    await assert.rejects(latencyReplay(s.ws, s.plan, s.files, s.ds.id, { ...base, warmup: 2 }, { calibrationRuns: 2, targets: { production: failing, candidate: fine } as never }), (e: unknown) => {
      assert.ok(WorkbenchError.is(e) && e.code === 'INFERENCE_FAILED');
      assert.match(e.message, /production model failed on request 7 \(dataset row 9\)/);
      return true;
    });
  } finally {
    await s.close();
  }
});
