// Calibration, curves, noise floor and the PR AUC / KS bootstrap against
// fixtures/reference/calibration_reference.json (sklearn calibration_curve / roc_curve /
// precision_recall_curve, statsmodels Logit, numpy histogram and a numpy row bootstrap).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics } from '../../../core/metrics/computeMetrics.js';
import { computeCurves } from '../../../core/metrics/computeCurves.js';
import type { Curve, MetricRecord } from '../../../core/contract/index.js';
import { close, find, loadFixture, loadJson, openWithFixture, type Fixture } from './helpers.js';

const REF = loadJson('calibration_reference');
const MODELS = ['production', 'candidate'] as const;

function fixture(name: string): Fixture {
  if (name === 'main_400' || name === 'small_exact_mcnemar') return loadFixture(name);
  const rows = REF.rows[name] as Fixture['rows'];
  return { threshold: REF[name].threshold, sensitive: [], columns: Object.keys(rows[0]!), rows, expected: null };
}

async function run(name: string, B = 0): Promise<{ recs: MetricRecord[]; curves: Curve[] }> {
  const fx = fixture(name);
  const db = await openWithFixture(fx);
  try {
    const recs = await computeMetrics(db.conn, 't', { threshold: fx.threshold, sensitive: fx.sensitive, bootstrap: { B, seed: 3 } });
    const curves = await computeCurves(db.conn, '(SELECT * FROM t)', { threshold: fx.threshold });
    return { recs, curves };
  } finally {
    db.close();
  }
}

function curve(curves: Curve[], id: string, model: string): Curve {
  const hits = curves.filter((c) => c.id === id && c.model === model);
  assert.equal(hits.length, 1, `${id}/${model}`);
  return hits[0]!;
}

function closeArrays(a: number[], b: number[], tol: number, what: string): void {
  assert.equal(a.length, b.length, `${what}: length`);
  a.forEach((v, i) => close(v, b[i], tol, `${what}[${i}]`));
}

for (const name of ['main_400', 'small_exact_mcnemar', 'continuous_5000']) {
  test(`${name}: calibration records and curves match sklearn / statsmodels / numpy`, async () => {
    const { recs, curves } = await run(name);
    const e = REF[name].models;
    for (const m of MODELS) {
      for (const k of ['ece', 'ece_equal_mass', 'brier_reliability', 'brier_resolution']) {
        close(find(recs, `calibration.${k}`, m).value, e[m][k], 1e-9, `${k}/${m}`);
      }
      close(find(recs, 'calibration.slope', m).value, e[m].slope, 1e-7, `slope/${m}`);
      close(find(recs, 'calibration.intercept', m).value, e[m].intercept, 1e-7, `intercept/${m}`);
      const cal = curve(curves, 'calibration', m);
      closeArrays(cal.x, e[m].curve_uniform.prob_pred, 1e-12, `calibration x ${m}`);
      closeArrays(cal.y, e[m].curve_uniform.prob_true, 1e-12, `calibration y ${m}`);
      closeArrays(curve(curves, 'score_hist', m).y, e[m].score_hist, 1e-12, `hist ${m}`);
      const roc = curve(curves, 'roc', m), pr = curve(curves, 'pr', m);
      const fpr: number[] = e[m].roc.fpr, tpr: number[] = e[m].roc.tpr;
      const rec = [...e[m].pr.recall].reverse() as number[], prec = [...e[m].pr.precision].reverse() as number[];
      if (fpr.length <= 201) {
        closeArrays(roc.x, fpr, 1e-12, `roc fpr ${m}`); closeArrays(roc.y, tpr, 1e-12, `roc tpr ${m}`);
        closeArrays(pr.x, rec, 1e-12, `pr recall ${m}`); closeArrays(pr.y, prec, 1e-12, `pr precision ${m}`);
      } else {
        // downsampled: 201 of sklearn's points, evenly by index, both end points exact
        assert.equal(roc.x.length, 201);
        const at = (n: number) => Array.from({ length: 201 }, (_, i) => Math.round((i * (n - 1)) / 200));
        closeArrays(roc.x, at(fpr.length).map((i) => fpr[i]!), 1e-12, `roc fpr ${m}`);
        closeArrays(roc.y, at(tpr.length).map((i) => tpr[i]!), 1e-12, `roc tpr ${m}`);
        closeArrays(pr.x, at(rec.length).map((i) => rec[i]!), 1e-12, `pr recall ${m}`);
        closeArrays(pr.y, at(prec.length).map((i) => prec[i]!), 1e-12, `pr precision ${m}`);
        assert.deepEqual([roc.x[200], roc.y[200]], [1, 1]);
      }
    }
    close(find(recs, 'calibration.brier_uncertainty', 'both').value, e.production.brier_uncertainty, 1e-12, 'uncertainty');
    close(find(recs, 'calibration.ece', 'delta').value, e.candidate.ece - e.production.ece, 1e-9, 'ece delta');
  });
}

