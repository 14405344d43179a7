import { test } from 'node:test';
import assert from 'node:assert/strict';
import { collect, sampleSelect, withSampleDataset } from './helpers.js';
import type { Workspace } from '../../../core/data/index.js';

const N = 5003; // not a multiple of DuckDB's 2048-row vectors nor of the chunk sizes below

function withSample(fn: (ws: Workspace, id: string) => Promise<void>, select = sampleSelect(N)): Promise<void> {
  return withSampleDataset(select, fn);
}

test('streams typed columns in file order with exact chunk boundaries and NULL counts', async () => {
  await withSample(async (ws, id) => {
    const chunks = await collect(ws.streamColumns(id, [
      { column: 'x', as: 'float32' }, { column: 'id', as: 'int64' }, { column: 'k', as: 'int32' },
      { column: 'flag', as: 'bool' }, { column: 'cat', as: 'string' }, { column: 'my col', as: 'float64' }, { column: 'we"ird', as: 'float32' },
    ], { chunkRows: 1500 }));
    assert.deepEqual(chunks.map((c) => c.rows), [1500, 1500, 1500, 503]);
    let row = 0;
    let xNulls = 0;
    for (const c of chunks) {
      const [x, ids, k, flag, cat, my, weird] = c.columns.map((col) => col.data);
      assert.ok(x instanceof Float32Array && ids instanceof BigInt64Array && k instanceof Int32Array && flag instanceof Uint8Array && Array.isArray(cat));
      assert.ok(my instanceof Float64Array && weird instanceof Float32Array);
      assert.equal(x.length, c.rows);
      assert.equal(c.rowIds.length, c.rows);
      for (let i = 0; i < c.rows; i++, row++) {
        assert.equal(c.rowIds[i], row);
        assert.equal(ids[i], BigInt(row));
        if (row % 7 === 3) assert.ok(Number.isNaN(x[i]));
        else assert.equal(x[i], Math.fround(row / 10));
        assert.equal(k[i], row % 5);
        assert.equal(flag[i], row % 2 === 0 ? 1 : 0);
        assert.equal(cat[i], `c${row % 3}`);
        assert.equal(my[i], row * 2);
        assert.equal(weird[i], row % 11);
      }
      xNulls += c.columns[0].nulls;
      assert.equal(c.columns[1].nulls, 0);
    }
    assert.equal(row, N);
    assert.equal(xNulls, Array.from({ length: N }, (_, i) => i).filter((i) => i % 7 === 3).length);
  });
});

test('fromRow resumes mid-dataset; chunkRows larger than the dataset gives one chunk', async () => {
  await withSample(async (ws, id) => {
    const chunks = await collect(ws.streamColumns(id, [{ column: 'id', as: 'float64' }], { chunkRows: 2048, fromRow: 4000 }));
    assert.deepEqual(chunks.map((c) => c.rows), [1003]);
    assert.equal(chunks[0].rowIds[0], 4000);
    assert.equal((chunks[0].columns[0].data as Float64Array)[1002], 5002);
    const all = await collect(ws.streamColumns(id, [{ column: 'k', as: 'float32' }], { chunkRows: 100_000 }));
    assert.deepEqual(all.map((c) => c.rows), [N]);
    assert.deepEqual(await collect(ws.streamColumns(id, [{ column: 'k', as: 'float32' }], { chunkRows: 10, fromRow: N })), []);
  });
});

