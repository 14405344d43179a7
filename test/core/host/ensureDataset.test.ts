import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Workspace } from '../../../core/data/index.js';
import { ensureDataset } from '../../../core/host/runComparison.js';
import { sampleSelect, tempDir, writeWithDuckdb } from '../data/helpers.js';

test('a dataset whose kept Parquet copy is gone is imported again, not reused', async () => {
  const t = tempDir();
  try {
    const pq = t.file('traffic.parquet');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(500));
    const path = t.file('ws.duckdb');
    let ws = await Workspace.create(path, { memoryLimit: '256MB', threads: 1 });
    const first = await ensureDataset(ws, { path: pq }, {});
    const again = await ensureDataset(ws, { path: pq }, {});
    assert.equal(again.id, first.id, 'same file, same sha256: reused');
    await ws.close();
    for (const f of readdirSync(`${path}.datasets`)) rmSync(join(`${path}.datasets`, f), { force: true });
    ws = await Workspace.create(path, { memoryLimit: '256MB', threads: 1 });
    try {
      const logs: string[] = [];
      const fresh = await ensureDataset(ws, { path: pq }, { onLog: (m) => logs.push(m) });
      assert.notEqual(fresh.id, first.id);
      assert.equal(Number((await ws.conn.runAndReadAll(`SELECT count(*) FROM "${fresh.id}"`)).getRows()[0][0]), 500);
      assert.ok(logs.some((m) => m.includes('cannot be read') && m.includes('importing')), logs.join('\n'));
    } finally {
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
});
