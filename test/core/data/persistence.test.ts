import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { ModelInfo, RunInfo } from '../../../core/contract/index.js';
import { Workspace } from '../../../core/data/index.js';
import { sampleSelect, tempDir, withSampleDataset, writeWithDuckdb } from './helpers.js';

const model = (role: 'production' | 'candidate', name: string): ModelInfo => ({
  role, name, path: `/models/${name}.onnx`, sha256: name.padEnd(64, '0'), sizeBytes: 1234, loadMs: 12,
  signature: { inputs: [{ name: 'x', kind: 'tensor', type: 'float32', shape: ['batch', 4] }], outputs: [], opsets: { '': 17 }, irVersion: 8, producerName: 'skl2onnx', producerVersion: '1', domain: '', modelVersion: 1, docString: '', metadata: {} },
});

const run = (id: string): RunInfo => ({
  id, datasetId: 'traffic', status: 'pending', startedAt: '2025-01-01T00:00:00.000Z', rowsTotal: 300, rowsDone: 0,
  map: { threshold: 0.5, sensitive: ['sex'], models: { production: { inputs: { x: ['a', 'b'] }, score: 'p[1]' }, candidate: { inputs: { x: ['a', 'b'] }, score: 'p[1]' } } },
  production: { path: '/models/p.onnx', sha256: 'aa' }, candidate: { path: '/models/c.onnx', sha256: 'bb' },
});

test('datasets, models (latest per role + history), runs and metadata persist across reopen', async () => {
  const t = tempDir();
  const path = t.file('work space.duckdb');
  try {
    const pq = t.file('traffic.parquet');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(300));
    const ws = await Workspace.create(path, { memoryLimit: '256MB', threads: 1 });
    assert.ok(existsSync(`${path}.tmp`), 'temp_directory next to the file');
    const d = await ws.importDataset(pq);
    await ws.saveModel(model('production', 'v1'));
    await ws.saveModel(model('candidate', 'v2'));
    await ws.saveModel(model('candidate', 'v3'));
    await ws.createRun(run('r1'));
    await assert.rejects(ws.createRun(run('r1')), { code: 'BAD_ARGUMENT' });
    await ws.createRun(run('r2'));
    await ws.updateRun('r1', { status: 'failed', error: { code: 'INFERENCE_FAILED', message: 'boom' } });
    await ws.setMeta('columnMap', { label: 'y', models: {} });
    await ws.setMeta('columnMap', { label: 'z', models: {} });
    await ws.setMeta('n', 3);
    await ws.close();

    const again = await Workspace.create(path, { memoryLimit: '256MB', threads: 1 });
    try {
      assert.deepEqual(await again.listDatasets(), [d]);
      assert.deepEqual((await again.preview(d.id, { limit: 2 })).rows.map((r) => r[0]), [0, 1]);
      assert.deepEqual((await again.listModels()).map((m) => [m.role, m.name]), [['production', 'v1'], ['candidate', 'v3']]);
      assert.deepEqual(await again.listModels(), [model('production', 'v1'), model('candidate', 'v3')]);
      assert.deepEqual((await again.listModelHistory()).map((m) => m.name), ['v1', 'v2', 'v3']);
      const runs = await again.listRuns();
      assert.deepEqual(runs.map((r) => [r.id, r.status]), [['r1', 'failed'], ['r2', 'pending']]);
      assert.deepEqual(await again.getRun('r2'), run('r2'));
      assert.equal((await again.getRun('r1')).error?.message, 'boom');
      assert.deepEqual(await again.getMeta('columnMap'), { label: 'z', models: {} });
      assert.equal(await again.getMeta<number>('n'), 3);
      assert.equal(await again.getMeta('missing'), null);
    } finally {
      await again.close();
    }

    const ro = await Workspace.create(path, { readOnly: true });
    try {
      assert.equal((await ro.listDatasets()).length, 1);
      await assert.rejects(ro.setMeta('x', 1), { code: 'BAD_ARGUMENT' });
    } finally {
      await ro.close();
    }
  } finally {
    t.cleanup();
  }
});

test('a staging table left by a crashed import is dropped on open', async () => {
  const t = tempDir();
  const path = t.file('ws.duckdb');
  try {
    const ws = await Workspace.create(path, { threads: 1 });
    await ws.conn.run('CREATE TABLE sb_import_deadbeef (sb_row BIGINT)');
    await ws.close();
    const again = await Workspace.create(path, { threads: 1 });
    try {
      const r = await again.conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'sb_import%'`);
      assert.equal(r.getRowsJS()[0][0], 0n);
    } finally {
      await again.close();
    }
  } finally {
    t.cleanup();
  }
});

test('a file that is not a workspace is refused with FILE_UNREADABLE', async () => {
  const t = tempDir();
  try {
    const csv = t.file('not-a-db.csv');
    await writeWithDuckdb(csv, 'csv', sampleSelect(10));
    await assert.rejects(Workspace.create(csv), { code: 'FILE_UNREADABLE' });
  } finally {
    t.cleanup();
  }
});

test('releaseMemory gives DuckDB memory back and keeps the configured memory_limit and the data', async () => {
  await withSampleDataset(sampleSelect(300), async (ws, id) => {
    const limit = async () => String((await ws.conn.runAndReadAll("SELECT current_setting('memory_limit')")).getRows()[0]![0]);
    const before = await limit();
    await ws.releaseMemory();
    assert.equal(await limit(), before);
    assert.equal((await ws.preview(id, { limit: 300 })).rows.length, 300);
  }, { onDisk: true });
});
