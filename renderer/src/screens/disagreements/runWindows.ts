import type { MetricRecord } from '../../../../core/contract/index.js';

/** A half-open time range [from, to) on the mapped timestamp, as ISO dates. */
export interface TimeWindow {
  from: string;
  to: string;
}

/** The run's time windows (from time.rows records): each from its start to the next one's (the last: + its length). */
export function runWindows(metrics: MetricRecord[] | null): TimeWindow[] {
  const starts = [...new Set((metrics ?? []).filter((r) => r.id === 'time.rows' && r.group?.window).map((r) => r.group!.window!))].sort();
  return starts.map((from, i) => {
    let to = starts[i + 1];
    if (!to) {
      const prev = i > 0 ? Date.parse(starts[i - 1]!) : NaN;
      const step = Number.isFinite(prev) ? Date.parse(from) - prev : 86_400_000;
      to = new Date(Date.parse(from) + step).toISOString().slice(0, 10);
    }
    return { from, to };
  });
}
