import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { WorkbenchError } from '../../../core/contract/index.js';
import { Workspace } from '../../../core/data/index.js';
import { tempDir } from './helpers.js';

// A Parquet file whose footer is intact but whose data pages are damaged passes the import's checks
// (schema, row count); reading its rows must then fail as a damaged dataset, not as a mapping problem.
test('a Parquet file with damaged data pages fails to stream with BAD_DATASET naming the dataset', async () => {
  const t = tempDir();
  try {
    const pq = t.file('damaged.parquet');
    const inst = await DuckDBInstance.create(':memory:');
    const c = await inst.connect();
    await c.run(`COPY (SELECT i, hash(i)::DOUBLE / 1e19 AS x FROM range(200000) t(i)) TO '${pq}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 50000)`);
    c.closeSync();
    inst.closeSync();
    const bytes = readFileSync(pq);
    bytes.fill(0x5a, 64, bytes.length - 8000); // pages (page headers included), not the footer at the end
    writeFileSync(pq, bytes);
    const ws = await Workspace.create(t.file('ws.duckdb'), { memoryLimit: '256MB', threads: 1 });
    try {
      let ds;
      try {
        ds = await ws.importDataset(pq);
      } catch (e) {
        // Caught at import: also fine, as long as it is a clear dataset error.
        assert.ok(WorkbenchError.is(e) && e.code === 'BAD_DATASET', String(e));
        return;
      }
      await assert.rejects(async () => {
        for await (const chunk of ws.streamColumns(ds.id, [{ column: 'x', as: 'float32' }], { chunkRows: 10000 })) void chunk;
      }, (e) => {
        assert.ok(WorkbenchError.is(e), String(e));
        assert.equal(e.code, 'BAD_DATASET', e.message);
        assert.ok(e.message.includes(ds.id) && e.message.includes('import it anew'), e.message);
        return true;
      });
    } finally {
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
});
