import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRecord } from '../../../core/contract/index.js';
import { nonInferiority } from '../../../core/metrics/nonInferiority.js';

const ci = (low: number, high: number) => ({ low, high, level: 0.95, method: 'test' });
const recs: MetricRecord[] = [
  { id: 'outcome.roc_auc', model: 'delta', value: -0.002, ci: ci(-0.008, 0.004) },   // bound -0.008 > -0.01: non-inferior
  { id: 'outcome.accuracy', model: 'delta', value: 0.001, ci: ci(-0.012, 0.014) },   // bound -0.012: not shown, although the point estimate is positive
  { id: 'outcome.brier', model: 'delta', value: 0.001, ci: ci(-0.002, 0.004) },      // lower is better: upper bound 0.004 < 0.01
  { id: 'outcome.log_loss', model: 'delta', value: 0.02, ci: ci(0.005, 0.035) },     // upper bound 0.035 >= 0.01: not shown
  { id: 'outcome.pr_auc', model: 'delta', value: 0.01 },                              // no interval
  { id: 'regression.mae', model: 'delta', value: 1, ci: ci(0.5, 1.5) },              // in label units: only with an explicit margin
];

test('non-inferiority is decided on the CI bound on the worse side, never the point estimate', () => {
  const r = Object.fromEntries(nonInferiority(recs).map((x) => [x.id, x]));
  assert.equal(r['noninferiority.roc_auc'].value, 1);
  assert.equal(r['noninferiority.accuracy'].value, 0);
  assert.equal(r['noninferiority.brier'].value, 1);
  assert.equal(r['noninferiority.log_loss'].value, 0);
  assert.equal(r['noninferiority.pr_auc'].value, null);
  assert.equal(r['noninferiority.mae'], undefined);
  assert.match(r['noninferiority.accuracy'].note!, /lower bound of the delta \(-0.0120\) is at or below -0.01/);
  const wide = Object.fromEntries(nonInferiority(recs, { margin: 2 }).map((x) => [x.id, x]));
  assert.equal(wide['noninferiority.mae'].value, 1);
  assert.equal(wide['noninferiority.accuracy'].value, 1);
});
