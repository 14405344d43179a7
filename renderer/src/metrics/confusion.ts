import type { MetricRecord } from '../../../core/contract/index.js';

/** Counts of `multiclass.confusion` (group {true, predicted}) of one model as a matrix, classes in first-seen order. */
export function confusion(records: MetricRecord[], model: 'production' | 'candidate'): { classes: string[]; counts: number[][] } {
  const recs = records.filter((r) => r.id === 'multiclass.confusion' && r.model === model && r.group?.true !== undefined && r.group?.predicted !== undefined);
  const classes: string[] = [];
  for (const r of recs) for (const c of [r.group!.true!, r.group!.predicted!]) if (!classes.includes(c)) classes.push(c);
  const counts = classes.map(() => classes.map(() => 0));
  for (const r of recs) counts[classes.indexOf(r.group!.true!)]![classes.indexOf(r.group!.predicted!)] = r.value ?? 0;
  return { classes, counts };
}
