import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MetricRecord } from '../../core/contract/index.js';
import { definitionOf, humanize } from '../../renderer/src/metrics/definitions.js';
import { byFamily, fairnessAttributes, fourFifths, groupKey, groupLabel, headlines, judge, pivot, splitId } from '../../renderer/src/metrics/group.js';
import { fakeMetrics } from '../e2e/fake-service.js';

const ci = (low: number, high: number) => ({ low, high, level: 0.95, method: 'bootstrap' });

test('pivot puts the models of one metric and group side by side', () => {
  const rows = pivot(fakeMetrics());
  const auc = rows.find((r) => r.id === 'outcome.roc_auc')!;
  assert.deepEqual(Object.keys(auc.byModel), ['production', 'candidate', 'delta']);
  assert.equal(auc.family, 'outcome');
  assert.equal(auc.name, 'roc_auc');
  assert.equal(rows.filter((r) => r.id === 'fairness.selection_rate').length, 4, 'one row per group');
  assert.equal(groupKey({ b: '2', a: '1' }), 'a=1, b=2');
  assert.equal(groupLabel({ afam: '*' }), 'afam (all groups)');
  assert.equal(groupLabel({ column: 'lvrat' }), 'lvrat');
  assert.deepEqual(splitId('latency.p99_9'), { family: 'latency', name: 'p99_9' });
});

test('families in screen order, unknown families after, alphabetically', () => {
  const recs: MetricRecord[] = [
    { id: 'zeta.thing', model: 'both', value: 1 }, { id: 'latency.p50', model: 'production', value: 1 },
    { id: 'outcome.f1', model: 'production', value: 1 }, { id: 'alpha.x', model: 'both', value: 1 }, { id: 'drift.psi', model: 'both', value: 1 },
  ];
  assert.deepEqual(byFamily(pivot(recs)).map(([f]) => f), ['outcome', 'drift', 'latency', 'alpha', 'zeta']);
});

test('fairness by attribute: groups, per-group metrics, summaries; four-fifths ratios', () => {
  const attrs = fairnessAttributes(fakeMetrics());
  assert.deepEqual(attrs.map((a) => a.attribute), ['afam', 'single']);
  const afam = attrs[0]!;
  assert.deepEqual(afam.groups, ['no', 'yes']);
  assert.deepEqual(afam.metrics.map((m) => m.name), ['selection_rate', 'tpr', 'fpr']);
  assert.deepEqual(afam.summary.map((r) => r.name), ['demographic_parity_difference', 'demographic_parity_ratio', 'equalized_odds_difference']);
  const ff = fourFifths(afam.metrics[0]!.points);
  assert.equal(ff[1]!.production, 1);
  assert.ok(Math.abs(ff[0]!.production! - 0.0721 / 0.1812) < 1e-12);
});

test('judge: direction of the metric, and "same" when the interval covers zero', () => {
  const row = (id: string, recs: Partial<Record<'production' | 'candidate' | 'delta' | 'ratio', Partial<MetricRecord>>>) =>
    pivot(Object.entries(recs).map(([model, r]) => ({ id, model, value: 0, ...r }) as MetricRecord))[0]!;
  assert.equal(judge(row('outcome.roc_auc', { delta: { value: 0.02, ci: ci(0.01, 0.03) } })), 'better');
  assert.equal(judge(row('outcome.roc_auc', { delta: { value: 0.02, ci: ci(-0.01, 0.03) } })), 'same');
  assert.equal(judge(row('outcome.brier', { delta: { value: -0.003, ci: ci(-0.006, -0.0001) } })), 'better');
  assert.equal(judge(row('outcome.log_loss', { delta: { value: 0.01 } })), 'worse');
  assert.equal(judge(row('latency.p99', { ratio: { value: 1.3, ci: ci(1.25, 1.36) } })), 'worse');
  assert.equal(judge(row('latency.p99', { production: { value: 500 }, candidate: { value: 400 } })), 'better');
  assert.equal(judge(row('fairness.selection_rate', { delta: { value: 0.1 } })), 'unknown');
});

test('headline cards: AUC, accuracy, largest fairness gap, drift share, p99 latency', () => {
  const h = headlines(fakeMetrics());
  assert.deepEqual(h.map((x) => x.key), ['auc', 'primary', 'fairness', 'drift', 'latency']);
  const gap = h.find((x) => x.key === 'fairness')!;
  assert.equal(gap.row.id, 'fairness.equalized_odds_difference');
  assert.deepEqual(gap.row.group, { afam: '*' });
  assert.deepEqual(headlines([{ id: 'outcome.rmse', model: 'production', value: 2 }]).map((x) => x.title), ['RMSE']);
  assert.deepEqual(headlines([]), []);
});

test('definitions: known ids, percentiles, unknown ids get a readable fallback', () => {
  assert.equal(definitionOf('outcome.roc_auc').label, 'ROC AUC');
  assert.equal(definitionOf('fairness.demographic_parity_ratio').direction, 'higher');
  assert.equal(definitionOf('latency.p99_9').label, 'p99.9 latency');
  assert.equal(definitionOf('latency.p99').unit, 'µs');
  assert.equal(definitionOf('custom.new_metric').label, 'New metric');
  assert.equal(humanize('equal_opportunity_difference'), 'Equal opportunity difference');
});
