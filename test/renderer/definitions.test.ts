import { test } from 'node:test';
import assert from 'node:assert/strict';
import { METRIC_DEFINITIONS } from '../../core/metrics/definitions.js';
import { definitionOf, hasDefinition } from '../../renderer/src/metrics/definitions.js';

test('every id in core METRIC_DEFINITIONS has a renderer definition', () => {
  const missing = Object.keys(METRIC_DEFINITIONS).filter((id) => !hasDefinition(id));
  assert.deepEqual(missing, []);
});

/** Ids emitted by the other engines (drift, latency, slices, time windows, regression, multiclass; their READMEs). */
const FAMILY_IDS = [
  'drift.psi', 'drift.psi_window', 'drift.jensen_shannon', 'drift.ks', 'drift.wasserstein', 'drift.wasserstein_normed', 'drift.chi_square',
  'drift.z_test', 'drift.method_value', 'drift.p_adjusted', 'drift.drifted', 'drift.share_drifted', 'drift.columns_drifted',
  'drift.score_shift.psi', 'drift.score_shift.wasserstein_normed', 'drift.score_shift.method_value',
  'latency.p50', 'latency.p90', 'latency.p95', 'latency.p99', 'latency.p999', 'latency.max', 'latency.mean', 'latency.e2e.p99', 'latency.e2e.mean',
  'latency.throughput', 'latency.load_ms', 'latency.cold_start', 'latency.warmup.mean', 'latency.warmup.max',
  'latency.open.intended_rate', 'latency.open.achieved_rate', 'latency.open.late_sends', 'latency.machine_busy',
  'slice.rows', 'slice.roc_auc', 'slice.pr_auc', 'slice.ks', 'slice.accuracy', 'slice.precision', 'slice.recall', 'slice.f1', 'slice.brier',
  'slice.log_loss', 'slice.selection_rate', 'slice.agreement_rate', 'slice.flag',
  'time.window', 'time.rows', 'time.roc_auc', 'time.pr_auc', 'time.ks', 'time.accuracy', 'time.precision', 'time.recall', 'time.f1',
  'time.brier', 'time.log_loss', 'time.selection_rate', 'time.agreement_rate',
  'regression.mae', 'regression.rmse', 'regression.r2', 'regression.mape', 'regression.mean_residual', 'regression.residual_q',
  'regression.paired_test', 'regression.wilcoxon_p', 'data.evaluated', 'data.invalid_prediction',
  'multiclass.accuracy', 'multiclass.macro_f1', 'multiclass.micro_f1', 'multiclass.recall', 'multiclass.precision', 'multiclass.f1',
  'multiclass.confusion', 'multiclass.mcnemar_p', 'multiclass.mcnemar_b', 'multiclass.mcnemar_c',
];

test('every id of the drift, latency, slice, time, regression and multiclass families has a definition', () => {
  assert.deepEqual(FAMILY_IDS.filter((id) => !hasDefinition(id)), []);
});

test('family definitions carry the right convention, unit and direction', () => {
  assert.equal(definitionOf('latency.p999').label, 'p99.9 latency');
  assert.equal(definitionOf('latency.p999').unit, 'µs');
  assert.equal(definitionOf('latency.e2e.p99').direction, 'lower');
  assert.match(definitionOf('time.roc_auc').definition, /per time window/);
  assert.match(definitionOf('slice.accuracy').label, /per slice/);
  assert.equal(definitionOf('regression.r2').direction, 'higher');
  assert.equal(definitionOf('calibration.slope').direction, 'one');
  assert.match(definitionOf('drift.psi').convention ?? '', /0\.25/);
  assert.equal(hasDefinition('made_up.metric'), false);
  assert.equal(definitionOf('made_up.metric').definition, 'Metric made_up.metric.');
});
