// Degenerate inputs, errors, determinism and option handling of computeMetrics.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { computeMetrics } from '../../../core/metrics/computeMetrics.js';
import { WorkbenchError } from '../../../core/contract/index.js';
import { find } from './helpers.js';

async function withDb(fn: (conn: DuckDBConnection) => Promise<void>): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    await conn.run(`CREATE TABLE t AS SELECT
        CASE WHEN i % 7 = 0 THEN NULL ELSE (i % 3 = 0)::INTEGER END AS y,
        ((i * 37) % 100) / 100.0 AS p_production, ((i * 53) % 100) / 100.0 AS p_candidate,
        CASE WHEN i % 4 = 0 THEN NULL WHEN i % 4 = 1 THEN 'x' ELSE 'y' END AS "eth nic"
      FROM range(300) r(i)`);
    await fn(conn);
  } finally {
    conn.closeSync(); inst.closeSync();
  }
}

test('all rows unlabelled: outcome metrics null with a note, selection rates still computed', () => withDb(async (conn) => {
  const recs = await computeMetrics(conn, '(SELECT NULL::INTEGER AS y, p_production, p_candidate, "eth nic" FROM t)', { threshold: 0.5, sensitive: ['eth nic'], bootstrap: { B: 50, seed: 1 } });
  for (const id of ['outcome.accuracy', 'outcome.roc_auc', 'outcome.brier', 'outcome.pr_auc']) {
    const r = find(recs, id, 'production');
    assert.equal(r.value, null, id);
    assert.match(r.note ?? '', /no labelled rows/, id);
  }
  assert.equal(find(recs, 'data.labelled', 'both').value, 0);
  assert.ok(find(recs, 'fairness.selection_rate', 'candidate', { 'eth nic': 'x' }).value! > 0);
  assert.equal(find(recs, 'fairness.tpr', 'candidate', { 'eth nic': 'missing' }).value, null);
  assert.equal(find(recs, 'shadow.mcnemar_p', 'both').value, 1);
}));

test('no predicted positives: precision 0 with a zero_division note', () => withDb(async (conn) => {
  const recs = await computeMetrics(conn, 't', { threshold: 2, sensitive: [], bootstrap: { B: 0, seed: 1 } });
  const r = find(recs, 'outcome.precision', 'candidate');
  assert.equal(r.value, 0);
  assert.match(r.note ?? '', /zero_division/);
  assert.equal(find(recs, 'shadow.agreement_rate', 'both').value, 1);
}));

test('same seed gives identical output; another seed changes bootstrap intervals only', () => withDb(async (conn) => {
  const opts = { threshold: 0.5, sensitive: ['eth nic'], bootstrap: { B: 100, seed: 7 } };
  const a = await computeMetrics(conn, 't', opts);
  const b = await computeMetrics(conn, 't', opts);
  assert.deepEqual(a, b);
  const c = await computeMetrics(conn, 't', { ...opts, bootstrap: { B: 100, seed: 8 } });
  assert.deepEqual(a.map((r) => r.value), c.map((r) => r.value));
  assert.notDeepEqual(find(a, 'outcome.accuracy', 'delta').ci, find(c, 'outcome.accuracy', 'delta').ci);
  assert.match(find(a, 'outcome.accuracy', 'delta').ci!.method, /B=100, seed=7/);
}));

test('B = 0 disables bootstrap intervals but keeps DeLong and normal ones; level is honoured', () => withDb(async (conn) => {
  const recs = await computeMetrics(conn, 't', { threshold: 0.5, sensitive: [], bootstrap: { B: 0, seed: 1, level: 0.9 } });
  assert.equal(find(recs, 'outcome.accuracy', 'delta').ci, undefined);
  assert.equal(find(recs, 'outcome.roc_auc', 'delta').ci?.level, 0.9);
  assert.equal(find(recs, 'outcome.brier', 'delta').ci?.level, 0.9);
}));

test('bad labels and missing columns are user-facing errors', () => withDb(async (conn) => {
  await assert.rejects(computeMetrics(conn, '(SELECT 2 AS y, p_production, p_candidate FROM t)', { threshold: 0.5, sensitive: [] }),
    (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_LABEL');
  await assert.rejects(computeMetrics(conn, 't', { threshold: 0.5, sensitive: ['sex'] }),
    (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_ARGUMENT' && /sex/.test(e.message));
  await assert.rejects(computeMetrics(conn, 't', { threshold: NaN, sensitive: [] }),
    (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_ARGUMENT');
}));

test('every emitted id has a definition', () => withDb(async (conn) => {
  const { METRIC_DEFINITIONS } = await import('../../../core/metrics/definitions.js');
  const recs = await computeMetrics(conn, 't', { threshold: 0.5, sensitive: ['eth nic'], bootstrap: { B: 0, seed: 1 } });
  for (const id of new Set(recs.map((r) => r.id))) assert.ok(METRIC_DEFINITIONS[id], id);
}));
