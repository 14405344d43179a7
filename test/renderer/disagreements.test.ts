import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DatasetInfo, ResolvedMap } from '../../core/contract/index.js';
import { disagreementsSql } from '../../core/host/disagreements.js';
import { visibleRange } from '../../renderer/src/components/visibleRange.js';
import { runWindows } from '../../renderer/src/screens/disagreements/runWindows.js';

test('the virtualised table renders only the rows in view, with overscan', () => {
  assert.deepEqual(visibleRange(0, 480, 1000, 24, 10), { start: 0, end: 30 });
  assert.deepEqual(visibleRange(2400, 480, 1000, 24, 10), { start: 90, end: 130 });
  assert.deepEqual(visibleRange(23_900, 480, 1000, 24, 10), { start: 985, end: 1000 });
  assert.deepEqual(visibleRange(0, 480, 0), { start: 0, end: 0 });
});

test('time windows of a run run from each start to the next, the last one as long as the one before', () => {
  const rec = (w: string) => ({ id: 'time.rows', model: 'both' as const, group: { window: w }, value: 1 });
  assert.deepEqual(runWindows([rec('2024-03-11'), rec('2024-03-04'), rec('2024-03-18')]), [
    { from: '2024-03-04', to: '2024-03-11' }, { from: '2024-03-11', to: '2024-03-18' }, { from: '2024-03-18', to: '2024-03-25' },
  ]);
  assert.deepEqual(runWindows(null), []);
});

test('disagreementsSql filters a time window on the mapped timestamp, and refuses bad windows', () => {
  const ds = { id: 'traffic', columns: [{ name: 'ts', type: 'TIMESTAMP' }, { name: 'x', type: 'DOUBLE' }] } as DatasetInfo;
  const map = { threshold: 0.5, timestamp: 'ts', models: { production: { inputs: {} }, candidate: { inputs: {} } } } as unknown as ResolvedMap;
  const sql = disagreementsSql('pred_r', ds, map, { runId: 'r', window: { from: '2024-03-04', to: '2024-03-11T00:00:00Z' } });
  assert.match(sql, /CAST\(d\."ts" AS TIMESTAMP\) >= CAST\('2024-03-04' AS TIMESTAMP\)/);
  assert.match(sql, /CAST\(d\."ts" AS TIMESTAMP\) < CAST\('2024-03-11T00:00:00' AS TIMESTAMP\)/);
  assert.throws(() => disagreementsSql('pred_r', ds, map, { runId: 'r', window: { from: "2024'; DROP", to: '2024-01-01' } }), /ISO dates/);
  assert.throws(() => disagreementsSql('pred_r', ds, { ...map, timestamp: undefined }, { runId: 'r', window: { from: '2024-03-04', to: '2024-03-11' } }), /timestamp column/);
  assert.doesNotMatch(disagreementsSql('pred_r', ds, map, { runId: 'r' }), /AS TIMESTAMP\) >=/);
});
