import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type MetricModel, type MetricRecord } from '../../contract/index.js';
import { queryRows } from '../sql.js';
import { groupRecords, type GroupBootstrap } from './groupRecords.js';
import { groupStats } from './groupStats.js';
import { loadFrame } from '../frame.js';
import { sliceColumn } from './sliceColumn.js';
import { sliceFlag } from './sliceFlag.js';
import { DEFAULT_SLICE_METRICS, resolveSliceMetrics } from './sliceMetrics.js';

/** Options of computeSlices. */
export interface SliceOptions {
  /** ŷ = 1 when p >= threshold. */
  threshold: number;
  /** Paired bootstrap of the confusion-matrix rates per slice (B = 0: none); level default 0.95. */
  bootstrap: { B: number; seed: number; level?: number };
  /** Numeric columns: number of quantile bins, default 5. */
  bins?: number;
  /** A slice is flagged when worse than the whole by more than this, default 0.02. */
  margin?: number;
  /** ... and has at least this many labelled scored rows, default 100. */
  minRows?: number;
  /** Metric ids (or short names), default outcome.roc_auc, accuracy, precision, recall, f1, brier. */
  metrics?: string[];
  /**
   * Optional: computeMetrics' records over the same relation. When given, the whole's values for the
   * flags are read from its outcome.<metric> records instead of being computed again (saves one pass).
   */
  overall?: MetricRecord[];
}

const REQUIRED = ['y', 'p_production', 'p_candidate'];

/**
 * Metrics of production and candidate per slice of each column of `columns` (see
 * core/metrics/slices/README.md): records slice.rows (both), slice.<metric> (production, candidate,
 * delta; and agreement_rate: both) and slice.flag (production, candidate), each with group
 * {column: slice label}. Categorical columns are sliced by value, numeric ones into quantile bins;
 * NULL is the slice "missing". Order: columns as given, slices in label/bin order ("missing" last),
 * metrics as given, models production, candidate, delta.
 */
export async function computeSlices(conn: DuckDBConnection, relation: string, columns: string[], opts: SliceOptions): Promise<MetricRecord[]> {
  const bins = opts.bins ?? 5, margin = opts.margin ?? 0.02, minRows = opts.minRows ?? 100;
  const boot: GroupBootstrap = { B: opts.bootstrap.B, seed: opts.bootstrap.seed, level: opts.bootstrap.level ?? 0.95 };
  if (!Number.isFinite(opts.threshold)) throw new WorkbenchError('BAD_ARGUMENT', `Threshold must be a finite number, got ${opts.threshold}.`, { threshold: opts.threshold });
  if (!Number.isInteger(bins) || bins < 2 || bins > 100) throw new WorkbenchError('BAD_ARGUMENT', `Slice bins must be an integer from 2 to 100, got ${bins}.`, { bins });
  if (!(margin >= 0) || !Number.isFinite(margin)) throw new WorkbenchError('BAD_ARGUMENT', `Slice margin must be a non-negative number, got ${margin}.`, { margin });
  if (!(minRows >= 0)) throw new WorkbenchError('BAD_ARGUMENT', `Slice minRows must be a non-negative number, got ${minRows}.`, { minRows });
  if (!Number.isInteger(boot.B) || boot.B < 0) throw new WorkbenchError('BAD_ARGUMENT', `Bootstrap B must be a non-negative integer, got ${boot.B}.`, { B: boot.B });
  if (!(boot.level > 0 && boot.level < 1)) throw new WorkbenchError('BAD_ARGUMENT', `Interval level must be in (0, 1), got ${boot.level}.`, { level: boot.level });
  const metrics = resolveSliceMetrics(opts.metrics ?? [...DEFAULT_SLICE_METRICS]);
  const types = await describe(conn, relation);
  const missingReq = REQUIRED.filter((c) => !types.has(c));
  if (missingReq.length) throw new WorkbenchError('BAD_ARGUMENT', `The metrics relation lacks column(s) ${missingReq.join(', ')}.`, { missing: missingReq });
  const unknown = columns.filter((c) => !types.has(c));
  if (unknown.length) {
    throw new WorkbenchError('MAPPING_MISMATCH', `Slice column${unknown.length > 1 ? 's' : ''} ${unknown.map((c) => `"${c}"`).join(', ')} not found; the data has columns: ${[...types.keys()].filter((c) => !c.startsWith('sb_') && !c.startsWith('p_') && c !== 'y').join(', ')}.`, { columns: unknown });
  }
  if (columns.length === 0) return [];
  const rank = metrics.some((m) => m.source === 'rank');

  // The whole, for the flags: point values only.
  let overall = new Map<string, Partial<Record<MetricModel, MetricRecord>>>();
  const given = opts.overall && metrics.filter((m) => m.worse).every((m) => opts.overall!.some((r) => r.id === m.id && !r.group));
  if (given) {
    for (const m of metrics) {
      const e: Partial<Record<MetricModel, MetricRecord>> = {};
      for (const r of opts.overall!) if (r.id === m.id && !r.group) e[r.model] = r;
      overall.set(m.short, e);
    }
  } else {
    const whole = await loadFrame(conn, relation);
    const stats = groupStats(whole, new Int32Array(whole.n), ['*'], { threshold: opts.threshold, rank: metrics.some((m) => m.source === 'rank' && m.worse) }).get('*');
    if (stats) overall = groupRecords(stats, metrics, 'overall', {}, { ...boot, B: 0 }).byMetric;
  }

  const out: MetricRecord[] = [];
  for (const column of [...new Set(columns)]) {
    const sc = await sliceColumn(conn, relation, column, types.get(column)!, bins);
    const frame = await loadFrame(conn, relation, { keys: [{ name: column, expr: sc.keyExpr }] });
    const key = frame.keys[0]!;
    const stats = groupStats(frame, key.codes, key.values, { threshold: opts.threshold, rank });
    const keys = [...stats.keys()].sort((a, b) => sc.rank(a) - sc.rank(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const k of keys) {
      const g = stats.get(k)!;
      const group = { [column]: k };
      out.push({ id: 'slice.rows', model: 'both', group, value: g.rows, n: g.rows, note: `${g.lab} labelled, ${g.scored} scored; ${sc.note}` });
      const gr = groupRecords(g, metrics, 'slice', group, boot);
      out.push(...gr.records);
      out.push(...sliceFlag(gr.byMetric, overall, metrics, group, g.lab, margin, minRows));
    }
  }
  return out;
}

async function describe(conn: DuckDBConnection, relation: string): Promise<Map<string, string>> {
  try {
    const rows = await queryRows(conn, `DESCRIBE SELECT * FROM ${relation} AS __r`);
    return new Map(rows.map((r) => [String(r.column_name), String(r.column_type)]));
  } catch (e) {
    throw new WorkbenchError('BAD_ARGUMENT', `Cannot read the metrics relation ${relation}: ${(e as Error).message}`, { relation });
  }
}
