/**
 * Display names, definitions and conventions of the metrics, for tooltips (from METRICS.md).
 * The renderer may not import core/metrics, so this small table mirrors it; ids not listed
 * still render, with a generic tooltip.
 */

import { FULL_DEFINITIONS } from './familyDefinitions.js';

/** Which way is better for a metric: higher, lower, closer to 1 (ratios), or neither. */
export type Direction = 'higher' | 'lower' | 'one' | 'none';

export interface MetricDefinition {
  label: string;
  definition: string;
  convention?: string;
  direction: Direction;
  /** Unit to show when the record carries none. */
  unit?: string;
  /** A count: shown without decimals. */
  integer?: boolean;
}

const D: Record<string, MetricDefinition> = {
  roc_auc: { label: 'ROC AUC', definition: 'Area under the ROC curve; ties in the score count one half (Mann-Whitney U / (n1·n0)).', convention: 'sklearn roc_auc_score. Paired test: DeLong (1988), fast version of Sun & Xu (2014).', direction: 'higher' },
  pr_auc: { label: 'PR AUC (average precision)', definition: 'Sum over thresholds of (R_n − R_{n−1})·P_n.', convention: 'sklearn average_precision_score.', direction: 'higher' },
  accuracy: { label: 'Accuracy', definition: 'Share of labelled rows where ŷ = y, with ŷ = 1 if p ≥ threshold.', convention: 'sklearn; paired test: McNemar (exact binomial when b + c < 25, else chi-square with continuity correction).', direction: 'higher' },
  precision: { label: 'Precision', definition: 'TP / (TP + FP) at the threshold; 0 when undefined.', convention: 'sklearn, zero_division=0.', direction: 'higher' },
  recall: { label: 'Recall', definition: 'TP / (TP + FN) at the threshold; 0 when undefined.', convention: 'sklearn, zero_division=0.', direction: 'higher' },
  f1: { label: 'F1', definition: 'Harmonic mean of precision and recall at the threshold; 0 when undefined.', convention: 'sklearn, zero_division=0.', direction: 'higher' },
  brier: { label: 'Brier score', definition: 'mean (p − y)².', convention: 'sklearn brier_score_loss.', direction: 'lower' },
  log_loss: { label: 'Log loss', definition: '−mean(y ln p + (1−y) ln(1−p)), p clipped to [1e−15, 1−1e−15].', convention: 'sklearn log_loss.', direction: 'lower' },
  ks: { label: 'KS statistic', definition: 'max over t of |F1(t) − F0(t)|, the score CDFs of positives and negatives.', convention: 'scipy ks_2samp statistic.', direction: 'higher' },
  ece: { label: 'Expected calibration error', definition: 'Σ over bins (n_b/n)·|mean(y)_b − mean(p)_b|; 10 equal-width bins by default.', direction: 'lower' },
  mae: { label: 'MAE', definition: 'mean |ŷ − y|.', direction: 'lower' },
  rmse: { label: 'RMSE', definition: 'sqrt(mean (ŷ − y)²).', direction: 'lower' },
  r2: { label: 'R²', definition: '1 − SS_res / SS_tot.', direction: 'higher' },
  mape: { label: 'MAPE', definition: 'mean |ŷ − y| / |y|.', direction: 'lower' },
  agreement_rate: { label: 'Agreement rate', definition: 'Share of scored rows where both models give the same ŷ.', direction: 'none' },
  flip_0_to_1: { label: 'Flips 0 → 1', definition: 'Share of scored rows with ŷ_production = 0 and ŷ_candidate = 1.', direction: 'none' },
  flip_1_to_0: { label: 'Flips 1 → 0', definition: 'Share of scored rows with ŷ_production = 1 and ŷ_candidate = 0.', direction: 'none' },
  mcnemar_p: { label: 'McNemar p-value', definition: 'b = production right & candidate wrong, c = the reverse; exact binomial when b + c < 25, else chi-square with continuity correction.', convention: 'statsmodels mcnemar.', direction: 'none' },
  mcnemar_b: { label: 'McNemar b', definition: 'Labelled rows where production is right and candidate wrong.', direction: 'none', integer: true },
  mcnemar_c: { label: 'McNemar c', definition: 'Labelled rows where candidate is right and production wrong.', direction: 'none', integer: true },
  score_delta_mean: { label: 'Mean score delta', definition: 'mean(p_candidate − p_production) over scored rows.', direction: 'none' },
  score_delta_abs_max: { label: 'Max |score delta|', definition: 'max |p_candidate − p_production| over scored rows.', direction: 'none' },
  score_delta_q: { label: 'Score delta quantile', definition: 'Quantile of p_candidate − p_production over scored rows (linear interpolation).', direction: 'none' },
  rows: { label: 'Rows', definition: 'Rows in the dataset.', direction: 'none', integer: true },
  labelled: { label: 'Labelled rows', definition: 'Rows with y = 0 or 1.', direction: 'none', integer: true },
  unlabelled: { label: 'Unlabelled rows', definition: 'Rows with y NULL.', direction: 'none', integer: true },
  positives: { label: 'Positive rows', definition: 'Rows with y = 1.', direction: 'none', integer: true },
  scored: { label: 'Scored rows', definition: 'Rows where both scores are finite; every metric uses only these rows.', direction: 'none', integer: true },
  invalid_score: { label: 'Invalid scores', definition: 'Rows whose score is NULL, NaN or infinite; excluded.', direction: 'lower', integer: true },
  count: { label: 'Group size', definition: 'Scored rows in the group.', direction: 'none', integer: true },
  impact_ratio: { label: 'Impact ratio (four-fifths)', definition: 'Group selection rate divided by the highest group\'s; flagged outside [0.8, 1.25].', convention: 'EEOC four-fifths rule; Aequitas tau = 0.8.', direction: 'none' },
  method_value: { label: 'Drift statistic', definition: 'The statistic of the method chosen for the column (see the note for the method and the rule).', direction: 'lower' },
  p_adjusted: { label: 'Adjusted p-value', definition: 'Column p-value after multiple-testing correction (Benjamini-Hochberg by default).', direction: 'none' },
  drifted: { label: 'Drifted', definition: '1 when the column drifted under its method\'s rule, else 0.', direction: 'lower' },
  columns_drifted: { label: 'Columns drifted', definition: 'Number of evaluable columns that drifted.', direction: 'lower', integer: true },
  flip_rate_0_to_1: { label: 'Flips 0 → 1', definition: 'Share of scored rows with ŷ = 0 for production and 1 for candidate.', direction: 'none' },
  flip_rate_1_to_0: { label: 'Flips 1 → 0', definition: 'Share of scored rows with ŷ = 1 for production and 0 for candidate.', direction: 'none' },
  selection_rate: { label: 'Selection rate', definition: 'mean(ŷ) in the group, over every scored row.', convention: 'Fairlearn selection_rate.', direction: 'none' },
  tpr: { label: 'True positive rate', definition: 'Recall on y = 1 in the group.', convention: 'Fairlearn true_positive_rate.', direction: 'none' },
  fpr: { label: 'False positive rate', definition: 'mean(ŷ) on y = 0 in the group.', convention: 'Fairlearn false_positive_rate.', direction: 'none' },
  demographic_parity_difference: { label: 'Demographic parity difference', definition: 'Highest group selection rate minus the lowest.', convention: 'Fairlearn, method="between_groups".', direction: 'lower' },
  demographic_parity_ratio: { label: 'Demographic parity ratio', definition: 'Lowest group selection rate divided by the highest; the four-fifths rule asks ≥ 0.8.', convention: 'Fairlearn; EEOC four-fifths rule.', direction: 'higher' },
  equalized_odds_difference: { label: 'Equalized odds difference', definition: 'max(TPR difference, FPR difference), each max minus min over groups.', convention: 'Fairlearn.', direction: 'lower' },
  equal_opportunity_difference: { label: 'Equal opportunity difference', definition: 'TPR max minus min over groups.', direction: 'lower' },
  psi: { label: 'PSI', definition: 'Σ (c_i − r_i)·ln(c_i / r_i) over deciles of the reference; shares clipped at 1e−4.', convention: 'Bands: < 0.1 stable, 0.1–0.25 monitor, ≥ 0.25 act.', direction: 'lower' },
  wasserstein: { label: 'Wasserstein distance', definition: 'Earth mover\'s distance between reference and current.', convention: 'scipy wasserstein_distance.', direction: 'lower' },
  wasserstein_normed: { label: 'Normed Wasserstein', definition: 'Wasserstein distance divided by the standard deviation of the reference; drift at ≥ 0.1.', convention: 'Evidently.', direction: 'lower' },
  jensen_shannon: { label: 'Jensen-Shannon distance', definition: 'Square root of the JS divergence (base e) between binned reference and current; drift at ≥ 0.1.', convention: 'scipy jensenshannon.', direction: 'lower' },
  chi_square: { label: 'Chi-square', definition: 'Chi-square test of the current category counts against the reference shares; drift at p < 0.05.', direction: 'lower' },
  z_test: { label: 'Two-proportion z-test', definition: 'For binary columns; drift at p < 0.05.', direction: 'lower' },
  share_drifted: { label: 'Share of drifted columns', definition: 'Drifted columns / columns tested, after multiple-testing correction (Benjamini-Hochberg by default).', direction: 'lower' },
  throughput: { label: 'Throughput', definition: 'Rows scored per second in the latency replay.', direction: 'higher', unit: 'rows/s' },
  load_ms: { label: 'Load time', definition: 'Time to create the inference session.', direction: 'lower', unit: 'ms' },
};