test('noise floor records match numpy, with verdicts', async () => {
  const { recs } = await run('noise_400');
  const e = REF.noise_400.noise;
  const r = find(recs, 'noise.agreement_rate', 'noise');
  close(r.value, e.agreement_rate, 1e-12, 'agreement');
  assert.equal(r.n, e.n);
  close(r.ci?.low, e.agreement_ci[0], 1e-12, 'wilson low');
  close(r.ci?.high, e.agreement_ci[1], 1e-12, 'wilson high');
  close(find(recs, 'noise.flip_rate', 'noise').value, e.flip_rate, 1e-12, 'flip rate');
  assert.match(find(recs, 'noise.flip_rate', 'noise').note ?? '', new RegExp(`${e.flip_0_to_1} from 0 to 1, ${e.flip_1_to_0} from 1 to 0`));
  close(find(recs, 'noise.score_delta_abs_max', 'noise').value, e.score_delta_abs_max, 1e-12, 'abs max');
  const mean = find(recs, 'noise.score_delta_abs_mean', 'noise');
  close(mean.value, e.score_delta_abs_mean, 1e-12, 'abs mean');
  close(mean.ci?.low, e.score_delta_abs_mean_ci[0], 1e-9, 'abs mean ci');
  const ag = find(recs, 'noise.exceeded', 'noise', { metric: 'shadow.agreement_rate' });
  assert.equal(ag.value, e.shadow_agreement_same_rows < e.agreement_ci[0] ? 1 : 0);
  assert.ok(ag.note!.length > 40);
  for (const q of ['0.5', '0.95', '0.99']) {
    assert.equal(find(recs, 'noise.exceeded', 'noise', { metric: `shadow.score_delta_abs_q${q}` }).value, e.shadow_abs_q[q] > e.noise_abs_q[q] ? 1 : 0, q);
  }
  assert.equal(find(recs, 'noise.exceeded', 'noise', { metric: 'shadow.score_delta_abs_mean' }).value, e.shadow_abs_mean > e.score_delta_abs_mean ? 1 : 0);
});

test('no p_noise column or no noise values: no noise records', async () => {
  const { recs } = await run('small_exact_mcnemar');
  assert.equal(recs.filter((r) => r.id.startsWith('noise.')).length, 0);
});

// Monte Carlo tolerance: both sides are B = 2000 bootstraps with different generators.
for (const [name, tol] of [['main_400', 0.015], ['continuous_5000', 0.01]] as const) {
  test(`${name}: PR AUC and KS bootstrap intervals agree with a numpy row bootstrap`, async () => {
    const { recs } = await run(name, 2000);
    const e = REF[name].bootstrap;
    for (const [id, k] of [['outcome.pr_auc', 'ap'], ['outcome.ks', 'ks']] as const) {
      for (const [m, s] of [['production', 'p'], ['candidate', 'c'], ['delta', 'd']] as const) {
        const r = find(recs, id, m);
        assert.match(r.ci?.method ?? '', name === 'main_400' ? /exact/ : /equal-mass/);
        close(r.ci?.low, e[`${k}_${s}`][0], tol, `${id}/${m} low`);
        close(r.ci?.high, e[`${k}_${s}`][1], tol, `${id}/${m} high`);
      }
    }
  });
}
