import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { WorkbenchError } from '../../../core/contract/index.js';
import { sampleSelect, tempDir, withWorkspace, writeArrow, writeWithDuckdb } from './helpers.js';

/** Assert a promise rejects with a WorkbenchError of `code` whose message contains every string in `mentions`. */
async function rejectsWith(p: Promise<unknown>, code: string, ...mentions: string[]): Promise<WorkbenchError> {
  try {
    await p;
  } catch (e) {
    assert.ok(WorkbenchError.is(e), `expected a WorkbenchError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const m of mentions) assert.ok(e.message.includes(m), `message "${e.message}" should mention "${m}"`);
    return e;
  }
  assert.fail(`expected ${code}`);
}

test('missing file is FILE_NOT_FOUND naming the path', async () => {
  await withWorkspace(async (ws) => {
    await rejectsWith(ws.importDataset('/nowhere/traffic.parquet'), 'FILE_NOT_FOUND', '/nowhere/traffic.parquet');
  });
});

test('truncated or corrupt Parquet and Arrow are BAD_DATASET naming the file and the reader error; the workspace is unchanged', async () => {
  const t = tempDir();
  try {
    const good = t.file('good.parquet');
    await writeWithDuckdb(good, 'parquet', sampleSelect(3000));
    const bytes = readFileSync(good);
    const truncPq = t.file('trunc.parquet');
    writeFileSync(truncPq, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const notPq = t.file('fake.parquet');
    writeFileSync(notPq, 'a,b\n1,2\n');
    const arrowFile = t.file('x.arrow');
    writeArrow(arrowFile, 'file', 3000);
    const ab = readFileSync(arrowFile);
    const truncArrow = t.file('trunc.arrow');
    writeFileSync(truncArrow, ab.subarray(0, ab.length - 200));
    const arrowStream = t.file('x.arrows');
    writeArrow(arrowStream, 'stream', 3000);
    const sb = readFileSync(arrowStream);
    const truncStream = t.file('trunc.arrows');
    writeFileSync(truncStream, sb.subarray(0, Math.floor(sb.length * 0.6)));

    await withWorkspace(async (ws) => {
      const ok = await ws.importDataset(good);
      // Tables and views: a Parquet dataset is a view.
      const relations = `SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1`;
      const tablesBefore = (await ws.conn.runAndReadAll(relations)).getRowsJS();
      const e = await rejectsWith(ws.importDataset(truncPq), 'BAD_DATASET', truncPq);
      assert.ok(typeof e.details.cause === 'string' && e.details.cause.length > 0, 'DuckDB message kept');
      await rejectsWith(ws.importDataset(notPq), 'BAD_DATASET', notPq, '.parquet');
      await rejectsWith(ws.importDataset(truncArrow), 'BAD_DATASET', truncArrow, 'Arrow');
      await rejectsWith(ws.importDataset(truncStream), 'BAD_DATASET', truncStream, 'Arrow');
      const tablesAfter = (await ws.conn.runAndReadAll(relations)).getRowsJS();
      assert.deepEqual(tablesAfter, tablesBefore, 'no half tables or views left');
      assert.deepEqual(await ws.listDatasets(), [ok]);
      assert.equal((await ws.preview(ok.id, { limit: 1 })).rows.length, 1);
    });
  } finally {
    t.cleanup();
  }
});

test('empty datasets are EMPTY_DATASET', async () => {
  const t = tempDir();
  try {
    const zero = t.file('zero.csv');
    writeFileSync(zero, '');
    const headerOnly = t.file('header.parquet');
    await writeWithDuckdb(headerOnly, 'parquet', `SELECT 1::DOUBLE AS a, 'x' AS b WHERE false`);
    const emptyArrow = t.file('empty.arrow');
    writeArrow(emptyArrow, 'stream', 0);
    const csvHeader = t.file('header.csv');
    writeFileSync(csvHeader, 'a,b\n');
    await withWorkspace(async (ws) => {
      await rejectsWith(ws.importDataset(zero), 'EMPTY_DATASET', zero);
      await rejectsWith(ws.importDataset(headerOnly), 'EMPTY_DATASET', headerOnly);
      await rejectsWith(ws.importDataset(emptyArrow), 'EMPTY_DATASET', emptyArrow);
      await rejectsWith(ws.importDataset(csvHeader), 'EMPTY_DATASET', csvHeader);
      assert.deepEqual(await ws.listDatasets(), []);
    });
  } finally {
    t.cleanup();
  }
});

test('unknown dataset and run are NOT_FOUND', async () => {
  await withWorkspace(async (ws) => {
    await rejectsWith(ws.getDataset('nope'), 'NOT_FOUND', 'nope');
    await rejectsWith(ws.preview('nope'), 'NOT_FOUND', 'nope');
    await rejectsWith(ws.getRun('r1'), 'NOT_FOUND', 'r1');
    await rejectsWith(ws.openPredictionWriter('r1'), 'NOT_FOUND', 'r1');
  });
});
