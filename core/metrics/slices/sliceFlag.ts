import type { MetricModel, MetricRecord } from '../../contract/index.js';
import type { SliceMetric } from './sliceMetrics.js';

const fmt = (x: number) => String(Number(x.toFixed(3)));

/**
 * The `slice.flag` records of one slice (production, then candidate): 1 when, for at least one
 * metric with a worse direction and an interval, the slice's value is worse than the whole's by
 * more than `margin` and the whole interval is beyond that margin too (higher-is-better metrics:
 * value < overall - margin and CI high < overall - margin; lower-is-better: value > overall + margin
 * and CI low > overall + margin), on at least `minRows` labelled rows; 0 otherwise. The note says
 * which metrics and why, or why not.
 */
export function sliceFlag(
  slice: Map<string, Partial<Record<MetricModel, MetricRecord>>>,
  overall: Map<string, Partial<Record<MetricModel, MetricRecord>>>,
  metrics: readonly SliceMetric[], group: Record<string, string>, labelled: number,
  margin: number, minRows: number,
): MetricRecord[] {
  const out: MetricRecord[] = [];
  for (const model of ['production', 'candidate'] as const) {
    const reasons: string[] = [];
    const near: string[] = [];
    for (const m of metrics) {
      if (!m.worse) continue;
      const s = slice.get(m.short)?.[model], o = overall.get(m.short)?.[model];
      if (!s || !o || s.value === null || o.value === null) continue;
      const lower = m.worse === 'lower';
      const bound = lower ? o.value - margin : o.value + margin;
      const worseBy = lower ? s.value < bound : s.value > bound;
      if (!worseBy) continue;
      if (!s.ci) { near.push(`${m.short} ${fmt(s.value)} vs ${fmt(o.value)} overall, but no interval`); continue; }
      const ciBound = lower ? s.ci.high : s.ci.low;
      const sure = lower ? ciBound < bound : ciBound > bound;
      const text = `${m.short} ${fmt(s.value)} vs ${fmt(o.value)} overall, CI ${lower ? 'upper' : 'lower'} bound ${fmt(ciBound)} ${sure ? (lower ? '<' : '>') : (lower ? '>=' : '<=')} ${fmt(bound)}`;
      (sure ? reasons : near).push(text);
    }
    let value = 0, note: string;
    if (labelled < minRows) {
      note = `${labelled} labelled row(s) < ${minRows}: too few to flag${reasons.length ? ` (would be: ${reasons.join('; ')})` : ''}`;
    } else if (reasons.length) {
      value = 1;
      note = `worse than overall by more than ${margin}: ${reasons.join('; ')}`;
    } else {
      note = `no metric worse than overall by more than ${margin} with its interval beyond the margin${near.length ? ` (worse but not surely: ${near.join('; ')})` : ''}`;
    }
    out.push({ id: 'slice.flag', model, group, value, n: labelled, note });
  }
  return out;
}
