import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type MetricRecord } from '../../contract/index.js';
import { DEFAULT_BOOTSTRAP } from '../computeMetrics.js';
import { num, queryRows } from '../sql.js';
import { groupRecords } from './groupRecords.js';
import { groupStats } from './groupStats.js';
import { keyedView } from './keyedView.js';
import { resolveSliceMetrics, TIME_METRICS } from './sliceMetrics.js';

export type TimeWindow = 'day' | 'week' | 'month';

/** Options of computeOverTime. */
export interface OverTimeOptions {
  threshold: number;
  /** Window length; 'auto' (default) picks it from the span of sb_time (see chooseWindow). */
  window?: TimeWindow | 'auto';
  /** Paired bootstrap per window; default B = 1000, seed 20261125; B = 0: no bootstrap intervals. */
  bootstrap?: { B: number; seed: number; level?: number };
}

/** 'auto' window from the span in days: <= 14 days -> day, <= 26 weeks -> week, else month. */
export function chooseWindow(spanDays: number): TimeWindow {
  return !(spanDays > 14) ? 'day' : spanDays <= 26 * 7 ? 'week' : 'month';
}

/**
 * Metrics per time window of the relation's `sb_time` column, as series: time.window (both; one
 * record, value = number of windows, note = the window chosen and why, rows without a timestamp),
 * then for each metric in TIME_METRICS order and each window in ascending order the records
 * time.<metric> (production, candidate, delta; agreement_rate: both) with group {window:
 * 'YYYY-MM-DD'} (start of the window: date_trunc day / ISO week from Monday / month), after
 * time.rows (both) per window. Intervals as computeMetrics; rows without a timestamp are left out.
 */
export async function computeOverTime(conn: DuckDBConnection, relation: string, opts: OverTimeOptions): Promise<MetricRecord[]> {
  const requested = opts.window ?? 'auto';
  if (!['day', 'week', 'month', 'auto'].includes(requested)) {
    throw new WorkbenchError('BAD_ARGUMENT', `Unknown time window "${String(requested)}"; use day, week, month or auto.`, { window: requested });
  }
  if (!Number.isFinite(opts.threshold)) throw new WorkbenchError('BAD_ARGUMENT', `Threshold must be a finite number, got ${opts.threshold}.`, { threshold: opts.threshold });
  const boot = { ...DEFAULT_BOOTSTRAP, ...opts.bootstrap };
  if (!Number.isInteger(boot.B) || boot.B < 0) throw new WorkbenchError('BAD_ARGUMENT', `Bootstrap B must be a non-negative integer, got ${boot.B}.`, { B: boot.B });
  let cols: string[];
  try {
    cols = (await queryRows(conn, `DESCRIBE SELECT * FROM ${relation} AS __r`)).map((r) => String(r.column_name));
  } catch (e) {
    throw new WorkbenchError('BAD_ARGUMENT', `Cannot read the metrics relation ${relation}: ${(e as Error).message}`, { relation });
  }
  if (!cols.includes('sb_time')) {
    throw new WorkbenchError('MAPPING_MISMATCH', 'No timestamp column is mapped (the metrics relation has no sb_time): map a timestamp to see metrics over time.', { column: 'sb_time' });
  }
  const ts = 'CAST(__r.sb_time AS TIMESTAMP)';
  let span: Record<string, unknown>;
  try {
    [span] = (await queryRows(conn, `SELECT epoch(max(${ts})) - epoch(min(${ts})) AS span, count(*) FILTER (WHERE __r.sb_time IS NULL) AS no_time, count(*) AS n FROM ${relation} AS __r`)) as [Record<string, unknown>];
  } catch (e) {
    throw new WorkbenchError('MAPPING_MISMATCH', `The timestamp column cannot be read as a timestamp: ${(e as Error).message}`, { column: 'sb_time' });
  }
  const days = num(span.span) / 86400, noTime = num(span.no_time);
  const window = requested === 'auto' ? chooseWindow(days) : requested;
  const spanText = Number.isFinite(days) ? `span ${Number(days.toFixed(2))} days` : 'no timestamps';
  const why = requested === 'auto' ? `${window} windows chosen from the ${spanText} (<= 14 days: day, <= 26 weeks: week, else month)` : `${window} windows (${spanText})`;
  const start = window === 'week' ? 'weeks start on Monday' : window === 'month' ? 'months start on the 1st' : 'days in the timestamp\'s own clock';
  const metrics = resolveSliceMetrics([...TIME_METRICS]);
  const { view, drop } = await keyedView(conn, relation, `strftime(date_trunc('${window}', ${ts}), '%Y-%m-%d')`, '__r.sb_time IS NOT NULL');
  try {
    // DeLong's placements need row-level joins per window: affordable up to a million rows; above, AUC per window comes without its interval.
    const delong = num(span.n) <= 1_000_000;
    const stats = await groupStats(conn, view, { threshold: opts.threshold, rank: true, delong });
    const windows = [...stats.keys()];
    const out: MetricRecord[] = [{
      id: 'time.window', model: 'both', value: windows.length, n: num(span.n) - noTime,
      note: `${why}; ${start}; labelled by their start date${noTime ? `; ${noTime} row(s) without a timestamp left out` : ''}`,
    }];
    for (const w of windows) {
      const g = stats.get(w)!;
      out.push({ id: 'time.rows', model: 'both', group: { window: w }, value: g.rows, n: g.rows, note: `${g.lab} labelled, ${g.scored} scored` });
    }
    const per = windows.map((w) => groupRecords(stats.get(w)!, metrics, 'time', { window: w }, boot).records);
    for (const m of metrics) {
      for (const recs of per) out.push(...recs.filter((r) => r.id === `time.${m.short}`));
    }
    return out;
  } finally {
    await drop();
  }
}
