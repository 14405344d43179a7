import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunInfo } from '../../../core/contract/index.js';
import { Workspace } from '../../../core/data/index.js';
import { tempDir } from './helpers.js';

const run = (id: string, rowsTotal = 10_000): RunInfo => ({
  id, datasetId: 'd', status: 'running', startedAt: '2025-01-01T00:00:00.000Z', rowsTotal, rowsDone: 0,
  map: { threshold: 0.5, sensitive: [], models: { production: { inputs: { x: 'x' }, score: 'p' }, candidate: { inputs: { x: 'x' }, score: 'p' } } },
  production: { path: '/m/prod.onnx', sha256: 'aa' }, candidate: { path: '/m/cand.onnx', sha256: 'bb' },
});

function scores(from: number, n: number): { ids: Float64Array; prod: Float32Array; cand: Float64Array } {
  const ids = Float64Array.from({ length: n }, (_, i) => from + i);
  return { ids, prod: Float32Array.from(ids, (v) => (v % 100) / 100), cand: Float64Array.from(ids, (v) => (v % 10) / 10) };
}

test('predictions: committed chunks survive close-without-finishing and reopen; uncommitted ones do not', async () => {
  const t = tempDir();
  const path = t.file('ws.duckdb');
  try {
    let ws = await Workspace.create(path, { memoryLimit: '256MB', threads: 1 });
    await ws.createRun(run('run-1/a'));
    const table = ws.predictionsTable('run-1/a');
    assert.equal(table, 'pred_run_1_a');
    const w = await ws.openPredictionWriter('run-1/a');
    for (let c = 0; c < 3; c++) {
      const s = scores(c * 3000, 3000);
      await w.append(s.ids, s.prod, s.cand);
      await w.commit((c + 1) * 3000);
    }
    assert.equal(await w.committedRows(), 9000);
    const s = scores(9000, 1000);
    await w.append(s.ids, s.prod, s.cand); // never committed: the "crash"
    await ws.close();

    ws = await Workspace.create(path, { memoryLimit: '256MB', threads: 1 });
    try {
      const r = await ws.getRun('run-1/a');
      assert.equal(r.rowsDone, 9000);
      assert.equal(r.status, 'running');
      const w2 = await ws.openPredictionWriter('run-1/a');
      assert.equal(await w2.committedRows(), 9000);
      const agg = await ws.conn.runAndReadAll(`SELECT count(*), count(DISTINCT row_id), max(row_id), count(noise), sum(production)::DOUBLE, sum(candidate) FROM ${table}`);
      const [count, distinct, maxId, noise, sumProd, sumCand] = agg.getRowsJS()[0];
      assert.equal(count, 9000n);
      assert.equal(distinct, 9000n);
      assert.equal(maxId, 8999n);
      assert.equal(noise, 0n);
      const expectProd = Array.from({ length: 9000 }, (_, i) => Math.fround((i % 100) / 100)).reduce((a, b) => a + b, 0);
      assert.ok(Math.abs((sumProd as number) - expectProd) < 1e-6);
      assert.ok(Math.abs((sumCand as number) - 4050) < 1e-6);
      // Resume from the committed point and finish.
      const rest = scores(9000, 1000);
      await w2.append(rest.ids, rest.prod, rest.cand);
      await w2.commit(10_000);
      await w2.close();
      await ws.updateRun('run-1/a', { status: 'done', finishedAt: '2025-01-01T01:00:00.000Z' });
      const done = await ws.getRun('run-1/a');
      assert.equal(done.status, 'done');
      assert.equal(done.rowsDone, 10_000);
      assert.equal((await ws.conn.runAndReadAll(`SELECT count(*) FROM ${table}`)).getRowsJS()[0][0], 10_000n);
    } finally {
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
});

test('noise column, NaN scores as NULL, close() discards uncommitted rows, length checks', async () => {
  const ws = await Workspace.create(':memory:', { threads: 1 });
  try {
    await ws.createRun(run('n'));
    const w = await ws.openPredictionWriter('n', { noise: true });
    const ids = Float64Array.from([0, 1, 2, 3]);
    await w.append(ids, Float32Array.from([0.1, NaN, 0.3, 0.4]), Float64Array.from([0.5, 0.6, NaN, 0.8]), Float64Array.from([0.1, 0.2, 0.3, NaN]));
    await w.commit(4);
    await assert.rejects(w.append(ids, new Float32Array(3), new Float32Array(4)), { code: 'BAD_ARGUMENT' });
    await w.append(Float64Array.from([4]), Float32Array.from([1]), Float32Array.from([1]), Float32Array.from([1]));
    await w.close();
    const r = await ws.conn.runAndReadAll(`SELECT row_id, production, candidate, noise FROM ${ws.predictionsTable('n')} ORDER BY row_id`);
    assert.deepEqual(r.getRowsJS(), [
      [0n, Math.fround(0.1), 0.5, 0.1], [1n, null, 0.6, 0.2], [2n, Math.fround(0.3), null, 0.3], [3n, Math.fround(0.4), 0.8, null],
    ]);
    assert.equal((await ws.getRun('n')).rowsDone, 4);
    await assert.rejects(w.append(ids, ids, ids), { code: 'BAD_ARGUMENT' });
  } finally {
    await ws.close();
  }
});

test('predictions: row ids beyond 32 bits are written exactly', async () => {
  const t = tempDir();
  try {
    const ws = await Workspace.create(t.file('ws.duckdb'), { memoryLimit: '256MB', threads: 1 });
    try {
      await ws.createRun(run('big', 4));
      const w = await ws.openPredictionWriter('big');
      const ids = Float64Array.from([0, 2 ** 32 - 1, 2 ** 32 + 5, 2 ** 53 - 1]);
      await w.append(ids, Float32Array.from([0.1, 0.2, 0.3, 0.4]), Float64Array.from([0.5, 0.6, 0.7, 0.8]));
      await w.commit(4);
      await w.close();
      const r = await ws.conn.runAndReadAll(`SELECT row_id FROM ${ws.predictionsTable('big')} ORDER BY row_id`);
      assert.deepEqual(r.getRowsJS().map((x) => x[0]), [0n, 4294967295n, 4294967301n, 9007199254740991n]);
    } finally {
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
});
