import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseCriteria } from '../../../core/checks/index.js';
import { WorkbenchError } from '../../../core/contract/index.js';

test('one-line rules parse into model, statistic, comparison, bound and scope', () => {
  const c = parseCriteria([
    '- outcome.roc_auc delta ci_low >= -0.005',
    '- latency.p99 ratio <= 1.2',
    '- fairness.demographic_parity_ratio candidate value >= 0.8 for every group',
    '- drift.psi max < 0.25',
    '- fairness.selection_rate delta ci_high <= 0.05 for group afam=yes',
  ].join('\n'), 'c.yaml');
  assert.equal(c.length, 5);
  assert.deepEqual({ ...c[0] }, { id: 'C1', rule: 'outcome.roc_auc delta ci_low >= -0.005', source: 'c.yaml', line: 1, metric: 'outcome.roc_auc', model: 'delta', stat: 'ci_low', op: '>=', bound: -0.005, scope: 'single' });
  assert.equal(c[1].model, 'ratio');
  assert.equal(c[1].stat, 'value');
  assert.equal(c[2].scope, 'every');
  assert.equal(c[2].rule, 'fairness.demographic_parity_ratio candidate >= 0.8 for every group');
  assert.equal(c[3].model, null);
  assert.equal(c[3].scope, 'max');
  assert.equal(c[3].line, 4);
  assert.deepEqual(c[4].group, { afam: 'yes' });
});

test('the structured YAML form and the JSON form give the same criterion as the one-line form', () => {
  const yaml = `version: 1\ncriteria:\n  - id: auc\n    metric: outcome.roc_auc\n    model: delta\n    stat: ci_low\n    op: '>='\n    bound: -0.005\n    description: margin\n  - metric: fairness.impact_ratio\n    model: candidate\n    op: '>='\n    bound: 0.8\n    group: every\n`;
  const [a, b] = parseCriteria(yaml, 'c.yaml');
  assert.equal(a.id, 'auc');
  assert.equal(a.rule, 'outcome.roc_auc delta ci_low >= -0.005');
  assert.equal(a.line, 3);
  assert.equal(a.description, 'margin');
  assert.equal(b.scope, 'every');
  assert.equal(b.line, 10);
  const json = parseCriteria(JSON.stringify([{ metric: 'outcome.roc_auc', model: 'delta', stat: 'ci_low', op: '>=', bound: -0.005 }, 'drift.psi max < 0.25'], null, 2), 'c.json');
  assert.equal(json[0].rule, a.rule);
  assert.equal(json[1].line, 9);
});

function errorOf(text: string): WorkbenchError {
  try {
    parseCriteria(text, 'crit.yaml');
  } catch (e) {
    assert.ok(e instanceof WorkbenchError);
    return e;
  }
  assert.fail(`expected BAD_CRITERIA for ${text}`);
}

test('every malformed rule is a BAD_CRITERIA error naming the file and the line', () => {
  const cases: [string, number, RegExp][] = [
    ['- outcome.roc_auc delta ci_low >= -0.005\n- outcome.roc_acu delta >= 0', 2, /unknown metric id "outcome.roc_acu"; did you mean "outcome.roc_auc"/],
    ['- outcome.roc_auc delta ci_low -0.005', 1, /no comparison/],
    ['- outcome.roc_auc\n- outcome.roc_auc delta == 0.1', 1, /no comparison/],
    ['- outcome.accuracy delta = 0.1', 1, /comparison "=" is not supported/],
    ['- outcome.roc_auc champion >= 0.7', 1, /unexpected word "champion"/],
    ['- outcome.roc_auc candidate >= high', 1, /bound must be a finite number/],
    ['- x\n- outcome.roc_auc candidate >= 80', 1, /no comparison/],
    ['- outcome.roc_auc candidate >= 80', 1, /wrong kind.*0\.8 rather than 80/],
    ['- outcome.roc_auc candidate p <= 5', 1, /wrong kind: a p-value/],
    ['- latency.p99 ratio <= -1', 1, /wrong kind: a ratio/],
    ['- drift.psi max < 0.25 for every group', 1, /choose one/],
    ['- fairness.tpr delta >= 0 for group afam', 1, /attr=value/],
    ['criteria:\n  - metric: outcome.roc_auc\n    op: ">="\n    bound: "0.7"', 2, /finite number/],
    ['criteria:\n  - metric: outcome.roc_auc\n    opp: ">="\n    bound: 0.7', 2, /unknown key "opp"/],
    ['criteria:\n  - rule: outcome.roc_auc candidate >= 0.7\n  - id: r\n    rule: outcome.pr_auc candidate >= 0.3\n  - id: r\n    rule: outcome.f1 candidate >= 0.3', 5, /already used on line 3/],
    ['rules:\n  - outcome.roc_auc candidate >= 0.7', 1, /unknown key "rules"/],
    ['- outcome.roc_auc candidate >= 0.7\n- [unclosed', 2, /line 2/],
    ['just text', 1, /expected a list of rules/],
  ];
  for (const [text, line, re] of cases) {
    const e = errorOf(text);
    assert.equal(e.code, 'BAD_CRITERIA', text);
    assert.match(e.message, new RegExp(`^crit\\.yaml, line ${line}:`), `${text} -> ${e.message}`);
    assert.match(e.message, re, `${text} -> ${e.message}`);
    assert.equal(e.details.line, line);
  }
});

test('ids of families added by other modules are known; ids of no family are not', () => {
  assert.equal(parseCriteria('- latency.e2e.p999 candidate <= 5000', 'c')[0].metric, 'latency.e2e.p999');
  assert.equal(parseCriteria('- drift.share_drifted <= 0.2', 'c')[0].metric, 'drift.share_drifted');
  assert.match(errorOf('- robustness.auc candidate >= 0.5').message, /unknown metric id/);
});
