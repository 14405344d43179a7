import type { DuckDBConnection } from '@duckdb/node-api';
import { checkedWindow, windowStart, type DriftWindow, type PrecomputedWindows } from './driftOverTime.js';
import { evaluateColumn, takesGridPath, uniqueSorted, PROBE_DISTINCT_FOR_GRID, type ColumnEvaluation } from './evaluateColumn.js';
import { gridLayout, type GridLayout } from './gridLayout.js';
import { numericDriftFromGrid, type NumericDrift } from './numericDrift.js';
import { referenceQuantiles } from './referenceQuantiles.js';
import type { ResolvedColumn } from './resolveDriftColumns.js';
import { meanSd, scanNumericColumns, type WindowCounts } from './scanNumericColumns.js';
import { summarizeColumns, type ColumnSummary } from './summarizeColumns.js';

export interface LargeDriftOptions {
  quant: 'exact' | 'reservoir'; bins: number; exactMaxRows: number; epsilon: number; refRows: number; curRows: number;
  time?: { column: string; window: DriftWindow | 'auto' };
}

/**
 * Drift with many rows (R + C above exactMaxRows): the reference's bin edges and 999 probes per
 * numeric column from one aggregate query (referenceQuantiles), then ONE streamed pass per
 * relation (scanNumericColumns) for all numeric columns at once: exact usable counts and moments,
 * and for columns with many distinct values the fine-grid counts and sums (and, with `time`, the
 * current data's counts per window and reference bin). Grid limits: the reference's 0.1% and 99.9%
 * probes. Text and boolean columns get their usable counts from one aggregate per relation and are
 * evaluated in SQL, as are numeric columns with few distinct values or few usable rows.
 */
export async function largeDrift(conn: DuckDBConnection, reference: string, current: string, cols: ResolvedColumn[], o: LargeDriftOptions): Promise<{ evs: ColumnEvaluation[]; windows?: PrecomputedWindows }> {
  const window = o.time ? await checkedWindow(conn, current, o.time) : undefined;
  const numeric = cols.map((_, i) => i).filter((i) => cols[i]!.storage === 'number');
  const other = cols.map((_, i) => i).filter((i) => cols[i]!.storage !== 'number');
  const quants = await referenceQuantiles(conn, reference, numeric.map((i) => cols[i]!), o.quant, o.bins, o.refRows);
  const layouts = new Map<number, GridLayout>();
  numeric.forEach((i, j) => {
    const p = quants[j]!.probes;
    if (!p || !p.every(Number.isFinite) || uniqueSorted(p).length < PROBE_DISTINCT_FOR_GRID) return;
    layouts.set(i, gridLayout(uniqueSorted(quants[j]!.deciles ?? []), p[0]!, p[p.length - 1]!));
  });
  const reqs = numeric.map((i, j) => ({ col: cols[i]!, shift: quants[j]!.probes?.[499] ?? 0, ...(layouts.has(i) ? { grid: layouts.get(i)! } : {}) }));
  const scanR = await scanNumericColumns(conn, reference, reqs, o.refRows);
  const scanC = await scanNumericColumns(conn, current, reqs, o.curRows, window && layouts.size ? windowStart(window, o.time!.column) : undefined);
  const otherCols = other.map((i) => cols[i]!);
  const [oR, oC] = otherCols.length
    ? [await summarizeColumns(conn, reference, otherCols, 'none', o.bins, { moments: false }), await summarizeColumns(conn, current, otherCols, 'none', o.bins, { moments: false })]
    : [undefined, undefined];
  const sR: ColumnSummary[] = [], sC: ColumnSummary[] = [];
  other.forEach((i, j) => { sR[i] = oR!.cols[j]!; sC[i] = oC!.cols[j]!; });
  const grids = new Map<number, NumericDrift>(), counts = new Map<string, WindowCounts>();
  numeric.forEach((i, j) => {
    const summary = (rows: number, st: typeof scanR.stats[number]): ColumnSummary => ({ valid: st.valid, missing: rows - st.valid, min: st.min, max: st.max, ...meanSd(st) });
    const q = quants[j]!;
    const r: ColumnSummary = { ...summary(o.refRows, scanR.stats[j]!), decileSource: q.decileSource, ...(q.deciles ? { deciles: q.deciles } : {}), ...(q.probes ? { probes: q.probes } : {}) };
    const c = summary(o.curRows, scanC.stats[j]!);
    sR[i] = r; sC[i] = c;
    const g = layouts.get(i);
    if (!g || !takesGridPath(r, c, o.exactMaxRows)) return;
    grids.set(i, numericDriftFromGrid(g, scanR.grids[j]!, scanC.grids[j]!, Math.min(r.min, c.min), Math.max(r.max, c.max), r.valid, c.valid));
    const w = scanC.windows?.[j];
    if (w) counts.set(cols[i]!.name, w);
  });
  const evs: ColumnEvaluation[] = [];
  for (let i = 0; i < cols.length; i++) {
    const grid = grids.get(i);
    evs.push(await evaluateColumn(conn, reference, current, cols[i]!, sR[i]!, sC[i]!, { exactMaxRows: o.exactMaxRows, epsilon: o.epsilon, ...(grid ? { grid } : {}) }));
  }
  return { evs, ...(window ? { windows: { window, counts } } : {}) };
}
