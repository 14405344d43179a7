import type { MetricModel, MetricRecord } from '../contract/index.js';
import type { Criterion } from './criterion.js';

const groupKey = (g: Record<string, string> | undefined): string => (g ? JSON.stringify(Object.entries(g).sort()) : '');

/** The records a criterion covers, or why there are none. Ratio records are derived when the run has none. */
export function selectRecords(c: Criterion, metrics: MetricRecord[]): { records: MetricRecord[]; model: MetricModel } | { reason: string } {
  const all = metrics.filter((r) => r.id === c.metric);
  if (all.length === 0) {
    const family = c.metric.split('.')[0];
    return { reason: `${c.metric} was not measured in this run (no ${family} records in report.json)${family === 'latency' || family === 'drift' ? `; run with ${family} enabled` : ''}.` };
  }
  let model = c.model;
  if (model === null) {
    const present = [...new Set(all.map((r) => r.model))];
    if (present.length !== 1) return { reason: `the rule names no model and ${c.metric} has records for ${present.join(', ')}; add one of them to the rule.` };
    model = present[0];
  }
  let records = all.filter((r) => r.model === model);
  if (records.length === 0 && model === 'ratio') records = deriveRatios(all);
  if (records.length === 0) {
    const present = [...new Set(all.map((r) => r.model))];
    return { reason: `${c.metric} has no ${model} record in this run (models present: ${present.join(', ')}).` };
  }
  if (c.group) {
    const want = Object.entries(c.group);
    records = records.filter((r) => want.every(([k, v]) => r.group?.[k] === v));
    if (records.length === 0) return { reason: `no ${c.metric} ${model} record for group ${want.map(([k, v]) => `${k}=${v}`).join(',')}.` };
  }
  return { records, model };
}

/** candidate / production of `value`, per group, when the run records no ratio (no interval). */
function deriveRatios(all: MetricRecord[]): MetricRecord[] {
  const prod = new Map(all.filter((r) => r.model === 'production').map((r) => [groupKey(r.group), r]));
  const out: MetricRecord[] = [];
  for (const c of all.filter((r) => r.model === 'candidate')) {
    const p = prod.get(groupKey(c.group));
    if (!p) continue;
    const ok = p.value !== null && c.value !== null && p.value !== 0;
    out.push({
      id: c.id, model: 'ratio', ...(c.group ? { group: c.group } : {}), value: ok ? c.value! / p.value! : null,
      note: ok ? 'candidate / production, computed from the two records (no interval)' : 'ratio undefined: a value is null or production is 0',
    });
  }
  return out;
}
