import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { windowCodes } from '../../../../core/metrics/slices/index.js';

// Window starts are computed in JS from epoch milliseconds; DuckDB's date_trunc is the reference.
test('time windows match DuckDB date_trunc for day, week and month (leap years, pre-1970, boundaries)', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    const r = await conn.runAndReadAll(`SELECT epoch_ms(ts)::DOUBLE AS ms,
        strftime(date_trunc('day', ts), '%Y-%m-%d') AS d, strftime(date_trunc('week', ts), '%Y-%m-%d') AS w, strftime(date_trunc('month', ts), '%Y-%m-%d') AS m
      FROM (SELECT TIMESTAMP '1969-12-01 00:00:00' + to_microseconds((hash(i) % 4000000000000)::BIGINT * 1000) AS ts FROM range(3000) t(i)
            UNION ALL SELECT * FROM (VALUES (TIMESTAMP '2024-02-29 23:59:59.999'), (TIMESTAMP '2024-03-01 00:00:00'), (TIMESTAMP '1970-01-01 00:00:00'),
              (TIMESTAMP '1969-12-31 23:59:59.999'), (TIMESTAMP '2000-02-29 12:00:00'), (TIMESTAMP '2100-03-01 00:00:00'), (TIMESTAMP '2026-11-23 00:00:00')) v(ts))`);
    const rows = r.getRowObjectsJS() as { ms: number; d: string; w: string; m: string }[];
    const time = Float64Array.from(rows, (x) => x.ms);
    for (const [window, col] of [['day', 'd'], ['week', 'w'], ['month', 'm']] as const) {
      const { codes, labels } = windowCodes(time, window);
      rows.forEach((x, i) => assert.equal(labels[codes[i]!], x[col], `${window} of ${new Date(x.ms).toISOString()}`));
      assert.deepEqual(labels, [...labels].sort(), 'labels ascending');
    }
    const withNull = windowCodes(Float64Array.from([NaN, time[0]!]), 'day');
    assert.equal(withNull.codes[0], -1);
    assert.equal(withNull.labels.length, 1);
    assert.deepEqual(windowCodes(Float64Array.from([NaN, NaN]), 'week'), { codes: Int32Array.from([-1, -1]), labels: [] });
    // Past ten million days the windows go through a Map: same codes, same labels as the day table gives.
    const far = 1e7 * 86_400_000;
    const wide = windowCodes(Float64Array.from([...time, far, NaN, -far]), 'month');
    const near = windowCodes(time, 'month');
    assert.deepEqual(wide.labels.slice(1, -1), near.labels);
    assert.deepEqual([...wide.codes.subarray(0, time.length)], [...near.codes].map((c) => c + 1));
    assert.deepEqual([...wide.codes.subarray(time.length)], [near.labels.length + 1, -1, 0]);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});

test('metrics in worker threads equal those computed here, and their errors arrive as WorkbenchErrors', async () => {
  const { overTimeOfFrame } = await import('../../../../core/metrics/slices/index.js');
  const { overTimeInWorker } = await import('../../../../core/metrics/frameTask.js');
  const { shared } = await import('../../../../core/metrics/frame.js');
  const n = 3000;
  const y = shared(Int8Array, n), pp = shared(Float64Array, n), pc = shared(Float64Array, n), time = shared(Float64Array, n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 9 === 0 ? -1 : (i * 7) % 3 === 0 ? 1 : 0;
    pp[i] = ((i * 37) % 101) / 100; pc[i] = ((i * 53) % 97) / 96;
    time[i] = Date.UTC(2024, 4, 1) + (i % 30) * 86_400_000;
  }
  const frame = { n, y, pp, pc, keys: [], time };
  const opts = { threshold: 0.5, bootstrap: { B: 100, seed: 5 } };
  assert.deepEqual(await overTimeInWorker(frame, opts), overTimeOfFrame(frame, opts));
  const { metricsInWorkers } = await import('../../../../core/metrics/frameTask.js');
  const { metricsOfFrame } = await import('../../../../core/metrics/computeMetrics.js');
  let halves = 0;
  const overall = { threshold: 0.5, sensitive: [], bootstrap: { B: 100, seed: 5 } };
  assert.deepEqual(await metricsInWorkers(frame, overall, { onHalfDone: () => halves++ }), metricsOfFrame(frame, overall));
  assert.equal(halves, 1, 'the first half to finish is reported once');
  // A half that fails stops the other, and its own error is the one reported (not the other's cancel).
  await assert.rejects(metricsInWorkers(frame, { ...overall, sensitive: ['nope'] }), (e: unknown) => {
    const err = e as { code?: string; message?: string };
    assert.equal(err.code, 'BAD_ARGUMENT', err.message);
    assert.match(err.message ?? '', /"nope"/);
    return true;
  });
  const ac = new AbortController();
  const cancelled = metricsInWorkers(frame, overall, { signal: ac.signal });
  ac.abort();
  await assert.rejects(cancelled, (e: unknown) => (e as { code?: string }).code === 'CANCELLED');
  await assert.rejects(overTimeInWorker({ n, y, pp, pc, keys: [] }, opts), (e: unknown) => {
    const err = e as { code?: string; message?: string };
    assert.equal(err.code, 'MAPPING_MISMATCH', err.message);
    assert.match(err.message ?? '', /timestamp/);
    return true;
  });
});
