import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sampleSelect, tempDir, withWorkspace, writeWithDuckdb } from './helpers.js';

test('read-only query: SELECT paged with LIMIT/OFFSET, totals, DESCRIBE/SUMMARIZE/SHOW/EXPLAIN allowed', async () => {
  const t = tempDir();
  try {
    const pq = t.file('q.parquet');
    await writeWithDuckdb(pq, 'parquet', sampleSelect(250));
    await withWorkspace(async (ws) => {
      const d = await ws.importDataset(pq);
      const p1 = await ws.query(`SELECT id, "my col" FROM ${d.id} ORDER BY id -- trailing comment`, { limit: 10, offset: 20 });
      assert.deepEqual(p1.columns, [{ name: 'id', type: 'BIGINT' }, { name: 'my col', type: 'DOUBLE' }]);
      assert.deepEqual(p1.rows.map((r) => r[0]), [20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
      assert.equal(p1.total, null, 'more rows exist, total unknown without count');
      const p2 = await ws.query(`SELECT id FROM ${d.id} ORDER BY id;`, { limit: 100, offset: 200 });
      assert.equal(p2.rows.length, 50);
      assert.equal(p2.total, 250);
      const p3 = await ws.query(`WITH a AS (SELECT * FROM ${d.id}) SELECT cat, count(*) AS n FROM a GROUP BY cat ORDER BY cat`, { count: true, limit: 2 });
      assert.equal(p3.total, 3);
      assert.deepEqual(p3.rows, [['c0', 84], ['c1', 83]]);
      assert.ok((await ws.query(`DESCRIBE ${d.id}`)).rows.some((r) => r[0] === 'my col'));
      assert.equal((await ws.query(`SUMMARIZE ${d.id}`)).rows.length, 8);
      assert.ok((await ws.query(`SHOW TABLES`)).rows.length >= 1);
      assert.ok((await ws.query(`EXPLAIN SELECT count(*) FROM ${d.id}`)).rows.length >= 1);
      assert.equal((await ws.query(`FROM ${d.id} LIMIT 3`)).rows.length, 3);
    });
  } finally {
    t.cleanup();
  }
});

test('read-only query refuses writes, settings and multiple statements with BAD_ARGUMENT', async () => {
  await withWorkspace(async (ws) => {
    await ws.setMeta('k', 1);
    for (const sql of [
      'DROP TABLE sb_meta',
      'INSERT INTO sb_meta VALUES (1, 2)',
      'DELETE FROM sb_meta',
      "UPDATE sb_meta SET value = '3'",
      'SELECT 1; DROP TABLE sb_meta',
      'SELECT 1; SELECT 2',
      'CREATE TABLE x AS SELECT 1',
      "COPY sb_meta TO '/tmp/sb-should-not-exist.csv'",
      "ATTACH '/tmp/sb-should-not-exist.db'",
      'SET threads = 1',
      'EXPLAIN ANALYZE DELETE FROM sb_meta',
      'CALL pragma_version()',
      '',
      'not sql at all',
    ]) {
      await assert.rejects(ws.query(sql), (e: Error & { code?: string }) => e.code === 'BAD_ARGUMENT', sql);
    }
    assert.equal(await ws.getMeta('k'), 1, 'nothing was changed');
    // The query connection is still usable after refusals and failures.
    await assert.rejects(ws.query('SELECT * FROM no_such_table'), { code: 'BAD_ARGUMENT' });
    assert.deepEqual((await ws.query('SELECT 42 AS answer')).rows, [[42]]);
  });
});
