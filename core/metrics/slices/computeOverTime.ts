import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type MetricRecord } from '../../contract/index.js';
import { DEFAULT_BOOTSTRAP } from '../computeMetrics.js';
import { loadFrame, type MetricFrame } from '../frame.js';
import { groupRecords } from './groupRecords.js';
import { groupStats } from './groupStats.js';
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

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the first day of the month containing day `d` (Hinnant's civil calendar algorithms). */
function monthStart(d: number): number {
  const z = d + 719468, era = Math.floor(z / 146097), doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100)), mp = Math.floor((5 * doy + 2) / 153);
  return d - (doy - Math.floor((153 * mp + 2) / 5));
}

/** Start day (days since the epoch) of the window holding day `d`: the day itself, its ISO week's Monday, or its month's 1st. */
function windowStart(d: number, window: TimeWindow): number {
  return window === 'day' ? d : window === 'week' ? d - (((d + 3) % 7) + 7) % 7 : monthStart(d);
}

/**
 * Per row the index of its window (-1 without a timestamp) and the windows' labels 'YYYY-MM-DD'
 * (start dates, ascending), as DuckDB's date_trunc(window, ts) on the TIMESTAMP read as UTC.
 */
export function windowCodes(time: Float64Array, window: TimeWindow): { codes: Int32Array; labels: string[] } {
  const n = time.length;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) { const ms = time[i]!; if (ms < lo) lo = ms; if (ms > hi) hi = ms; } // NaN compares false
  const d0 = Math.floor(lo / DAY_MS), span = Math.floor(hi / DAY_MS) - d0 + 1;
  if (!(span > 0 && span < 1e7)) return windowCodesSparse(time, window);
  // Each row's day (offset from the first), then a window per day from a table over the days spanned:
  // the calendar arithmetic runs once per day, not once per row.
  const codes = new Int32Array(n).fill(-1), present = new Uint8Array(span);
  for (let i = 0; i < n; i++) {
    const ms = time[i]!;
    if (ms !== ms) continue;
    const k = Math.floor(ms / DAY_MS) - d0;
    codes[i] = k; present[k] = 1;
  }
  const dayCode = new Int32Array(span), labels: string[] = [];
  for (let k = 0; k < span;) { // window starts never decrease with the day: each window is a run of days
    const start = windowStart(d0 + k, window);
    let e = k, any = 0;
    while (e < span && windowStart(d0 + e, window) === start) any |= present[e++]!;
    if (any) { dayCode.fill(labels.length, k, e); labels.push(new Date(start * DAY_MS).toISOString().slice(0, 10)); }
    k = e;
  }
  for (let i = 0; i < n; i++) { const k = codes[i]!; if (k >= 0) codes[i] = dayCode[k]!; }
  return { codes, labels };
}

/** windowCodes over a span of ten million days or more (no real data): windows numbered through a Map, then put in order. */
function windowCodesSparse(time: Float64Array, window: TimeWindow): { codes: Int32Array; labels: string[] } {
  const n = time.length;
  const codes = new Int32Array(n).fill(-1);
  const index = new Map<number, number>();
  const starts: number[] = [];
  for (let i = 0; i < n; i++) {
    const ms = time[i]!;
    if (Number.isNaN(ms)) continue;
    const s = windowStart(Math.floor(ms / DAY_MS), window);
    let c = index.get(s);
    if (c === undefined) { c = starts.length; starts.push(s); index.set(s, c); }
    codes[i] = c;
  }
  // Codes in order of first appearance -> codes in ascending window order.
  const rank = starts.map((_, c) => c).sort((a, b) => starts[a]! - starts[b]!);
  const remap = new Int32Array(starts.length);
  rank.forEach((c, k) => { remap[c] = k; });
  for (let i = 0; i < n; i++) { const c = codes[i]!; if (c >= 0) codes[i] = remap[c]!; }
  return { codes, labels: rank.map((c) => new Date(starts[c]! * DAY_MS).toISOString().slice(0, 10)) };
}

function check(opts: OverTimeOptions): void {
  const requested = opts.window ?? 'auto';
  if (!['day', 'week', 'month', 'auto'].includes(requested)) {
    throw new WorkbenchError('BAD_ARGUMENT', `Unknown time window "${String(requested)}"; use day, week, month or auto.`, { window: requested });
  }
  if (!Number.isFinite(opts.threshold)) throw new WorkbenchError('BAD_ARGUMENT', `Threshold must be a finite number, got ${opts.threshold}.`, { threshold: opts.threshold });
  const B = opts.bootstrap?.B ?? DEFAULT_BOOTSTRAP.B;
  if (!Number.isInteger(B) || B < 0) throw new WorkbenchError('BAD_ARGUMENT', `Bootstrap B must be a non-negative integer, got ${B}.`, { B });
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
  check(opts);
  return overTimeOfFrame(await loadFrame(conn, relation, { time: true }), opts);
}

/** computeOverTime on a frame loaded with `time`. */
export function overTimeOfFrame(f: MetricFrame, opts: OverTimeOptions): MetricRecord[] {
  check(opts);
  if (!f.time) throw new WorkbenchError('MAPPING_MISMATCH', 'No timestamp column is mapped (the metrics relation has no sb_time): map a timestamp to see metrics over time.', { column: 'sb_time' });
  const requested = opts.window ?? 'auto';
  const boot = { ...DEFAULT_BOOTSTRAP, ...opts.bootstrap };
  let min = Infinity, max = -Infinity, noTime = 0;
  for (let i = 0; i < f.n; i++) {
    const ms = f.time[i]!;
    if (Number.isNaN(ms)) { noTime++; continue; }
    if (ms < min) min = ms;
    if (ms > max) max = ms;
  }
  const days = (max - min) / DAY_MS;
  const window = requested === 'auto' ? chooseWindow(days) : requested;
  const spanText = Number.isFinite(days) ? `span ${Number(days.toFixed(2))} days` : 'no timestamps';
  const why = requested === 'auto' ? `${window} windows chosen from the ${spanText} (<= 14 days: day, <= 26 weeks: week, else month)` : `${window} windows (${spanText})`;
  const start = window === 'week' ? 'weeks start on Monday' : window === 'month' ? 'months start on the 1st' : 'days in the timestamp\'s own clock';
  const metrics = resolveSliceMetrics([...TIME_METRICS]);
  const { codes, labels } = windowCodes(f.time, window);
  const stats = groupStats(f, codes, labels, { threshold: opts.threshold, rank: true });
  const windows = [...stats.keys()];
  const out: MetricRecord[] = [{
    id: 'time.window', model: 'both', value: windows.length, n: f.n - noTime,
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
}