test('NULLs in int, bool and string columns become 0 / null and are counted', async () => {
  const select = `SELECT CASE WHEN range % 4 = 0 THEN NULL ELSE range END::INTEGER AS i, CASE WHEN range % 4 = 1 THEN NULL ELSE range % 2 = 0 END AS b,
    CASE WHEN range % 4 = 2 THEN NULL ELSE 'v' END AS s, 'NaN'::DOUBLE AS nan, range::DECIMAL(10,2) / 4 AS dec, range::TINYINT AS tiny FROM range(100)`;
  await withSample(async (ws, id) => {
    const [c] = await collect(ws.streamColumns(id, [
      { column: 'i', as: 'int64' }, { column: 'b', as: 'bool' }, { column: 's', as: 'string' }, { column: 'nan', as: 'float64' },
      { column: 'dec', as: 'float64' }, { column: 'tiny', as: 'int32' }, { column: 'i', as: 'float32' },
    ], { chunkRows: 1000 }));
    assert.deepEqual(c.columns.map((x) => x.nulls), [25, 25, 25, 100, 0, 0, 25]);
    assert.equal((c.columns[0].data as BigInt64Array)[4], 0n);
    assert.equal((c.columns[0].data as BigInt64Array)[5], 5n);
    assert.equal((c.columns[1].data as Uint8Array)[1], 0);
    assert.equal((c.columns[2].data as (string | null)[])[2], null);
    assert.equal((c.columns[4].data as Float64Array)[3], 0.75);
    assert.ok(Number.isNaN((c.columns[6].data as Float32Array)[8]));
  }, select);
});

test('bad requests are MAPPING_MISMATCH naming the column and the types', async () => {
  const select = `SELECT range AS id, CASE WHEN range = 2100 THEN 'oops' ELSE range::VARCHAR END AS mostly_numbers, TIMESTAMP '2024-01-02 03:04:05.678' + INTERVAL (range) SECOND AS ts, DATE '2024-01-02' AS day, [range, 1] AS list FROM range(3000)`;
  await withSample(async (ws, id) => {
    await assert.rejects(collect(ws.streamColumns(id, [{ column: 'nope', as: 'float32' }], { chunkRows: 100 })), (e: Error & { code?: string }) => e.code === 'MAPPING_MISMATCH' && e.message.includes('"nope"'));
    await assert.rejects(collect(ws.streamColumns(id, [{ column: 'list', as: 'float32' }], { chunkRows: 100 })), (e: Error & { code?: string }) => e.code === 'MAPPING_MISMATCH' && e.message.includes('"list"') && e.message.includes('BIGINT[]'));
    await assert.rejects(collect(ws.streamColumns(id, [{ column: 'ts', as: 'bool' }], { chunkRows: 100 })), { code: 'MAPPING_MISMATCH' });
    await assert.rejects(collect(ws.streamColumns(id, [{ column: 'id', as: 'float32' }, { column: 'mostly_numbers', as: 'float32' }], { chunkRows: 100 })), (e: Error & { code?: string }) =>
      e.code === 'MAPPING_MISMATCH' && e.message.includes('"mostly_numbers"') && e.message.includes('VARCHAR') && e.message.includes('oops'));
    // Dates and timestamps read as numbers are epoch milliseconds.
    const [t0] = await collect(ws.streamColumns(id, [{ column: 'ts', as: 'float64' }, { column: 'day', as: 'int64' }, { column: 'ts', as: 'string' }], { chunkRows: 2 }));
    assert.deepEqual(Array.from(t0.columns[0].data as Float64Array), [Date.UTC(2024, 0, 2, 3, 4, 5, 678), Date.UTC(2024, 0, 2, 3, 4, 6, 678)]);
    assert.equal((t0.columns[1].data as BigInt64Array)[0], BigInt(Date.UTC(2024, 0, 2)));
    assert.equal((t0.columns[2].data as string[])[0], '2024-01-02 03:04:05.678');
    // Numeric strings still convert.
    const chunks = await collect(ws.streamColumns(id, [{ column: 'mostly_numbers', as: 'float64' }], { chunkRows: 1000, fromRow: 2200 }));
    assert.equal((chunks[0].columns[0].data as Float64Array)[0], 2200);
  }, select);
});

test('a stream survives a prediction writer appending and committing between chunks', async () => {
  await withSample(async (ws, id) => {
    await ws.createRun({ id: 'r', datasetId: id, status: 'running', startedAt: new Date().toISOString(), rowsTotal: N, rowsDone: 0, map: {} as never, production: { path: 'p', sha256: 'a' }, candidate: { path: 'c', sha256: 'b' } });
    const w = await ws.openPredictionWriter('r');
    let rows = 0;
    for await (const c of ws.streamColumns(id, [{ column: 'x', as: 'float32' }], { chunkRows: 512 })) {
      const f = c.columns[0].data as Float32Array;
      await w.append(c.rowIds, f, f);
      await w.commit(rows += c.rows);
    }
    await w.close();
    assert.equal(rows, N);
    assert.equal((await ws.getRun('r')).rowsDone, N);
  });
});

