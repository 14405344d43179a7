/** Text of one metric for tooltips and the report's methods appendix. */
export interface MetricDefinition {
  name: string;
  definition: string;
  /** The reference implementation / convention it follows (METRICS.md). */
  convention: string;
}

const RANK_BOOT = 'CI: paired bootstrap percentile over (production score, candidate score, y) cells resampled as a multinomial draw; exact cells when each model has at most 128 distinct scores, otherwise 30 equal-mass score bins per model with the exact value + percentiles of (binned replicate - binned value). Method, B and seed in ci.method.';
const BOOT = 'CI: paired bootstrap percentile interval, resampling scored rows as a multinomial draw over the cells (group, y, ŷ_production, ŷ_candidate); B and seed recorded in ci.method.';

/**
 * Every metric id computeMetrics emits. Records: model production | candidate | delta (candidate
 * minus production) | both (a property of the pair or of the data). Group conventions:
 * fairness per group {attr: value} (NULL -> "missing"), per attribute {attr: "*"};
 * shadow.score_delta_q per {quantile: "0.01" | "0.05" | "0.25" | "0.5" | "0.75" | "0.95" | "0.99"}.
 * Rows with a NULL/NaN/infinite score for either model are excluded from every metric.
 */
export const METRIC_DEFINITIONS: Readonly<Record<string, MetricDefinition>> = {
  'data.rows': { name: 'Rows', definition: 'Rows in the relation.', convention: '-' },
  'data.labelled': { name: 'Labelled rows', definition: 'Rows with y = 0 or 1.', convention: '-' },
  'data.unlabelled': { name: 'Unlabelled rows', definition: 'Rows with y NULL.', convention: '-' },
  'data.positives': { name: 'Positive rows', definition: 'Rows with y = 1.', convention: '-' },
  'data.scored': { name: 'Scored rows', definition: 'Rows where both scores are finite; every metric uses only these rows.', convention: 'paired comparison on the same rows' },
  'data.invalid_score': { name: 'Invalid scores', definition: 'Rows whose score (per model) is NULL, NaN or infinite; excluded.', convention: '-' },
  'outcome.roc_auc': { name: 'ROC AUC', definition: 'Area under the ROC curve, Mann-Whitney U / (n1 n0); ties count one half. CI: DeLong variance (clipped to [0, 1]); delta: DeLong paired test (Sun & Xu 2014), p recorded.', convention: 'sklearn roc_auc_score; pROC roc.test(method="delong")' },
  'outcome.pr_auc': { name: 'PR AUC (average precision)', definition: `Sum over distinct thresholds of (R_n - R_{n-1}) P_n. ${RANK_BOOT}`, convention: 'sklearn average_precision_score' },
  'outcome.accuracy': { name: 'Accuracy', definition: `Share of labelled rows with ŷ = y, ŷ = p >= threshold. ${BOOT}`, convention: 'sklearn accuracy_score' },
  'outcome.precision': { name: 'Precision', definition: `TP / (TP + FP); 0 with a note when nothing is predicted positive. ${BOOT}`, convention: 'sklearn precision_score, zero_division=0' },
  'outcome.recall': { name: 'Recall', definition: `TP / (TP + FN); 0 with a note without positives. ${BOOT}`, convention: 'sklearn recall_score, zero_division=0' },
  'outcome.f1': { name: 'F1', definition: `2 TP / (2 TP + FP + FN); 0 when undefined. ${BOOT}`, convention: 'sklearn f1_score, zero_division=0' },
  'outcome.brier': { name: 'Brier score', definition: 'mean (p - y)^2. CI: normal (CLT) on per-row values; delta on the paired per-row difference.', convention: 'sklearn brier_score_loss' },
  'outcome.log_loss': { name: 'Log loss', definition: '-mean(y ln p + (1 - y) ln(1 - p)), p clipped to [1e-15, 1 - 1e-15]. CI: normal (CLT) as for Brier.', convention: 'sklearn log_loss (eps=1e-15)' },
  'outcome.ks': { name: 'KS statistic', definition: `max over distinct scores of |F1(t) - F0(t)|, the score CDFs of positives and negatives. ${RANK_BOOT}`, convention: 'scipy ks_2samp statistic' },
  'calibration.ece': { name: 'Expected calibration error', definition: 'sum over 10 equal-width bins on [0, 1] of (n_b / n) |mean(y)_b - mean(p)_b|, labelled rows; bin i = (i/10, (i+1)/10], the first bin includes 0 (sklearn calibration_curve binning). Null when scores fall outside [0, 1]. No CI.', convention: 'METRICS.md ece; bins as sklearn calibration_curve(strategy="uniform")' },
  'calibration.ece_equal_mass': { name: 'ECE (equal-mass bins)', definition: 'ECE over 10 equal-mass bins: edges are numpy percentiles (linear) of the labelled scores at 0, 10, ..., 100%, a score goes to searchsorted(inner edges, p) (side left). No CI.', convention: 'sklearn calibration_curve(strategy="quantile") binning' },
  'calibration.slope': { name: 'Calibration slope', definition: 'Slope b of the logistic recalibration y ~ a + b logit(p) (maximum likelihood, Newton/IRLS), p clipped to [1e-15, 1 - 1e-15]; 1 = calibrated, < 1 = over-confident. Null without a finite MLE (e.g. perfect separation).', convention: 'statsmodels Logit(y, [1, logit(p)])' },
  'calibration.intercept': { name: 'Calibration intercept', definition: 'Intercept a of the same logistic recalibration; 0 (with slope 1) = calibrated.', convention: 'statsmodels Logit(y, [1, logit(p)])' },
  'calibration.brier_reliability': { name: 'Brier reliability', definition: 'Murphy decomposition over the 10 equal-width bins: (1/n) sum n_b (mean(p)_b - mean(y)_b)^2 (lower is better).', convention: 'Murphy (1973)' },
  'calibration.brier_resolution': { name: 'Brier resolution', definition: 'Murphy decomposition over the 10 equal-width bins: (1/n) sum n_b (mean(y)_b - mean(y))^2 (higher is better).', convention: 'Murphy (1973)' },
  'calibration.brier_uncertainty': { name: 'Brier uncertainty', definition: 'mean(y) (1 - mean(y)) of the labelled rows (a property of the data, model both). Brier ≈ reliability - resolution + uncertainty, exactly when scores are constant within bins.', convention: 'Murphy (1973)' },
  'noninferiority.roc_auc': { name: 'Non-inferiority (ROC AUC)', definition: 'Per key metric noninferiority.<metric>: 1 when the candidate is non-inferior at the margin (default 0.01, --margin), decided on the CI bound of the paired delta on the worse side (ci_low > -margin when higher is better, ci_high < +margin when lower is better), 0 when not shown, null without an interval. Same for accuracy, precision, recall, f1, pr_auc, ks, brier, log_loss, ece, and the regression and multiclass metrics.', convention: 'CI-bound non-inferiority test (e.g. FDA guidance on non-inferiority trials)' },
  'noise.agreement_rate': { name: 'Noise-floor agreement', definition: 'Share of scored rows with a second production score (p_noise, a separate session) where both production sessions give the same ŷ. CI: Wilson score interval.', convention: 'METRICS.md agreement_rate' },
  'noise.flip_rate': { name: 'Noise-floor flip rate', definition: 'Share of those rows where ŷ changes between the two production sessions (1 - agreement); both directions counted in the note.', convention: '-' },
  'noise.score_delta_abs_max': { name: 'Noise-floor max |score delta|', definition: 'max |p_noise - p_production| over those rows.', convention: '-' },
  'noise.score_delta_abs_mean': { name: 'Noise-floor mean |score delta|', definition: 'mean |p_noise - p_production| over those rows. CI: normal (CLT).', convention: '-' },
  'noise.exceeded': { name: 'Beyond the noise floor', definition: 'Per group {metric}: 1 when the candidate-vs-production difference exceeds production-vs-itself on the same rows, else 0. shadow.agreement_rate: candidate agreement below the lower Wilson bound of noise.agreement_rate; shadow.score_delta_abs_mean and shadow.score_delta_abs_q{0.5,0.95,0.99}: candidate |p_candidate - p_production| mean/quantile (numpy linear) above the noise one. Numbers in the note.', convention: '-' },
  'shadow.agreement_rate': { name: 'Agreement rate', definition: `Share of scored rows where both models give the same ŷ; count in note. ${BOOT}`, convention: 'METRICS.md' },
  'shadow.flip_0_to_1': { name: 'Flips 0 -> 1', definition: `Share of scored rows with ŷ_production = 0 and ŷ_candidate = 1 (n = scored rows, count in note). ${BOOT}`, convention: 'METRICS.md' },
  'shadow.flip_1_to_0': { name: 'Flips 1 -> 0', definition: `Share of scored rows with ŷ_production = 1 and ŷ_candidate = 0 (n = scored rows, count in note). ${BOOT}`, convention: 'METRICS.md' },
  'shadow.mcnemar_p': { name: 'McNemar p-value', definition: 'On labelled rows, b = production right & candidate wrong, c = the reverse; exact two-sided binomial when b + c < 25, else chi-square (|b - c| - 1)^2 / (b + c), 1 df.', convention: 'statsmodels mcnemar(exact=True) / mcnemar(exact=False, correction=True)' },
  'shadow.mcnemar_b': { name: 'McNemar b', definition: 'Labelled rows where production is right and candidate wrong.', convention: 'METRICS.md' },
  'shadow.mcnemar_c': { name: 'McNemar c', definition: 'Labelled rows where candidate is right and production wrong.', convention: 'METRICS.md' },
  'shadow.score_delta_mean': { name: 'Mean score delta', definition: 'mean(p_candidate - p_production) over scored rows. CI: normal (CLT).', convention: '-' },
  'shadow.score_delta_abs_max': { name: 'Max |score delta|', definition: 'max |p_candidate - p_production| over scored rows.', convention: '-' },
  'shadow.score_delta_q': { name: 'Score delta quantile', definition: 'Quantile (group {quantile}) of p_candidate - p_production over scored rows, linear interpolation.', convention: 'numpy quantile (linear) / DuckDB quantile_cont' },
  'fairness.count': { name: 'Group size', definition: 'Scored rows in the group.', convention: 'Fairlearn count' },
  'fairness.selection_rate': { name: 'Selection rate', definition: `mean(ŷ) over the group's scored rows (labelled or not). ${BOOT}`, convention: 'Fairlearn selection_rate' },
  'fairness.tpr': { name: 'True positive rate', definition: `Recall on the group's labelled rows; 0 (with a note) when the group has labelled rows but no positives, null without labelled rows. ${BOOT}`, convention: 'Fairlearn true_positive_rate' },
  'fairness.fpr': { name: 'False positive rate', definition: `mean(ŷ) on the group's rows with y = 0; 0 (with a note) without negatives. ${BOOT}`, convention: 'Fairlearn false_positive_rate' },
  'fairness.precision': { name: 'Precision', definition: `Precision on the group's labelled rows, zero_division=0. ${BOOT}`, convention: 'sklearn precision_score, zero_division=0' },
  'fairness.demographic_parity_difference': { name: 'Demographic parity difference', definition: `max minus min of group selection rates. ${BOOT}`, convention: 'Fairlearn, method="between_groups"' },
  'fairness.demographic_parity_ratio': { name: 'Demographic parity ratio', definition: `min over max of group selection rates; null when the max is 0. ${BOOT}`, convention: 'Fairlearn' },
  'fairness.equalized_odds_difference': { name: 'Equalized odds difference', definition: `max(TPR max - min, FPR max - min) over groups with labelled rows. ${BOOT}`, convention: 'Fairlearn' },
  'fairness.equal_opportunity_difference': { name: 'Equal opportunity difference', definition: `TPR max - min over groups with labelled rows. ${BOOT}`, convention: 'Fairlearn MetricFrame(recall).difference()' },
  'fairness.impact_ratio': { name: 'Impact ratio (four-fifths)', definition: `Group selection rate / the highest group's; flagged in the note outside [0.8, 1.25]. ${BOOT}`, convention: 'EEOC four-fifths rule; Aequitas tau = 0.8' },
};
