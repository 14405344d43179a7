import { METRIC_DEFINITIONS } from '../metrics/definitions.js';

/** Families whose ids are defined by their own modules (drift per column, latency percentiles, calibration). */
export const METRIC_FAMILY_PREFIXES: readonly string[] = ['drift.', 'latency.', 'calibration.', 'noninferiority.', 'slice.', 'time.', 'regression.', 'multiclass.'];

/** Whether some metric family defines `id` (a known id may still be absent from one run). */
export function isKnownMetricId(id: string): boolean {
  if (Object.hasOwn(METRIC_DEFINITIONS, id)) return true;
  return METRIC_FAMILY_PREFIXES.some((p) => id.startsWith(p) && id.length > p.length);
}

/** The known id closest to `id` (edit distance), for "did you mean" hints. */
export function closestMetricId(id: string): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const k of Object.keys(METRIC_DEFINITIONS)) {
    const d = editDistance(id, k);
    if (d < bestD) { bestD = d; best = k; }
  }
  return bestD <= Math.max(3, Math.floor(id.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

const UNIT_INTERVAL = new Set([
  'outcome.roc_auc', 'outcome.pr_auc', 'outcome.accuracy', 'outcome.precision', 'outcome.recall', 'outcome.f1', 'outcome.brier', 'outcome.ks',
  'shadow.agreement_rate', 'shadow.flip_0_to_1', 'shadow.flip_1_to_0', 'shadow.mcnemar_p',
  'fairness.selection_rate', 'fairness.tpr', 'fairness.fpr', 'fairness.precision', 'fairness.demographic_parity_difference',
  'fairness.demographic_parity_ratio', 'fairness.equalized_odds_difference', 'fairness.equal_opportunity_difference',
  'drift.share_drifted', 'drift.p_adjusted',
]);

/** The range a bound on (id, model) can meaningfully take, or null when any finite number can. */
export function boundRange(id: string, model: string | null, stat: string): [number, number] | null {
  if (stat === 'p') return [0, 1];
  if (model === 'ratio') return [0, Infinity];
  if (!UNIT_INTERVAL.has(id)) return null;
  return model === 'delta' ? [-1, 1] : [0, 1];
}
