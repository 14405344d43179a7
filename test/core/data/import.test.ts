import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sampleSelect, tempDir, withWorkspace, writeArrow, writeWithDuckdb } from './helpers.js';

const N = 5003;
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

test('imports Parquet and CSV with sb_row in file order, schema, sha256 and row counts', async () => {
  const t = tempDir();
  try {
    const pq = t.file('traffic.parquet');
    const csv = t.file('traffic 2024.csv');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(N));
    await writeWithDuckdb(csv, 'csv', sampleSelect(N));
    await withWorkspace(async (ws) => {
      const progress: [number, number | null][] = [];
      const a = await ws.importDataset(pq, { onProgress: (d, tot) => progress.push([d, tot]) });
      assert.equal(a.id, 'traffic');
      assert.equal(a.format, 'parquet');
      assert.equal(a.rows, N);
      assert.equal(a.sha256, sha(pq));
      assert.equal(a.name, 'traffic.parquet');
      assert.deepEqual(a.columns.map((c) => [c.name, c.type]), [
        ['id', 'BIGINT'], ['x', 'DOUBLE'], ['k', 'INTEGER'], ['flag', 'BOOLEAN'], ['cat', 'VARCHAR'], ['my col', 'DOUBLE'], ['we"ird', 'INTEGER'],
      ]);
      assert.deepEqual(progress.at(-1), [N, N]);

      const b = await ws.importDataset(csv, { name: 'CSV copy' });
      assert.equal(b.id, 'traffic_2024');
      assert.equal(b.format, 'csv');
      assert.equal(b.rows, N);
      assert.equal(b.name, 'CSV copy');
      assert.deepEqual(b.columns.map((c) => c.name), ['id', 'x', 'k', 'flag', 'cat', 'my col', 'we"ird']);

      // Same file again gets a fresh id.
      const c = await ws.importDataset(pq);
      assert.equal(c.id, 'traffic_2');
      assert.deepEqual((await ws.listDatasets()).map((d) => d.id).sort(), ['traffic', 'traffic_2', 'traffic_2024']);

      for (const id of [a.id, b.id]) {
        const r = await ws.conn.runAndReadAll(`SELECT count(*) FILTER (WHERE sb_row <> id), min(sb_row), max(sb_row) FROM "${id}"`);
        assert.deepEqual(r.getRowsJS()[0], [0n, 0n, BigInt(N - 1)], `sb_row follows file order in ${id}`);
      }
    });
  } finally {
    t.cleanup();
  }
});

test('imports Arrow IPC file and stream framing, detected by magic bytes not extension', async () => {
  const t = tempDir();
  try {
    const f = t.file('batches.arrow');
    const s = t.file('batches.data'); // stream, misleading extension
    writeArrow(f, 'file', 2500);
    writeArrow(s, 'stream', 2500);
    await withWorkspace(async (ws) => {
      for (const [path, id] of [[f, 'batches'], [s, 'batches_2']] as const) {
        const progress: number[] = [];
        const d = await ws.importDataset(path, { onProgress: (done) => progress.push(done) });
        assert.equal(d.id, id);
        assert.equal(d.format, 'arrow');
        assert.equal(d.rows, 2500);
        assert.equal(d.sha256, sha(path));
        assert.deepEqual(d.columns.map((c) => [c.name, c.type]), [['id', 'INTEGER'], ['x', 'DOUBLE'], ['s', 'VARCHAR'], ['cat', 'VARCHAR'], ['my col', 'FLOAT'], ['big', 'BIGINT']]);
        assert.ok(progress.length >= 3, 'progress reported per batch');
        assert.equal(progress.at(-1), 2500);
        const r = await ws.conn.runAndReadAll(
          `SELECT count(*) FILTER (WHERE sb_row <> id), count(*) FILTER (WHERE x IS NULL), count(*) FILTER (WHERE s IS NULL),
                  sum("my col"), max(big), any_value(s) FILTER (WHERE sb_row = 1), string_agg(cat, ',' ORDER BY sb_row) FILTER (WHERE sb_row < 4) FROM "${id}"`,
        );
        const [mismatch, xNulls, sNulls, sumMy, maxBig, s1, cats] = r.getRowsJS()[0];
        assert.equal(mismatch, 0n);
        assert.equal(xNulls, BigInt(Array.from({ length: 2500 }, (_, i) => i).filter((i) => i % 7 === 3).length));
        assert.equal(sNulls, 500n);
        assert.equal(sumMy, 2499 * 2500);
        assert.equal(maxBig, 2499n * 1000000000n);
        assert.equal(s1, 's1');
        assert.equal(cats, 'red,green,blue,red');
      }
    });
  } finally {
    t.cleanup();
  }
});

test('preview pages rows in file order without sb_row; quoted column names work', async () => {
  const t = tempDir();
  try {
    const pq = t.file('p.parquet');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(300));
    await withWorkspace(async (ws) => {
      const d = await ws.importDataset(pq);
      const page = await ws.preview(d.id, { limit: 5, offset: 100 });
      assert.equal(page.total, 300);
      assert.equal(page.offset, 100);
      assert.deepEqual(page.columns.map((c) => c.name), ['id', 'x', 'k', 'flag', 'cat', 'my col', 'we"ird']);
      assert.deepEqual(page.rows.map((r) => r[0]), [100, 101, 102, 103, 104]);
      assert.deepEqual(page.rows[0], [100, 10, 0, true, 'c1', 200, 1]);
      assert.equal(page.rows[1][1], null, 'row 101 has a NULL x');
      const tail = await ws.preview(d.id, { limit: 50, offset: 290 });
      assert.equal(tail.rows.length, 10);
    });
  } finally {
    t.cleanup();
  }
});

test('cancelling an import leaves no table behind', async () => {
  const t = tempDir();
  try {
    const csv = t.file('c.csv');
    const arrow = t.file('a.arrow');
    await writeWithDuckdb(csv, 'csv', sampleSelect(1000));
    writeArrow(arrow, 'stream', 3000);
    await withWorkspace(async (ws) => {
      const before = await ws.conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables()`);
      const ac = new AbortController();
      ac.abort();
      await assert.rejects(ws.importDataset(csv, { signal: ac.signal }), { code: 'CANCELLED' });
      const ac2 = new AbortController();
      await assert.rejects(ws.importDataset(arrow, { signal: ac2.signal, onProgress: () => ac2.abort() }), { code: 'CANCELLED' });
      const after = await ws.conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables()`);
      assert.deepEqual(after.getRowsJS(), before.getRowsJS());
      assert.deepEqual(await ws.listDatasets(), []);
    });
  } finally {
    t.cleanup();
  }
});

test('aborting while DuckDB reads a CSV interrupts it and leaves no table behind', async () => {
  const t = tempDir();
  try {
    const csv = t.file('mid.csv');
    await writeWithDuckdb(csv, 'csv', sampleSelect(200_000));
    await withWorkspace(async (ws) => {
      const before = (await ws.conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables()`)).getRowsJS();
      for (const delay of [0, 5, 30]) {
        const ac = new AbortController();
        setTimeout(() => ac.abort(), delay);
        await assert.rejects(ws.importDataset(csv, { signal: ac.signal }), { code: 'CANCELLED' });
      }
      assert.deepEqual((await ws.conn.runAndReadAll(`SELECT count(*) FROM duckdb_tables()`)).getRowsJS(), before);
      const ok = await ws.importDataset(csv);
      assert.equal(ok.rows, 200_000);
    });
  } finally {
    t.cleanup();
  }
});
