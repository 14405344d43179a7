// computeMetrics against values computed independently by fixtures/reference/make_reference.py
// (sklearn, scipy, statsmodels, numpy DeLong, pandas Fairlearn-convention group metrics).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics } from '../../../core/metrics/computeMetrics.js';
import type { MetricRecord } from '../../../core/contract/index.js';
import { close, find, loadFixture, openWithFixture } from './helpers.js';

const TOL = 1e-9;
const MODELS = ['production', 'candidate', 'delta'] as const;

async function run(name: string, B = 0): Promise<{ recs: MetricRecord[]; fx: ReturnType<typeof loadFixture> }> {
  const fx = loadFixture(name);
  const db = await openWithFixture(fx);
  try {
    const recs = await computeMetrics(db.conn, 't', { threshold: fx.threshold, sensitive: fx.sensitive, bootstrap: { B, seed: 1 } });
    return { recs, fx };
  } finally {
    db.close();
  }
}

function checkAll(recs: MetricRecord[], e: any): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  for (const k of ['data.rows', 'data.labelled', 'data.unlabelled', 'data.positives', 'data.scored']) {
    assert.equal(find(recs, k, 'both').value, e[k], k);
  }
  assert.equal(find(recs, 'data.invalid_score', 'production').value, e['data.invalid_score.production']);
  assert.equal(find(recs, 'data.invalid_score', 'candidate').value, e['data.invalid_score.candidate']);
  const o = e.outcome;
  for (const m of MODELS) {
    for (const k of ['accuracy', 'precision', 'recall', 'f1', 'roc_auc', 'pr_auc', 'ks', 'brier', 'log_loss']) {
      close(find(recs, `outcome.${k}`, m).value, o[m][k], TOL, `outcome.${k}/${m}`);
    }
    for (const k of ['brier', 'log_loss']) {
      const ci = find(recs, `outcome.${k}`, m).ci;
      if (o[m][`${k}_ci`]) {
        close(ci?.low, o[m][`${k}_ci`][0], TOL, `${k}/${m} ci low`);
        close(ci?.high, o[m][`${k}_ci`][1], TOL, `${k}/${m} ci high`);
      }
    }
  }
  if (o.delong) {
    const d = find(recs, 'outcome.roc_auc', 'delta');
    close(d.p, o.delong.p, TOL, 'delong p');
    close(d.ci?.low, o.delong.ci[0], TOL, 'delong ci low');
    close(d.ci?.high, o.delong.ci[1], TOL, 'delong ci high');
    for (const [i, m] of (['production', 'candidate'] as const).entries()) {
      const r = find(recs, 'outcome.roc_auc', m);
      close(r.ci?.low, o.delong.auc_ci[i][0], TOL, `auc ci low ${m}`);
      close(r.ci?.high, o.delong.auc_ci[i][1], TOL, `auc ci high ${m}`);
      assert.equal(r.ci?.method, 'delong');
    }
  }
  assert.equal(find(recs, 'shadow.mcnemar_b', 'both').value, o.mcnemar.b);
  assert.equal(find(recs, 'shadow.mcnemar_c', 'both').value, o.mcnemar.c);
  close(find(recs, 'shadow.mcnemar_p', 'both').p, o.mcnemar.p, TOL, 'mcnemar p');
  assert.match(find(recs, 'shadow.mcnemar_p', 'both').note ?? '', o.mcnemar.exact ? /exact/ : /chi-square/);
  for (const k of ['agreement_rate', 'flip_0_to_1', 'flip_1_to_0']) close(find(recs, `shadow.${k}`, 'both').value, o.shadow[k], TOL, k);
  close(find(recs, 'shadow.score_delta_mean', 'delta').value, o.shadow.score_delta_mean, TOL, 'score delta mean');
  close(find(recs, 'shadow.score_delta_mean', 'delta').ci?.low, o.shadow.score_delta_mean_ci[0], TOL, 'score delta mean ci');
  close(find(recs, 'shadow.score_delta_abs_max', 'delta').value, o.shadow.score_delta_abs_max, TOL, 'abs max');
  for (const [q, v] of Object.entries(o.shadow.score_delta_q)) close(find(recs, 'shadow.score_delta_q', 'delta', { quantile: q }).value, v as number, TOL, `q${q}`);
  for (const [attr, byModel] of Object.entries<any>(o.fairness)) { // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const m of ['production', 'candidate'] as const) {
      for (const [g, ge] of Object.entries<any>(byModel[m].groups)) { // eslint-disable-line @typescript-eslint/no-explicit-any
        const group = { [attr]: g };
        assert.equal(find(recs, 'fairness.count', 'both', group).value, ge.count);
        for (const k of ['selection_rate', 'tpr', 'fpr', 'precision', 'impact_ratio']) {
          close(find(recs, `fairness.${k}`, m, group).value, ge[k], TOL, `${attr}=${g} ${k}/${m}`);
          const other = byModel[m === 'production' ? 'candidate' : 'production'].groups[g][k];
          const delta = ge[k] === null || other === null ? null : m === 'candidate' ? ge[k] - other : other - ge[k];
          close(find(recs, `fairness.${k}`, 'delta', group).value, delta, TOL, `${attr}=${g} ${k}/delta`);
        }
      }
      for (const [k, v] of Object.entries<number | null>(byModel[m].aggregate)) {
        close(find(recs, `fairness.${k}`, m, { [attr]: '*' }).value, v, TOL, `${attr} ${k}/${m}`);
      }
    }
  }
}

test('main_400: ties, missing labels, NaN/NULL scores, two attributes, a group without positives', async () => {
  const { recs, fx } = await run('main_400');
  checkAll(recs, fx.expected);
  // group D has labelled rows but no positives: TPR 0 as Fairlearn, with a note
  assert.match(find(recs, 'fairness.tpr', 'production', { race: 'D' }).note ?? '', /no positive rows/);
  // group E has only unlabelled rows: TPR undefined, but it has a selection rate
  assert.equal(find(recs, 'fairness.tpr', 'production', { race: 'E' }).value, null);
  assert.ok(find(recs, 'fairness.selection_rate', 'production', { race: 'E' }).value! > 0);
  // NULL sex is its own group
  assert.ok(find(recs, 'fairness.count', 'both', { sex: 'missing' }).value! > 0);
  assert.match(find(recs, 'data.scored', 'both').note ?? '', /3 row\(s\) without a valid score/);
});

test('small_exact_mcnemar: exact McNemar (b + c < 25), threshold 0.3', async () => {
  const { recs, fx } = await run('small_exact_mcnemar');
  assert.ok(fx.expected.outcome.mcnemar.exact);
  checkAll(recs, fx.expected);
});

test('no_positives: AUC, PR AUC and KS are null with a note; recall 0 by zero_division', async () => {
  const { recs, fx } = await run('no_positives');
  checkAll(recs, fx.expected);
  for (const id of ['outcome.roc_auc', 'outcome.pr_auc', 'outcome.ks']) {
    const r = find(recs, id, 'production');
    assert.equal(r.value, null, id);
    assert.match(r.note ?? '', /no positive rows/);
  }
  assert.equal(find(recs, 'outcome.recall', 'production').value, 0);
  assert.match(find(recs, 'outcome.recall', 'production').note ?? '', /zero_division/);
});

test('one record per (id, model, group)', async () => {
  const { recs } = await run('main_400', 20);
  const keys = recs.map((r) => `${r.id}|${r.model}|${JSON.stringify(r.group ?? null)}`);
  assert.equal(new Set(keys).size, keys.length);
});