const PERCENTILE = /^p(\d+)(?:_(\d+))?$/;

function latencyPercentile(last: string): MetricDefinition | null {
  const m = PERCENTILE.exec(last);
  if (!m) return null;
  const q = m[2] ? `${m[1]}.${m[2]}` : m[1]!.length === 3 && m[1]!.startsWith('99') ? `${m[1]!.slice(0, 2)}.${m[1]!.slice(2)}` : m[1];
  return { label: `p${q} latency`, definition: `${q}th percentile of single-call session.run time, exact nearest-rank value of the raw samples; warm-up excluded. Interval: paired bootstrap percentile over requests.`, convention: 'Nearest-rank rule as HdrHistogram.', direction: 'lower', unit: 'µs' };
}

/** The definition of an id, or null when neither table nor a family rule knows it. */
function lookup(id: string): MetricDefinition | null {
  const full = FULL_DEFINITIONS[id];
  if (full) return full;
  if (id.startsWith('drift.score_shift.')) {
    const base = lookup(`drift.${id.slice('drift.score_shift.'.length)}`);
    return base && { ...base, label: `Score shift: ${base.label}`, definition: `Candidate scores against production scores on the same rows (group scores). ${base.definition}` };
  }
  if (id.startsWith('latency.e2e.')) {
    const base = lookup(`latency.${id.slice('latency.e2e.'.length)}`);
    return base && { ...base, label: `${base.label} (end to end)`, definition: `${base.definition} End to end: from the send (in the open loop, from the intended send time, correcting coordinated omission) to the answer.` };
  }
  for (const [prefix, what] of [['slice.', 'per slice of a column (group column: slice)'], ['time.', 'per time window (group window = its start date, YYYY-MM-DD)']] as const) {
    if (!id.startsWith(prefix)) continue;
    const name = id.slice(prefix.length);
    const base = FULL_DEFINITIONS[`shadow.${name}`] ?? FULL_DEFINITIONS[`outcome.${name}`] ?? D[name] ?? (name === 'selection_rate' ? D.selection_rate : undefined);
    return base ? { ...base, label: `${base.label}, ${prefix === 'slice.' ? 'per slice' : 'per window'}`, definition: `${base.definition} Computed ${what}, with the conventions and intervals of the whole-data metric.` } : null;
  }
  const name = id.includes('.') ? id.slice(id.indexOf('.') + 1) : id;
  const last = name.split('.').pop()!;
  const known = D[name] ?? D[last];
  if (known) return known;
  return id.startsWith('latency.') ? latencyPercentile(last) : null;
}

/** Whether an id has a real definition (not the generic fallback). */
export function hasDefinition(id: string): boolean {
  return lookup(id) !== null;
}

/** Definition of a metric id (`outcome.roc_auc`, `latency.p99`, ...): from the tables, or a generic one. */
export function definitionOf(id: string): MetricDefinition {
  const known = lookup(id);
  if (known) return known;
  const last = id.split('.').pop()!;
  return { label: humanize(last), definition: `Metric ${id}.`, direction: 'none' };
}

/** `equalized_odds_difference` -> `Equalized odds difference`. */
export function humanize(name: string): string {
  const s = name.replace(/[_.]+/g, ' ').trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Display names of the metric families (the first segment of an id). */
export const FAMILY_LABELS: Record<string, string> = {
  outcome: 'Outcomes', shadow: 'Shadow diff', data: 'Data', fairness: 'Fairness', drift: 'Drift', latency: 'Latency', noise: 'Noise floor',
  calibration: 'Calibration', regression: 'Regression', multiclass: 'Multiclass', slice: 'Slices', time: 'Over time',
};