test('breaking out early and aborting both end the stream cleanly', async () => {
  await withSample(async (ws, id) => {
    for await (const c of ws.streamColumns(id, [{ column: 'x', as: 'float32' }], { chunkRows: 100 })) {
      assert.equal(c.rows, 100);
      break;
    }
    const ac = new AbortController();
    await assert.rejects(async () => {
      for await (const _c of ws.streamColumns(id, [{ column: 'x', as: 'float32' }], { chunkRows: 100, signal: ac.signal })) ac.abort();
    }, { code: 'CANCELLED' });
    assert.equal((await collect(ws.streamColumns(id, [{ column: 'x', as: 'float32' }], { chunkRows: 5000 }))).length, 2);
  });
});

test('extra SQL columns come with the requested ones, row for row, typed as asked', async () => {
  const select = `SELECT range AS id, CASE WHEN range % 5 = 0 THEN NULL ELSE range % 3 END AS g, TIMESTAMP '2024-03-01' + INTERVAL (range) MINUTE AS ts FROM range(5000)`;
  await withSample(async (ws, id) => {
    const extras = [
      { sql: 'coalesce(__r.g, -1)', as: 'int8' as const },
      { sql: '__r.id * 2', as: 'int32' as const },
      { sql: 'CAST(epoch_ms(__r.ts) AS DOUBLE)', as: 'float64' as const },
    ];
    const chunks = await collect(ws.streamColumns(id, [{ column: 'id', as: 'float64' }], { chunkRows: 1500, fromRow: 100, extras }));
    assert.deepEqual(chunks.map((c) => c.rows), [1500, 1500, 1500, 400]);
    for (const c of chunks) {
      assert.equal(c.extras!.length, 3);
      assert.ok(c.extras![0] instanceof Int8Array && c.extras![1] instanceof Int32Array && c.extras![2] instanceof Float64Array);
      for (let i = 0; i < c.rows; i++) {
        const row = c.rowIds[i]!;
        assert.equal((c.columns[0].data as Float64Array)[i], row);
        assert.equal(c.extras![0]![i], row % 5 === 0 ? -1 : row % 3);
        assert.equal(c.extras![1]![i], row * 2);
        assert.equal(c.extras![2]![i], Date.UTC(2024, 2, 1) + row * 60_000);
      }
    }
    assert.equal((await collect(ws.streamColumns(id, [{ column: 'id', as: 'float64' }], { chunkRows: 1500 })))[0]!.extras, undefined);
  }, select);
});

test('matrices: several columns as one row-major block per chunk, cast as asked, NULLs as NaN or 0 and counted per column', async () => {
  await withSample(async (ws, id) => {
    const chunks = await collect(ws.streamColumns(id, [{ column: 'x', as: 'float32' }, { column: 'k', as: 'int64' }, { column: 'id', as: 'int64' }, { column: 'x', as: 'int64' }], {
      chunkRows: 1500, matrices: [{ columns: ['x', 'my col', 'we"ird'], as: 'float32' }, { columns: ['k', 'id', 'x'], as: 'int64' }],
    }));
    let row = 0;
    const nulls = [[0, 0, 0], [0, 0, 0]];
    for (const c of chunks) {
      const [f, i] = c.matrices!;
      assert.ok(f!.data instanceof Float32Array && i!.data instanceof BigInt64Array);
      assert.equal(f!.data.length, 3 * c.rows);
      for (let r = 0; r < c.rows; r++, row++) {
        const x = row % 7 === 3 ? NaN : Math.fround(row / 10);
        assert.deepEqual([...f!.data.subarray(3 * r, 3 * r + 3)], [x, row * 2, row % 11], `row ${row}`);
        assert.equal(f!.data[3 * r], (c.columns[0]!.data as Float32Array)[r], 'the matrix agrees with the column read alone');
        // As BIGINT, as the columns read one by one give them (x rounded by DuckDB's cast; NULL as 0).
        assert.deepEqual([...i!.data.subarray(3 * r, 3 * r + 3)], [1, 2, 3].map((col) => (c.columns[col]!.data as BigInt64Array)[r]), `row ${row}`);
        assert.equal(i!.data[3 * r], BigInt(row % 5));
      }
      f!.nulls.forEach((v, j) => { nulls[0]![j]! += v; });
      i!.nulls.forEach((v, j) => { nulls[1]![j]! += v; });
    }
    assert.equal(row, N);
    const xNull = Array.from({ length: N }, (_, r) => r).filter((r) => r % 7 === 3).length;
    assert.deepEqual(nulls, [[xNull, 0, 0], [0, 0, xNull]]);
  });
});

