import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type MetricRecord } from '../../contract/index.js';
import { num, queryRows } from '../sql.js';
import { binExpr } from './numericDrift.js';
import type { ColumnEvaluation } from './evaluateColumn.js';
import { psi, psiBand } from './psi.js';
import { validExpr, valueExpr } from './resolveDriftColumns.js';
import type { WindowCounts } from './scanNumericColumns.js';

export type DriftWindow = 'day' | 'week' | 'month';

/** 'auto' window from the span of the current data: <= 31 days -> day, <= 182 days -> week, else month. */
export async function resolveWindow(conn: DuckDBConnection, current: string, timeExpr: string, window: DriftWindow | 'auto'): Promise<DriftWindow> {
  if (window !== 'auto') return window;
  const [row] = await queryRows(conn, `SELECT epoch(max(${ts(timeExpr)})) - epoch(min(${ts(timeExpr)})) AS span FROM ${current} AS __c`);
  const days = num(row!['span']) / 86400;
  return !(days > 31) ? 'day' : days <= 182 ? 'week' : 'month';
}

function ts(expr: string): string { return `CAST(${expr} AS TIMESTAMP)`; }

/** SQL of the start of the window holding timestamp expression `expr`. */
export function windowStart(window: DriftWindow, expr: string): string { return `date_trunc('${window}', ${ts(expr)})`; }

/** Checks the window name and resolves 'auto'; BAD_ARGUMENT when the column is not a timestamp. */
export async function checkedWindow(conn: DuckDBConnection, current: string, time: { column: string; window: DriftWindow | 'auto' }): Promise<DriftWindow> {
  if (!['day', 'week', 'month', 'auto'].includes(time.window)) {
    throw new WorkbenchError('BAD_ARGUMENT', `Unknown drift time window "${String(time.window)}"; use day, week, month or auto.`, { window: time.window });
  }
  try {
    return await resolveWindow(conn, current, time.column, time.window);
  } catch (e) {
    throw new WorkbenchError('BAD_ARGUMENT', `The drift time column "${time.column}" cannot be read as a timestamp in the current data: ${(e as Error).message}`, { column: time.column });
  }
}

/** Window counts per reference bin already counted in a streamed pass, by column name. */
export interface PrecomputedWindows { window: DriftWindow; counts: Map<string, WindowCounts> }

function fromCounts(ev: ColumnEvaluation, wc: WindowCounts, window: DriftWindow, epsilon: number): MetricRecord[] {
  const order = wc.starts.map((s, i) => [s, i] as const).sort((x, y) => x[0] - y[0]);
  const out: MetricRecord[] = [];
  for (const [start, i] of order) {
    const cur = [...wc.counts[i]!];
    const n = cur.reduce((a, b) => a + b, 0);
    if (n === 0) continue;
    const w = new Date(start).toISOString().slice(0, 10);
    const value = psi(ev.binCounts!.ref, cur, epsilon);
    out.push({ id: 'drift.psi', model: 'both', group: { column: ev.col.name, window: w }, value, n, note: `${psiBand(value)}; ${window} window starting ${w}` });
  }
  return out;
}

/**
 * PSI of each time window of the current data against the whole reference, with the reference
 * bins of the column's main result (deciles or categories). Windows start at date_trunc of the
 * timestamp (ISO weeks start on Monday) and are labelled 'YYYY-MM-DD'; rows without a timestamp
 * are left out. Records: drift.psi with group {column, window}.
 */
export async function driftOverTime(conn: DuckDBConnection, current: string, evs: ColumnEvaluation[], time: { column: string; window: DriftWindow | 'auto' }, epsilon: number, pre?: PrecomputedWindows): Promise<MetricRecord[]> {
  const window = pre?.window ?? await checkedWindow(conn, current, time);
  const out: MetricRecord[] = [];
  const win = `strftime(${windowStart(window, time.column)}, '%Y-%m-%d')`;
  for (const ev of evs) {
    if (ev.notEvaluable || !ev.bins || !ev.binCounts) continue;
    const given = pre?.counts.get(ev.col.name);
    if (given && 'edges' in ev.bins) {
      out.push(...fromCounts(ev, given, window, epsilon));
      continue;
    }
    const v = valueExpr(ev.col);
    let key: string;
    let refCounts: Map<string, number>;
    if ('edges' in ev.bins) {
      key = binExpr(ev.bins.edges, v);
      refCounts = new Map(ev.binCounts.ref.map((c, i) => [String(i), c]));
    } else {
      key = v;
      const ref = ev.binCounts.ref;
      refCounts = new Map(ev.bins.labels.map((l, i) => [l, ref[i]!]));
    }
    const rows = await queryRows(conn, `SELECT ${win} AS __w, ${key} AS __b, count(*) AS __n FROM ${current} AS __c WHERE ${validExpr(ev.col)} AND ${time.column} IS NOT NULL GROUP BY __w, __b ORDER BY __w`);
    const byWindow = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const w = String(r['__w']);
      if (!byWindow.has(w)) byWindow.set(w, new Map());
      byWindow.get(w)!.set(String(r['__b']), num(r['__n']));
    }
    for (const [w, counts] of byWindow) {
      const keys = [...new Set([...refCounts.keys(), ...counts.keys()])];
      const value = psi(keys.map((k) => refCounts.get(k) ?? 0), keys.map((k) => counts.get(k) ?? 0), epsilon);
      const n = [...counts.values()].reduce((a, b) => a + b, 0);
      out.push({ id: 'drift.psi', model: 'both', group: { column: ev.col.name, window: w }, value, n, note: `${psiBand(value)}; ${window} window starting ${w}` });
    }
  }
  return out;
}
