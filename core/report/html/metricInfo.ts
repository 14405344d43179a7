import { METRIC_DEFINITIONS } from '../../metrics/definitions.js';

const HIGHER_BETTER = new Set(['outcome.roc_auc', 'outcome.pr_auc', 'outcome.accuracy', 'outcome.precision', 'outcome.recall', 'outcome.f1', 'outcome.ks', 'shadow.agreement_rate']);
const LOWER_BETTER = new Set(['outcome.brier', 'outcome.log_loss', 'calibration.ece', 'outcome.ece']);

/** Display name of a metric id: its definition's name, else the id's last part in words. */
export function metricName(id: string): string {
  const d = METRIC_DEFINITIONS[id];
  if (d) return d.name;
  const last = id.split('.').slice(1).join(' ');
  return (last || id).replace(/_/g, ' ');
}

export function metricTitle(id: string): string {
  const d = METRIC_DEFINITIONS[id];
  return d ? `${d.definition} Convention: ${d.convention}.` : id;
}

/** Whether a higher value is better (for better/worse marks on deltas); null when neither. */
export function higherIsBetter(id: string): boolean | null {
  if (HIGHER_BETTER.has(id)) return true;
  if (LOWER_BETTER.has(id) || id.startsWith('latency.p') || id === 'latency.mean' || id === 'latency.max' || id.startsWith('latency.e2e.')) return false;
  if (id === 'latency.throughput') return true;
  return null;
}
