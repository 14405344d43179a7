import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeCurves } from '../../../core/metrics/computeCurves.js';
import { computeMetrics, computeMetricsAndCurves } from '../../../core/metrics/computeMetrics.js';
import { sharedRelation } from '../../../core/metrics/sharedRelation.js';

const opts = { threshold: 0.5, sensitive: ['g'], bootstrap: { B: 50, seed: 3 } };

test('computeMetricsAndCurves = computeMetrics + computeCurves, on a materialised shared relation too', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    await conn.run(`CREATE TABLE t AS SELECT i AS id,
        CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 3 = 0)::INTEGER END AS y,
        CASE WHEN i % 41 = 0 THEN 'NaN'::DOUBLE ELSE ((i * 37) % 101) / 100.0 END AS pp,
        ((i * 53) % 97) / 96.0 AS pc, ['a', 'b'][1 + i % 2] AS g
      FROM range(600) r(i)`);
    const cases = {
      mixed: `(SELECT y, pp AS p_production, pc AS p_candidate, g, id AS sb_row FROM t)`,
      unlabelled: `(SELECT NULL::INTEGER AS y, pp AS p_production, pc AS p_candidate, g, id AS sb_row FROM t)`,
      no_negatives: `(SELECT 1 AS y, pp AS p_production, pc AS p_candidate, g, id AS sb_row FROM t)`,
      no_scores: `(SELECT y, 'NaN'::DOUBLE AS p_production, pc AS p_candidate, g, id AS sb_row FROM t)`,
    };
    for (const [name, rel] of Object.entries(cases)) {
      const both = await computeMetricsAndCurves(conn, rel, opts);
      assert.deepEqual(both.metrics, await computeMetrics(conn, rel, opts), name);
      assert.deepEqual(both.curves, await computeCurves(conn, rel, { threshold: 0.5 }), name);
      const shared = await sharedRelation(conn, rel);
      try {
        assert.notEqual(shared.name, rel);
        const again = await computeMetricsAndCurves(conn, shared.name, opts);
        assert.deepEqual(again, both, `${name} via the shared table`);
      } finally {
        await shared.drop();
      }
    }
    assert.equal((await sharedRelation(conn, 't')).name, 't', 'a table name is used as it is');
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
});
