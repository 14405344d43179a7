import type { MetricRecord } from '../contract/index.js';

/** Metrics where a larger value is better; the others listed are better when smaller. */
const HIGHER_BETTER = ['outcome.roc_auc', 'outcome.pr_auc', 'outcome.accuracy', 'outcome.precision', 'outcome.recall', 'outcome.f1', 'outcome.ks',
  'multiclass.accuracy', 'multiclass.macro_f1', 'multiclass.micro_f1', 'regression.r2'];
const LOWER_BETTER = ['outcome.brier', 'outcome.log_loss', 'calibration.ece', 'regression.mae', 'regression.rmse', 'regression.mape'];
/** Unit-free metrics get the default margin; metrics in the label's unit only with an explicit one. */
const UNIT_BOUND = new Set(['regression.mae', 'regression.rmse']);

export const DEFAULT_MARGIN = 0.01;

const f = (v: number) => (Math.abs(v) >= 1e-3 || v === 0 ? v.toFixed(4) : v.toExponential(2));

/**
 * Non-inferiority of the candidate for each key metric, decided on the confidence bound of the
 * paired delta (never the point estimate): non-inferior when the bound on the worse side lies
 * within the margin, i.e. ci_low > -margin for higher-is-better metrics and ci_high < +margin for
 * lower-is-better ones. Records `noninferiority.<metric>` (model 'delta', value 1 or 0, or null
 * without an interval).
 */
export function nonInferiority(records: MetricRecord[], opts: { margin?: number } = {}): MetricRecord[] {
  const out: MetricRecord[] = [];
  for (const id of [...HIGHER_BETTER, ...LOWER_BETTER]) {
    if (UNIT_BOUND.has(id) && opts.margin === undefined) continue;
    const margin = opts.margin ?? DEFAULT_MARGIN;
    const d = records.find((r) => r.id === id && r.model === 'delta' && !r.group);
    if (!d) continue;
    const higher = HIGHER_BETTER.includes(id);
    const rid = `noninferiority.${id.split('.')[1]}`;
    if (!d.ci || d.value === null) {
      out.push({ id: rid, model: 'delta', value: null, note: `${id}: no confidence interval on the delta, so non-inferiority at margin ${margin} cannot be shown.` });
      continue;
    }
    const bound = higher ? d.ci.low : d.ci.high;
    const ok = higher ? bound > -margin : bound < margin;
    const level = Math.round(d.ci.level * 100);
    const note = higher
      ? `${ok ? 'Non-inferior' : 'Non-inferiority not shown'} at margin ${margin}: the ${level}% CI lower bound of the delta (${f(bound)}) is ${ok ? 'above' : 'at or below'} -${margin} (higher is better; ${d.ci.method}).`
      : `${ok ? 'Non-inferior' : 'Non-inferiority not shown'} at margin ${margin}: the ${level}% CI upper bound of the delta (${f(bound)}) is ${ok ? 'below' : 'at or above'} +${margin} (lower is better; ${d.ci.method}).`;
    out.push({ id: rid, model: 'delta', value: ok ? 1 : 0, ci: d.ci, note });
  }
  return out;
}
