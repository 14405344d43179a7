import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../../core/contract/index.js';
import { Workspace } from '../../../core/data/index.js';
import { collect, sampleSelect, tempDir, writeWithDuckdb } from './helpers.js';

const N = 3001;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const open = (path: string, readOnly = false) => Workspace.create(path, { memoryLimit: '256MB', threads: 1, readOnly });

async function count(ws: Workspace, id: string): Promise<number> {
  return Number((await ws.conn.runAndReadAll(`SELECT count(*) FROM "${id}"`)).getRows()[0][0]);
}

/** Assert a promise rejects with a WorkbenchError of `code` whose message contains every string in `mentions`. */
async function rejectsWith(p: Promise<unknown>, code: string, ...mentions: string[]): Promise<void> {
  await assert.rejects(p, (e) => {
    assert.ok(WorkbenchError.is(e), `expected a WorkbenchError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const m of mentions) assert.ok(e.message.includes(m), `message "${e.message}" should mention "${m}"`);
    return true;
  });
}

test('a Parquet import keeps a read-only copy beside the workspace and makes the dataset a view over it, with the schema a table had', async () => {
  const t = tempDir();
  try {
    const pq = t.file('traffic.parquet');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(N));
    const path = t.file('ws.duckdb');
    const ws = await open(path);
    try {
      const progress: [number, number | null][] = [];
      const d = await ws.importDataset(pq, { onProgress: (done, total) => progress.push([done, total]) });
      assert.deepEqual(progress[0], [0, N], 'progress at the start, with the row count from the footer');
      assert.deepEqual(progress.at(-1), [N, N]);
      assert.equal(d.rows, N);
      assert.equal(d.path, pq, 'the dataset names the file it came from');
      const kept = join(`${path}.datasets`, 'traffic.parquet');
      assert.equal(ws.datasetsDir, `${path}.datasets`);
      assert.deepEqual(readdirSync(`${path}.datasets`), ['traffic.parquet']);
      assert.equal(statSync(kept).mode & 0o777, 0o444, 'the kept copy is read-only');
      assert.equal(d.sha256, sha(pq));
      assert.equal(d.sha256, sha(kept), 'the hash is of the bytes kept');

      const views = (await ws.conn.runAndReadAll(`SELECT view_name FROM duckdb_views() WHERE NOT internal`)).getRows().map((r) => r[0]);
      const tables = (await ws.conn.runAndReadAll(`SELECT table_name FROM duckdb_tables()`)).getRows().map((r) => r[0]);
      assert.deepEqual(views, ['traffic']);
      assert.ok(!tables.includes('traffic'));

      // The same columns and types as the table the import used to create.
      await ws.conn.run(`CREATE TEMP TABLE as_table AS SELECT CAST(file_row_number AS BIGINT) AS sb_row, * EXCLUDE (file_row_number) FROM read_parquet('${pq}', file_row_number = true)`);
      const describe = async (rel: string) => (await ws.conn.runAndReadAll(`DESCRIBE ${rel}`)).getRows().map((r) => [r[0], r[1], r[2]]);
      assert.deepEqual(await describe('"traffic"'), await describe('as_table'));
      assert.deepEqual(d.columns.map((c) => [c.name, c.type, c.nullable ? 'YES' : 'NO']), (await describe('as_table')).slice(1));

      const r = await ws.conn.runAndReadAll(`SELECT count(*) FILTER (WHERE sb_row <> id), min(sb_row), max(sb_row), count(*) FILTER (WHERE x IS NULL) FROM traffic`);
      assert.deepEqual(r.getRowsJS()[0], [0n, 0n, BigInt(N - 1), BigInt(Array.from({ length: N }, (_, i) => i).filter((i) => i % 7 === 3).length)]);
      const chunks = await collect(ws.streamColumns(d.id, [{ column: 'x', as: 'float64' }], { chunkRows: 1000, fromRow: 2500 }));
      assert.deepEqual(chunks.map((c) => c.rows), [501]);
      assert.equal(chunks[0].rowIds[0], 2500);

      // A second import of the same file is a dataset of its own, with a file of its own.
      const again = await ws.importDataset(pq);
      assert.equal(again.id, 'traffic_2');
      assert.deepEqual(readdirSync(`${path}.datasets`).sort(), ['traffic.parquet', 'traffic_2.parquet']);
    } finally {
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
});

test('reopened and moved (file and .datasets folder together), the workspace reads its Parquet datasets; read-only too', async () => {
  const t = tempDir();
  try {
    const pq = t.file('traffic.parquet');
    const csv = t.file('other.csv');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(N));
    await writeWithDuckdb(csv, 'csv', sampleSelect(100));
    const path = t.file('ws.duckdb');
    let ws = await open(path);
    const d = await ws.importDataset(pq);
    const c = await ws.importDataset(csv);
    await ws.close();

    ws = await open(path);
    try {
      assert.deepEqual(await ws.listDatasets(), [d, c]);
      assert.equal(await count(ws, d.id), N);
      assert.deepEqual((await ws.preview(d.id, { limit: 2, offset: 10 })).rows.map((r) => r[0]), [10, 11]);
    } finally {
      await ws.close();
    }

    // Move the workspace; the original Parquet file goes too, so nothing can read it by chance.
    const elsewhere = t.file('moved/deeper');
    mkdirSync(elsewhere, { recursive: true });
    const moved = join(elsewhere, 'renamed.duckdb');
    renameSync(path, moved);
    renameSync(`${path}.datasets`, `${moved}.datasets`);
    rmSync(pq);

    const ro = await open(moved, true);
    try {
      assert.equal(await count(ro, d.id), N, 'read-only: temporary views over the moved files');
      assert.equal((await ro.query(`SELECT count(*) AS n FROM "${d.id}"`)).rows[0][0], N);
      const chunks = await collect(ro.streamColumns(d.id, [{ column: 'id', as: 'int64' }], { chunkRows: 4096 }));
      assert.equal(chunks.reduce((s, ch) => s + ch.rows, 0), N);
    } finally {
      await ro.close();
    }

    ws = await open(moved);
    try {
      assert.deepEqual(await ws.listDatasets(), [d, c]);
      assert.equal(await count(ws, d.id), N);
      assert.equal(await count(ws, c.id), 100);
      assert.deepEqual((await ws.preview(d.id, { limit: 3, offset: N - 3 })).rows.map((r) => r[0]), [N - 3, N - 2, N - 1]);
      const sql = String((await ws.conn.runAndReadAll(`SELECT sql FROM duckdb_views() WHERE view_name = '${d.id}'`)).getRows()[0][0]);
      assert.ok(sql.includes(`${moved}.datasets`), 'the view now reads the moved folder');
    } finally {
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
});

test('a missing or changed kept file gives a clear error naming the dataset and the file; listing still works', async () => {
  const t = tempDir();
  try {
    const pq = t.file('traffic.parquet');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(N));
    const path = t.file('ws.duckdb');
    let ws = await open(path);
    const d = await ws.importDataset(pq);
    const other = await ws.importDataset(pq);
    await ws.createRun({
      id: 'r1', datasetId: d.id, status: 'done', startedAt: '2025-01-01T00:00:00.000Z', rowsTotal: N, rowsDone: N,
      map: { threshold: 0.5, sensitive: [], models: { production: { inputs: {}, score: 'p' }, candidate: { inputs: {}, score: 'p' } } },
      production: { path: '/p.onnx', sha256: 'aa' }, candidate: { path: '/c.onnx', sha256: 'bb' },
    });
    const kept = join(`${path}.datasets`, `${d.id}.parquet`);

    // Deleted while the workspace is open: using the dataset says so.
    rmSync(kept);
    await rejectsWith(ws.getDataset(d.id), 'FILE_NOT_FOUND', d.id, kept, 'is missing', 'Import', pq);
    await rejectsWith(ws.preview(d.id), 'FILE_NOT_FOUND', d.id, kept);
    await rejectsWith(collect(ws.streamColumns(d.id, [{ column: 'x', as: 'float32' }], { chunkRows: 100 })), 'FILE_NOT_FOUND', kept);
    await ws.close();

    // Missing when the workspace opens: it opens, lists, and every read of the view says why.
    ws = await open(path);
    try {
      assert.deepEqual((await ws.listDatasets()).map((x) => x.id), [d.id, other.id]);
      assert.deepEqual((await ws.listRuns()).map((r) => r.id), ['r1']);
      await rejectsWith(ws.getDataset(d.id), 'FILE_NOT_FOUND', d.id, kept, 'Import');
      await assert.rejects(ws.conn.runAndReadAll(`SELECT avg(x) FROM "${d.id}"`), (e: Error) => e.message.includes(`Dataset ${d.id}`) && e.message.includes(kept));
      await assert.rejects(ws.query(`SELECT DISTINCT cat FROM "${d.id}" WHERE cat IS NOT NULL`), (e: Error) => e.message.includes(kept));
      assert.deepEqual((await ws.conn.runAndReadAll(`DESCRIBE "${d.id}"`)).getRows().map((r) => r[0]), ['sb_row', ...d.columns.map((c) => c.name)]);
      assert.equal(await count(ws, other.id), N, 'the other dataset still reads');
    } finally {
      await ws.close();
    }

    // Changed size: BAD_DATASET.
    const otherKept = join(`${path}.datasets`, `${other.id}.parquet`);
    chmodSync(otherKept, 0o644);
    writeFileSync(otherKept, readFileSync(pq).subarray(0, 100));
    ws = await open(path);
    try {
      await rejectsWith(ws.getDataset(other.id), 'BAD_DATASET', other.id, otherKept, 'changed', 'Import');
      await assert.rejects(ws.conn.runAndReadAll(`SELECT count(*) FROM "${other.id}"`), (e: Error) => e.message.includes(otherKept));
    } finally {
      await ws.close();
    }
  } finally {
    t.cleanup();
  }
});

test('a cancelled or failed Parquet import leaves no view, no kept file and no catalog row; stray files are removed on open', async () => {
  const t = tempDir();
  try {
    const pq = t.file('traffic.parquet');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(N));
    const trunc = t.file('trunc.parquet');
    writeFileSync(trunc, readFileSync(pq).subarray(0, 2000));
    const path = t.file('ws.duckdb');
    const dir = `${path}.datasets`;
    const ws = await open(path);
    const relations = async () => (await ws.conn.runAndReadAll(
      `SELECT table_name FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1`,
    )).getRowsJS();
    try {
      const before = await relations();
      const pre = new AbortController();
      pre.abort();
      await rejectsWith(ws.importDataset(pq, { signal: pre.signal }), 'CANCELLED');
      const mid = new AbortController();
      await rejectsWith(ws.importDataset(pq, { signal: mid.signal, onProgress: () => mid.abort() }), 'CANCELLED');
      await rejectsWith(ws.importDataset(trunc), 'BAD_DATASET', trunc);
      assert.deepEqual(await relations(), before);
      assert.deepEqual(await ws.listDatasets(), []);
      assert.deepEqual(existsSync(dir) ? readdirSync(dir) : [], []);
      const ok = await ws.importDataset(pq);
      assert.equal(ok.id, 'traffic');
    } finally {
      await ws.close();
    }

    // A copy a crash left behind (and a file of a deleted earlier workspace) go; kept files stay.
    writeFileSync(join(dir, 'sb_import_0123456789ab.parquet'), 'partial');
    writeFileSync(join(dir, 'gone.parquet'), 'old');
    const again = await open(path);
    try {
      assert.deepEqual(readdirSync(dir), ['traffic.parquet']);
      assert.equal(await count(again, 'traffic'), N);
    } finally {
      await again.close();
    }
  } finally {
    t.cleanup();
  }
});

test('an in-memory workspace references the original Parquet file; a workspace without sb_dataset_files (older) still opens', async () => {
  const t = tempDir();
  try {
    const pq = t.file('traffic.parquet');
    const csv = t.file('old.csv');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(N));
    await writeWithDuckdb(csv, 'csv', sampleSelect(50));
    const mem = await Workspace.create(':memory:', { threads: 1 });
    try {
      assert.equal(mem.datasetsDir, null);
      const d = await mem.importDataset(pq);
      assert.equal(await count(mem, d.id), N);
      const sql = String((await mem.conn.runAndReadAll(`SELECT sql FROM duckdb_views() WHERE view_name = 'traffic'`)).getRows()[0][0]);
      assert.ok(sql.includes(pq));
    } finally {
      await mem.close();
    }

    // A workspace written before kept files: table datasets and no sb_dataset_files table.
    const path = t.file('old.duckdb');
    const ws = await open(path);
    const c = await ws.importDataset(csv);
    await ws.conn.run('DROP TABLE sb_dataset_files');
    await ws.close();
    const ro = await open(path, true);
    try {
      assert.deepEqual(await ro.listDatasets(), [c]);
      assert.equal(await count(ro, c.id), 50);
    } finally {
      await ro.close();
    }
    const rw = await open(path);
    try {
      assert.equal(await count(rw, c.id), 50);
      const p = await rw.importDataset(pq);
      assert.equal(await count(rw, p.id), N);
    } finally {
      await rw.close();
    }
  } finally {
    t.cleanup();
  }
});