test('one long stream: every row once, in order, past 204,800 rows while a writer appends and commits on its own connection; resumed mid row group', async () => {
  const M = 300_001; // ~300 row groups of 1,000 rows; more than the 204,800 rows after which a stream sharing its connection with an appender stopped
  await withSampleDataset(`SELECT range::BIGINT AS id, range::DOUBLE / 3 AS x FROM range(${M})`, async (ws, id) => {
    await ws.createRun({ id: 'r', datasetId: id, status: 'running', startedAt: new Date().toISOString(), rowsTotal: M, rowsDone: 0, map: {} as never, production: { path: 'p', sha256: 'a' }, candidate: { path: 'c', sha256: 'b' } });
    const w = await ws.openPredictionWriter('r');
    for (const fromRow of [0, 123_457]) {
      let next = fromRow;
      for await (const c of ws.streamColumns(id, [{ column: 'id', as: 'int64' }, { column: 'x', as: 'float64' }], { chunkRows: 65_536, fromRow })) {
        const ids = c.columns[0]!.data as BigInt64Array, x = c.columns[1]!.data as Float64Array;
        for (let i = 0; i < c.rows; i++) {
          if (ids[i] !== BigInt(next) || c.rowIds[i] !== next || x[i] !== next / 3) assert.fail(`row ${next}: id ${ids[i]}, rowId ${c.rowIds[i]}, x ${x[i]}`);
          next++;
        }
        if (fromRow === 0) {
          await w.append(c.rowIds.subarray(0, c.rows), x.subarray(0, c.rows), x.subarray(0, c.rows));
          await w.commit(next);
        }
      }
      assert.equal(next, M, `read from row ${fromRow} to the end`);
    }
    await w.close();
    assert.equal((await ws.getRun('r')).rowsDone, M);
    assert.equal(Number((await ws.conn.runAndReadAll(`SELECT count(DISTINCT row_id) FROM ${ws.predictionsTable('r')}`)).getRows()[0]![0]), M);
  }, { onDisk: true });
});

test('matrices: NaN and NULL count as missing, infinities do not', async () => {
  const select = `SELECT CASE range % 5 WHEN 0 THEN 'inf'::DOUBLE WHEN 1 THEN 'nan'::DOUBLE WHEN 2 THEN NULL WHEN 3 THEN '-inf'::DOUBLE ELSE range END AS a, range::DOUBLE AS b FROM range(${N})`;
  await withSample(async (ws, id) => {
    const chunks = await collect(ws.streamColumns(id, [], { chunkRows: 1500, matrices: [{ columns: ['a', 'b'], as: 'float32' }] }));
    const nulls = [0, 0];
    let row = 0;
    for (const c of chunks) {
      const m = c.matrices![0]!;
      m.nulls.forEach((v, j) => { nulls[j]! += v; });
      for (let r = 0; r < c.rows; r++, row++) {
        const want = [Infinity, NaN, NaN, -Infinity, row][row % 5];
        assert.ok(Object.is(m.data[2 * r], want === row ? Math.fround(row) : want), `row ${row}: ${m.data[2 * r]}`);
        assert.equal(m.data[2 * r + 1], row);
      }
    }
    assert.deepEqual(nulls, [Array.from({ length: N }, (_, r) => r).filter((r) => r % 5 === 1 || r % 5 === 2).length, 0]);
  }, select);
});
