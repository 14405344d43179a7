import { WorkbenchError } from '../../contract/index.js';

/** How a metric is computed per group, and which direction is worse. */
export interface SliceMetric {
  /** Full id, e.g. outcome.roc_auc. */
  id: string;
  /** Id without its prefix, e.g. roc_auc (used as slice.<short> / time.<short>). */
  short: string;
  source: 'rank' | 'cells' | 'mean';
  /** Worse direction for slice flags; undefined = never flagged. */
  worse?: 'lower' | 'higher';
  /** Per model (production/candidate/delta) or one value for the pair (both). */
  models: 'triple' | 'both';
  /** Denominator: labelled scored rows or all scored rows. */
  over: 'labelled' | 'scored';
}

/** Every metric available per slice and per time window. */
export const SLICE_METRICS: readonly SliceMetric[] = [
  { id: 'outcome.roc_auc', short: 'roc_auc', source: 'rank', worse: 'lower', models: 'triple', over: 'labelled' },
  { id: 'outcome.pr_auc', short: 'pr_auc', source: 'rank', worse: 'lower', models: 'triple', over: 'labelled' },
  { id: 'outcome.ks', short: 'ks', source: 'rank', worse: 'lower', models: 'triple', over: 'labelled' },
  { id: 'outcome.accuracy', short: 'accuracy', source: 'cells', worse: 'lower', models: 'triple', over: 'labelled' },
  { id: 'outcome.precision', short: 'precision', source: 'cells', worse: 'lower', models: 'triple', over: 'labelled' },
  { id: 'outcome.recall', short: 'recall', source: 'cells', worse: 'lower', models: 'triple', over: 'labelled' },
  { id: 'outcome.f1', short: 'f1', source: 'cells', worse: 'lower', models: 'triple', over: 'labelled' },
  { id: 'outcome.brier', short: 'brier', source: 'mean', worse: 'higher', models: 'triple', over: 'labelled' },
  { id: 'outcome.log_loss', short: 'log_loss', source: 'mean', worse: 'higher', models: 'triple', over: 'labelled' },
  { id: 'fairness.selection_rate', short: 'selection_rate', source: 'cells', models: 'triple', over: 'scored' },
  { id: 'shadow.agreement_rate', short: 'agreement_rate', source: 'cells', models: 'both', over: 'scored' },
];

/** Default metrics of computeSlices. */
export const DEFAULT_SLICE_METRICS = ['outcome.roc_auc', 'outcome.accuracy', 'outcome.precision', 'outcome.recall', 'outcome.f1', 'outcome.brier'] as const;

/** Metrics of computeOverTime: every outcome metric, selection and agreement rates. */
export const TIME_METRICS = ['outcome.roc_auc', 'outcome.pr_auc', 'outcome.ks', 'outcome.accuracy', 'outcome.precision', 'outcome.recall', 'outcome.f1', 'outcome.brier', 'outcome.log_loss', 'fairness.selection_rate', 'shadow.agreement_rate'] as const;

/**
 * Resolves metric names ("outcome.roc_auc", "roc_auc", "selection_rate", ...) to their definitions,
 * keeping the order given and dropping duplicates. Unknown names are an UNKNOWN_METHOD error.
 */
export function resolveSliceMetrics(names: readonly string[]): SliceMetric[] {
  const out: SliceMetric[] = [];
  for (const name of names) {
    const m = SLICE_METRICS.find((d) => d.id === name || d.short === name);
    if (!m) {
      throw new WorkbenchError('UNKNOWN_METHOD', `Unknown slice metric "${name}"; use one of ${SLICE_METRICS.map((d) => d.id).join(', ')}.`, { metric: name });
    }
    if (!out.includes(m)) out.push(m);
  }
  return out;
}
