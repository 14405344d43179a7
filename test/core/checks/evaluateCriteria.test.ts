import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { evaluateCriteria, loadCriteria, parseCriteria } from '../../../core/checks/index.js';
import type { MetricRecord } from '../../../core/contract/index.js';

const demo = JSON.parse(readFileSync(new URL('../report/fixtures/demo.report.json', import.meta.url), 'utf8')) as { metrics: MetricRecord[] };
const M = demo.metrics;
const one = (rule: string, metrics = M) => evaluateCriteria(parseCriteria(`- ${rule}`, 'c.yaml'), metrics).results[0];

test('a rule on one record passes or fails with the observed number', () => {
  const auc = M.find((m) => m.id === 'outcome.roc_auc' && m.model === 'delta')!;
  const r = one('outcome.roc_auc delta ci_low >= -0.005');
  assert.equal(r.status, 'pass');
  assert.equal(r.observed, auc.ci!.low);
  assert.equal(r.bound, -0.005);
  assert.equal(r.line, 1);
  assert.equal(one('outcome.roc_auc delta ci_low >= 0.05').status, 'fail');
  assert.equal(one('outcome.roc_auc candidate > 0.9').status, 'fail');
  assert.equal(one('shadow.mcnemar_p p < 0.05').status, 'pass');
});

test('for every group: each group must pass; the worst value is the observed one', () => {
  const r = one('fairness.impact_ratio candidate >= 0.8 for every group');
  assert.equal(r.status, 'fail');
  assert.equal(r.groups!.length, 2);
  const values = M.filter((m) => m.id === 'fairness.impact_ratio' && m.model === 'candidate').map((m) => m.value!);
  assert.equal(r.observed, Math.min(...values));
  assert.match(r.reason!, /1 of 2 groups fail \(afam=no\)/);
  assert.equal(one('fairness.selection_rate candidate <= 0.5 for every group').status, 'pass');
  assert.equal(one('fairness.selection_rate candidate max <= 0.05').status, 'fail');
  assert.equal(one('fairness.selection_rate delta ci_high <= 0.2 for group afam=yes').status, 'pass');
});

test('not evaluable, with the reason: absent family, several groups, missing interval, no model named', () => {
  assert.match(one('latency.p99 ratio <= 1.2').reason!, /latency.p99 was not measured in this run/);
  assert.equal(one('drift.psi max < 0.25').status, 'not_evaluable');
  assert.match(one('fairness.tpr candidate >= 0.1').reason!, /has 2 records.*for every group/);
  assert.match(one('outcome.pr_auc delta ci_low >= 0').reason!, /no confidence interval/);
  assert.match(one('outcome.accuracy >= 0.5').reason!, /names no model.*production, candidate, delta/);
  assert.match(one('fairness.tpr candidate >= 0 for group afam=maybe').reason!, /no fairness.tpr candidate record for group afam=maybe/);
  const nulls: MetricRecord[] = [{ id: 'outcome.roc_auc', model: 'candidate', value: null, note: 'no positive rows' }];
  assert.match(one('outcome.roc_auc candidate >= 0.5', nulls).reason!, /value is null \(no positive rows\)/);
});

test('ratio is taken from ratio records, else computed as candidate / production of value', () => {
  const lat: MetricRecord[] = [
    { id: 'latency.p99', model: 'production', value: 100, unit: 'µs' }, { id: 'latency.p99', model: 'candidate', value: 130, unit: 'µs' },
  ];
  const r = one('latency.p99 ratio <= 1.2', lat);
  assert.equal(r.status, 'fail');
  assert.equal(r.observed, 1.3);
  assert.equal(one('latency.p99 ratio <= 1.2', [...lat, { id: 'latency.p99', model: 'ratio', value: 1.1 }]).status, 'pass');
  assert.match(one('latency.p99 ratio ci_high <= 1.2', lat).reason!, /no confidence interval/);
  const auc = M.filter((m) => m.id === 'outcome.roc_auc');
  assert.equal(one('outcome.roc_auc ratio >= 1', auc).status, 'pass');
});

test('drift max aggregates over columns and says which column decided', () => {
  const d: MetricRecord[] = [
    { id: 'drift.psi', model: 'both', group: { column: 'a' }, value: 0.05 },
    { id: 'drift.psi', model: 'both', group: { column: 'b' }, value: 0.3 },
    { id: 'drift.psi', model: 'both', group: { column: 'c' }, value: null, note: 'not evaluable: all NULL' },
  ];
  const r = one('drift.psi max < 0.25', d);
  assert.equal(r.status, 'fail');
  assert.equal(r.observed, 0.3);
  assert.match(r.reason!, /column=b.*left out 1 of 3 groups/);
  assert.equal(one('drift.psi < 0.25 for every group', d).status, 'fail');
  assert.equal(one('drift.psi < 0.5 for every group', d).status, 'not_evaluable');
});

test('verdict: pass only when every rule passes; fail when any fails; else not evaluable', () => {
  const v = (rules: string[]) => evaluateCriteria(parseCriteria(rules.map((r) => `- ${r}`).join('\n'), 'c'), M).verdict;
  assert.equal(v(['outcome.roc_auc delta ci_low >= -0.005', 'outcome.accuracy candidate >= 0.5']), 'pass');
  assert.equal(v(['outcome.roc_auc delta ci_low >= -0.005', 'latency.p99 ratio <= 1.2']), 'not_evaluable');
  assert.equal(v(['outcome.roc_auc candidate >= 0.99', 'latency.p99 ratio <= 1.2']), 'fail');
  assert.equal(evaluateCriteria([], M).verdict, 'not_evaluable');
});

test('the example criteria file for the demo parses and evaluates', async () => {
  const c = await loadCriteria(new URL('../../../fixtures/criteria/hmda.criteria.yaml', import.meta.url).pathname);
  assert.deepEqual(c.map((x) => x.id), ['auc-noninferior', 'brier-not-worse', 'four-fifths', 'parity-ratio', 'drift-psi', 'latency-p99']);
  const { results, verdict } = evaluateCriteria(c, M);
  assert.deepEqual(results.map((r) => r.status), ['pass', 'pass', 'fail', 'fail', 'not_evaluable', 'not_evaluable']);
  assert.equal(verdict, 'fail');
});
