/**
 * Definitions keyed by full metric id, for the families whose short names would clash or mislead
 * (calibration, noise floor, drift, latency, regression, multiclass, slices, time windows). Mirrors
 * core/metrics/definitions.ts and the READMEs of core/metrics/{drift,slices,tasks,latency}.
 */
import type { MetricDefinition } from './definitions.js';

const BOOT = 'Interval: paired bootstrap percentile over the (y, ŷ production, ŷ candidate) cells; B and seed in the interval method.';
const LAT_BOOT = 'Interval: paired bootstrap percentile over requests (both models\' i-th request on the same row); B and seed recorded.';
const DRIFT_REC = 'Per input column (group column), model both; n = usable current rows; NULL/NaN excluded and counted in the note.';

export const FULL_DEFINITIONS: Record<string, MetricDefinition> = {
  'data.evaluated': { label: 'Evaluated rows', definition: 'Labelled rows with a finite prediction from both models; regression and multiclass metrics use only these.', direction: 'none', integer: true },
  'data.invalid_prediction': { label: 'Invalid predictions', definition: 'Rows whose prediction (per model) is NULL, NaN or infinite; excluded from every metric.', direction: 'lower', integer: true },

  'calibration.ece': { label: 'Expected calibration error', definition: 'Σ over 10 equal-width bins on [0, 1] of (n_b/n)·|mean(y)_b − mean(p)_b|, labelled rows; first bin includes 0. Null when scores fall outside [0, 1]. No interval.', convention: 'Bins as sklearn calibration_curve(strategy="uniform").', direction: 'lower' },
  'calibration.ece_equal_mass': { label: 'ECE (equal-mass bins)', definition: 'ECE over 10 equal-mass bins whose edges are the linear percentiles of the labelled scores at 0, 10, …, 100%. No interval.', convention: 'sklearn calibration_curve(strategy="quantile") binning.', direction: 'lower' },
  'calibration.slope': { label: 'Calibration slope', definition: 'Slope b of the logistic recalibration y ~ a + b·logit(p) (maximum likelihood); 1 = calibrated, < 1 = over-confident. Null without a finite MLE.', convention: 'statsmodels Logit(y, [1, logit(p)]).', direction: 'one' },
  'calibration.intercept': { label: 'Calibration intercept', definition: 'Intercept a of the same logistic recalibration; 0 (with slope 1) = calibrated.', convention: 'statsmodels Logit(y, [1, logit(p)]).', direction: 'none' },
  'calibration.brier_reliability': { label: 'Brier reliability', definition: 'Murphy decomposition over 10 equal-width bins: (1/n) Σ n_b (mean(p)_b − mean(y)_b)²; lower is better.', convention: 'Murphy (1973).', direction: 'lower' },
  'calibration.brier_resolution': { label: 'Brier resolution', definition: 'Murphy decomposition over 10 equal-width bins: (1/n) Σ n_b (mean(y)_b − mean(y))²; higher is better.', convention: 'Murphy (1973).', direction: 'higher' },
  'calibration.brier_uncertainty': { label: 'Brier uncertainty', definition: 'mean(y)·(1 − mean(y)) of the labelled rows, a property of the data. Brier ≈ reliability − resolution + uncertainty.', convention: 'Murphy (1973).', direction: 'none' },

  'noise.agreement_rate': { label: 'Noise-floor agreement', definition: 'Share of scored rows where two separate production sessions give the same ŷ. Interval: Wilson score.', convention: 'Production against itself (Diffy\'s noise floor).', direction: 'none' },
  'noise.flip_rate': { label: 'Noise-floor flip rate', definition: 'Share of rows whose ŷ changes between the two production sessions (1 − agreement); both directions in the note.', direction: 'lower' },
  'noise.score_delta_abs_max': { label: 'Noise-floor max |score delta|', definition: 'max |p_noise − p_production| over the rows scored twice.', direction: 'lower' },
  'noise.score_delta_abs_mean': { label: 'Noise-floor mean |score delta|', definition: 'mean |p_noise − p_production| over the rows scored twice. Interval: normal (CLT).', direction: 'lower' },
  'noise.exceeded': { label: 'Beyond the noise floor', definition: 'Per metric (group metric): 1 when the candidate-vs-production difference exceeds production-vs-itself on the same rows, else 0; numbers in the note.', direction: 'none', integer: true },
  'shadow.score_delta_abs_mean': { label: 'Mean |score delta|', definition: 'mean |p_candidate − p_production| over scored rows. Interval: normal (CLT).', direction: 'none' },

  'drift.psi': { label: 'PSI', definition: `Σ (c_i − r_i)·ln(c_i/r_i) over 10 equal-mass bins of the reference (one bin per category for categoricals); shares clipped below at 1e−4. ${DRIFT_REC}`, convention: 'Bands: < 0.1 stable, 0.1–0.25 monitor, ≥ 0.25 act.', direction: 'lower' },
  'drift.psi_window': { label: 'PSI per time window', definition: 'PSI of one time window of the current data against all of the reference (group column, window = window start YYYY-MM-DD).', convention: 'Bands: < 0.1 stable, 0.1–0.25 monitor, ≥ 0.25 act.', direction: 'lower' },
  'drift.jensen_shannon': { label: 'Jensen-Shannon distance', definition: `Square root of the JS divergence (base e) between binned reference and current, same bins as PSI, no share floor. ${DRIFT_REC}`, convention: 'scipy jensenshannon; drift at ≥ 0.1 (Evidently).', direction: 'lower' },
  'drift.ks': { label: 'Kolmogorov-Smirnov D', definition: `Two-sample KS statistic max |F_R − F_C|; p exact up to 10,000 rows per side, else asymptotic. ${DRIFT_REC}`, convention: 'scipy ks_2samp(method="auto"); drift at adjusted p < 0.05.', direction: 'lower' },
  'drift.wasserstein': { label: 'Wasserstein distance', definition: `Earth mover's distance between the reference and current distributions, in the column's units. ${DRIFT_REC}`, convention: 'scipy wasserstein_distance.', direction: 'lower' },
  'drift.wasserstein_normed': { label: 'Normed Wasserstein', definition: `Wasserstein distance / max(std of the reference (ddof 0), 0.001). ${DRIFT_REC}`, convention: 'Evidently; drift at ≥ 0.1.', direction: 'lower' },
  'drift.chi_square': { label: 'Chi-square', definition: `Chi-square statistic of the current category counts against reference shares × n_C; a category absent from the reference gives inf, p = 0. ${DRIFT_REC}`, convention: 'scipy chisquare; drift at adjusted p < 0.05.', direction: 'lower' },
  'drift.z_test': { label: 'Two-proportion z-test', definition: `z = (p_C − p_R) / pooled standard error, for binary columns. ${DRIFT_REC}`, convention: 'Evidently z-test; drift at adjusted p < 0.05.', direction: 'lower' },
  'drift.method_value': { label: 'Drift statistic', definition: 'The statistic of the method chosen for the column (normed Wasserstein for wasserstein); the note names the method and its rule.', convention: 'Automatic choice as Evidently: ≤ 1,000 reference rows → KS / chi-square / z-test at p < 0.05; larger → normed Wasserstein (numeric) or Jensen-Shannon, at ≥ 0.1.', direction: 'lower' },
  'drift.p_adjusted': { label: 'Adjusted p-value', definition: 'The column\'s p-value after multiple-testing correction across the columns whose method has a p.', convention: 'Benjamini-Hochberg by default (Bonferroni or none on request).', direction: 'none' },
  'drift.drifted': { label: 'Drifted', definition: '1 when the column drifted under its method\'s rule, 0 when not; null when not evaluable (reason in the note).', direction: 'lower', integer: true },
  'drift.share_drifted': { label: 'Share of drifted columns', definition: 'Drifted columns / evaluable columns, after multiple-testing correction.', convention: 'Evidently dataset drift share.', direction: 'lower' },
  'drift.columns_drifted': { label: 'Columns drifted', definition: 'Number of evaluable input columns that drifted.', direction: 'lower', integer: true },

  'latency.mean': { label: 'Mean latency', definition: `Mean session.run time per request, warm-up excluded. ${LAT_BOOT}`, direction: 'lower', unit: 'µs' },
  'latency.max': { label: 'Max latency', definition: 'Largest session.run time per request, warm-up excluded.', direction: 'lower', unit: 'µs' },
  'latency.throughput': { label: 'Throughput', definition: `Requests per second of one caller sending back to back: 1e6 / mean end-to-end service time (rows/s = this × batch size). ${LAT_BOOT}`, direction: 'higher', unit: 'req/s' },
  'latency.load_ms': { label: 'Load time', definition: 'Time to create the inference session; one measurement per model, no interval.', direction: 'lower', unit: 'ms' },
  'latency.cold_start': { label: 'Cold start', definition: 'The first session.run of a fresh session; one measurement per model, excluded from the percentiles.', direction: 'lower', unit: 'µs' },
  'latency.warmup.mean': { label: 'Warm-up mean', definition: 'Mean session.run time of the warm-up requests, which every other latency number discards.', direction: 'lower', unit: 'µs' },
  'latency.warmup.max': { label: 'Warm-up max', definition: 'Largest session.run time of the warm-up requests.', direction: 'lower', unit: 'µs' },
  'latency.open.intended_rate': { label: 'Intended rate', definition: 'Open-loop send rate asked for: a fixed rate, or the recorded timestamps at a speed multiplier.', direction: 'none', unit: 'req/s' },
  'latency.open.achieved_rate': { label: 'Achieved rate', definition: 'Open-loop send rate reached; below 95% of the intended rate the model could not keep up and the backlog shows in latency.e2e.', direction: 'higher', unit: 'req/s' },
  'latency.open.late_sends': { label: 'Late sends', definition: 'Requests sent more than 1 ms after their intended time.', direction: 'lower', unit: 'requests', integer: true },
  'latency.machine_busy': { label: 'Machine busy', definition: '1 when the machine looked busy during the latency replay (calibration loop spread, load average); treat the latencies with care.', direction: 'lower', integer: true },

  'regression.mae': { label: 'MAE', definition: 'mean |y − ŷ| over evaluated rows. Interval: normal (CLT); delta on the paired per-row difference.', convention: 'sklearn mean_absolute_error.', direction: 'lower' },
  'regression.rmse': { label: 'RMSE', definition: 'sqrt(mean (y − ŷ)²). Interval: delta method on per-row squared errors (paired for the delta).', convention: 'sqrt of sklearn mean_squared_error.', direction: 'lower' },
  'regression.r2': { label: 'R²', definition: '1 − SS_res / SS_tot (1 or 0 for a constant y). Interval: delta method on squared errors and (y − ȳ)².', convention: 'sklearn r2_score (force_finite).', direction: 'higher' },
  'regression.mape': { label: 'MAPE', definition: 'mean |y − ŷ| / max(|y|, float64 eps), as a fraction. Interval: normal (CLT).', convention: 'sklearn mean_absolute_percentage_error.', direction: 'lower' },
  'regression.mean_residual': { label: 'Mean residual', definition: 'mean (y − ŷ): positive = the model under-predicts on average. Interval: normal (CLT).', direction: 'none' },
  'regression.residual_q': { label: 'Residual quantile', definition: 'Quantile (group quantile) of y − ŷ, linear interpolation.', convention: 'numpy quantile (linear).', direction: 'none' },
  'regression.paired_test': { label: 'Paired t-test p', definition: 'p of a paired t-test on per-row squared errors (candidate vs production); t and df in the note.', convention: 'scipy ttest_rel(se_candidate, se_production).', direction: 'none' },
  'regression.wilcoxon_p': { label: 'Wilcoxon signed-rank p', definition: 'p of the Wilcoxon signed-rank test on the same differences: normal approximation with tie correction, no continuity correction, zeros dropped.', convention: 'scipy wilcoxon(mode="approx").', direction: 'none' },

  'multiclass.accuracy': { label: 'Accuracy', definition: `Share of labelled rows whose predicted class equals the label. ${BOOT}`, convention: 'sklearn accuracy_score.', direction: 'higher' },
  'multiclass.macro_f1': { label: 'Macro F1', definition: `Unweighted mean of per-class F1 over the classes present in the labels or that model's predictions; zero_division=0. ${BOOT}`, convention: 'sklearn f1_score(average="macro").', direction: 'higher' },
  'multiclass.micro_f1': { label: 'Micro F1', definition: `F1 of the pooled counts over every class (equals accuracy for single-label data). ${BOOT}`, convention: 'sklearn f1_score(average="micro").', direction: 'higher' },
  'multiclass.precision': { label: 'Precision (per class)', definition: `TP / (TP + FP) of one class (group class), zero_division=0. ${BOOT}`, convention: 'sklearn precision_score(labels=range(C), average=None).', direction: 'higher' },
  'multiclass.recall': { label: 'Recall (per class)', definition: `TP / (TP + FN) of one class (group class), zero_division=0. ${BOOT}`, convention: 'sklearn recall_score(labels=range(C), average=None).', direction: 'higher' },
  'multiclass.f1': { label: 'F1 (per class)', definition: `Harmonic mean of the class's precision and recall, zero_division=0. ${BOOT}`, convention: 'sklearn f1_score(labels=range(C), average=None).', direction: 'higher' },
  'multiclass.confusion': { label: 'Confusion count', definition: 'Labelled rows with true class `true` and predicted class `predicted` (group true, predicted), per model.', convention: 'sklearn confusion_matrix (rows = true, columns = predicted).', direction: 'none', integer: true },
  'multiclass.mcnemar_p': { label: 'McNemar p-value', definition: 'On labelled rows, b = production right & candidate wrong, c = the reverse; exact binomial when b + c < 25, else chi-square with continuity correction.', convention: 'statsmodels mcnemar.', direction: 'none' },
  'multiclass.mcnemar_b': { label: 'McNemar b', definition: 'Labelled rows where production is right and candidate wrong.', direction: 'none', integer: true },
  'multiclass.mcnemar_c': { label: 'McNemar c', definition: 'Labelled rows where candidate is right and production wrong.', direction: 'none', integer: true },

  'slice.rows': { label: 'Rows in slice', definition: 'Rows in the slice (group column: slice label); the note gives labelled and scored rows and how the column was sliced (values, or quantile bins with exact edges).', direction: 'none', integer: true },
  'slice.agreement_rate': { label: 'Agreement rate in slice', definition: `Share of the slice's scored rows where both models give the same ŷ. ${BOOT}`, direction: 'none' },
  'slice.flag': { label: 'Slice flagged', definition: '1 when, for a metric with an interval, the slice is worse than the whole by more than the margin (default 0.02) and the interval\'s near bound is beyond it too, on at least 100 labelled rows; the note says which and why.', direction: 'lower', integer: true },
  'time.window': { label: 'Time windows', definition: 'Number of time windows (day, ISO week from Monday, or month, chosen from the span unless set); the note says which and why, and how many rows had no timestamp.', direction: 'none', integer: true },
  'time.rows': { label: 'Rows in window', definition: 'Rows in the time window (group window = its start date, YYYY-MM-DD).', direction: 'none', integer: true },
};
