import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeMetricsAndCurves, metricsOfFrame } from '../../../core/metrics/computeMetrics.js';
import { loadFrame, loadRunFrame } from '../../../core/metrics/frame.js';
import { overTimeOfFrame } from '../../../core/metrics/slices/index.js';

// The replay's frame is read as two scans placed by row number; it must equal the joined relation's.
test('a run frame read by row number gives the same metrics as the joined relation', async () => {
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`CREATE TABLE ds AS SELECT i AS sb_row, CASE WHEN i % 11 = 0 THEN NULL WHEN hash(i) % 3 = 0 THEN 'yes' ELSE 'no' END AS label,
        CASE WHEN i % 13 = 0 THEN NULL ELSE ['a', 'b', 'c'][(1 + hash(i + 7) % 3)::BIGINT] END AS "gr'p",
        TIMESTAMP '2024-01-01' + to_microseconds((hash(i + 3) % 3000000)::BIGINT * 1000000) AS ts FROM range(5000) t(i)`);
    // Predictions in a shuffled order, one NaN score, float32-like scores with ties.
    await conn.run(`CREATE TABLE pred AS SELECT sb_row AS row_id,
        CASE WHEN sb_row = 17 THEN 'NaN'::DOUBLE ELSE round((hash(sb_row + 1) % 1000) / 1000.0 * 0.7 + (label = 'yes')::INTEGER * 0.3, 3) END AS production,
        round((hash(sb_row + 2) % 1000) / 1000.0 * 0.6 + (label = 'yes')::INTEGER * 0.4, 3) AS candidate, NULL::DOUBLE AS noise
      FROM ds ORDER BY hash(sb_row + 99)`);
    const yExpr = (a: string) => `CASE WHEN ${a}.label IS NULL THEN NULL WHEN ${a}.label = 'yes' THEN 1 ELSE 0 END`;
    const rel = `(SELECT ${yExpr('d')} AS y, p.production AS p_production, p.candidate AS p_candidate, p.noise AS p_noise, CAST(d."gr'p" AS VARCHAR) AS "gr'p", d.ts AS sb_time FROM pred p JOIN ds d ON d.sb_row = p.row_id)`;
    const keys = [{ name: "gr'p", expr: `CAST(__r."gr'p" AS VARCHAR)` }];
    const opts = { threshold: 0.5, sensitive: ["gr'p"], bootstrap: { B: 200, seed: 3 } };
    const fast = await loadRunFrame(conn, { predictions: 'pred', dataset: 'ds', rows: 5000, y: yExpr('__r'), keys, time: '__r.ts', noise: true });
    assert.ok(fast);
    const joined = await loadFrame(conn, rel, { keys, time: true });
    assert.deepEqual(metricsOfFrame(fast, opts), await computeMetricsAndCurves(conn, rel, opts));
    assert.deepEqual(overTimeOfFrame(fast, { threshold: 0.5, bootstrap: { B: 100, seed: 1 } }), overTimeOfFrame(joined, { threshold: 0.5, bootstrap: { B: 100, seed: 1 } }));
    // Predictions that do not cover every row once: no run frame (the caller reads the join).
    await conn.run('DELETE FROM pred WHERE row_id = 42');
    assert.equal(await loadRunFrame(conn, { predictions: 'pred', dataset: 'ds', rows: 5000, y: yExpr('__r'), keys, noise: true }), null);
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
});
