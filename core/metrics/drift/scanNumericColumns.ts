import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { WorkbenchError } from '../../contract/index.js';
import { readFixed, VECTOR_SIZE } from '../../data/vectorIO.js';
import { quoteIdent } from '../sql.js';
import type { GridLayout } from './gridLayout.js';
import type { ResolvedColumn } from './resolveDriftColumns.js';

/**
 * Exact moments of one numeric column's usable (finite, non-NULL) values, accumulated around a
 * shift K close to the centre (a reservoir median) so that the variance does not cancel.
 */
export interface ScanStats { valid: number; min: number; max: number; shift: number; /** Σ (x - K) */ s1: number; /** Σ (x - K)² */ s2: number }

/** Mean and population standard deviation (ddof 0) of a ScanStats; NaN without values. */
export function meanSd(s: ScanStats): { mean: number; sd: number } {
  if (s.valid === 0) return { mean: NaN, sd: NaN };
  const m = s.s1 / s.valid;
  return { mean: s.shift + m, sd: Math.sqrt(Math.max(0, s.s2 / s.valid - m * m)) };
}

/** Counts and sums per slot of a GridLayout (fine cell x reference bin). */
export interface GridAccumulator { count: Float64Array; sum: Float64Array }

/** Per time window (epoch ms of its start) counts per reference bin of one column. */
export interface WindowCounts { starts: number[]; counts: Float64Array[] }

export interface ScanRequest {
  col: ResolvedColumn;
  /** Fine grid to accumulate (grid-path columns only). */
  grid?: GridLayout;
  /** Shift K of the moments (a value near the centre, e.g. the median); 0 when absent. */
  shift?: number;
}

export interface ScanResult {
  rows: number;
  stats: ScanStats[];
  grids: (GridAccumulator | undefined)[];
  /** Only when `windowExpr` was given: per request with a grid. */
  windows?: (WindowCounts | undefined)[];
}

const FLOAT = /^(FLOAT|REAL|FLOAT4)$/i;

/**
 * One streamed pass over `relation` for numeric columns, in JS over whole DuckDB vectors (no
 * per-row objects, no GROUP BY): exact count/min/max/Σ(x - K)/Σ(x - K)² of every requested column,
 * and for columns with a grid, counts and
 * sums per slot of the fine grid split at the reference bin edges. With `windowExpr` (SQL of the
 * window start as TIMESTAMP), also counts per (window, reference bin). FLOAT columns are read as
 * FLOAT (exactly the DOUBLE they cast to), others as DOUBLE; NULL, NaN and ±inf are skipped.
 * `expectedRows` guards against a stream cut short.
 */
export async function scanNumericColumns(conn: DuckDBConnection, relation: string, reqs: ScanRequest[], expectedRows: number, windowExpr?: string): Promise<ScanResult> {
  const f32 = reqs.map((r) => FLOAT.test(r.col.refType) && FLOAT.test(r.col.curType));
  const sel = reqs.map((r, j) => {
    const t = f32[j] ? 'FLOAT' : 'DOUBLE';
    return `coalesce(CAST(${quoteIdent(r.col.name)} AS ${t}), CAST('NaN' AS ${t}))`;
  });
  if (windowExpr) sel.push(`coalesce(CAST(epoch_ms(${windowExpr}) AS DOUBLE), CAST('NaN' AS DOUBLE))`);
  const stats: ScanStats[] = reqs.map((r) => ({ valid: 0, min: Infinity, max: -Infinity, shift: Number.isFinite(r.shift) ? r.shift! : 0, s1: 0, s2: 0 }));
  const grids = reqs.map((r) => (r.grid ? { count: new Float64Array(r.grid.slots), sum: new Float64Array(r.grid.slots) } : undefined));
  const winIndex = new Map<number, number>(), starts: number[] = [];
  const windows = windowExpr ? reqs.map((r) => (r.grid ? { starts, counts: [] as Float64Array[] } : undefined)) : undefined;
  const st: ScanState = { reqs, f32, stats, grids, windows, winIndex, starts, windowed: windowExpr !== undefined, wi: new Int32Array(BATCH_CHUNKS * VECTOR_SIZE) };
  let rows = 0;
  const result = await conn.stream(`SELECT ${sel.join(', ')} FROM ${relation} AS __scan`);
  let batch: DuckDBDataChunk[] = [];
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    rows += chunk.rowCount;
    batch.push(chunk);
    if (batch.length === BATCH_CHUNKS) { processBatch(batch, st); batch = []; }
  }
  if (batch.length) processBatch(batch, st);
  if (rows !== expectedRows) {
    throw new WorkbenchError('INTERNAL', `Reading ${relation} for drift stopped after ${rows} of ${expectedRows} rows; retry.`, { delivered: rows, expected: expectedRows });
  }
  return { rows, stats, grids, ...(windows ? { windows } : {}) };
}

interface ScanState {
  reqs: ScanRequest[]; f32: boolean[]; stats: ScanStats[]; grids: (GridAccumulator | undefined)[];
  windows: (WindowCounts | undefined)[] | undefined; winIndex: Map<number, number>; starts: number[];
  windowed: boolean; wi: Int32Array;
}

/**
 * Chunks accumulated together, column by column: one column's accumulators (tens of KB) stay in
 * cache while BATCH_CHUNKS vectors of it are binned, instead of all columns' cycling per chunk.
 */
const BATCH_CHUNKS = 16;

/** Accumulates a batch of chunks (a plain function, so V8 optimises it apart from the async loop). */
function processBatch(chunks: DuckDBDataChunk[], st: ScanState): void {
  const { reqs, windows } = st;
  if (st.windowed) chunks.forEach((c, b) => windowIndex(c, st, b * VECTOR_SIZE));
  for (let j = 0; j < reqs.length; j++) {
    const g = reqs[j]!.grid;
    chunks.forEach((chunk, b) => {
      const n = chunk.rowCount, x = vec(chunk, j, n, st.f32[j]!);
      if (g) binChunk(x, n, g, st.grids[j]!, st.stats[j]!, windows?.[j]?.counts, st.windowed ? st.wi.subarray(b * VECTOR_SIZE) : undefined);
      else moments(x, n, st.stats[j]!);
    });
  }
}

/** Window index of each row of `chunk` into st.wi from `at` (-1 without a timestamp). */
function windowIndex(chunk: DuckDBDataChunk, st: ScanState, at: number): void {
  const n = chunk.rowCount, { reqs, windows } = st, wi = st.wi.subarray(at);
  {
    const t = vec(chunk, reqs.length, n, false) as Float64Array;
    let last = NaN, lastIdx = -1;
    for (let i = 0; i < n; i++) {
      const s = t[i]!;
      if (s !== s) { wi[i] = -1; continue; }
      if (s !== last) {
        let idx = st.winIndex.get(s);
        if (idx === undefined) {
          idx = st.starts.length;
          st.winIndex.set(s, idx);
          st.starts.push(s);
          reqs.forEach((r, j) => { if (r.grid) windows![j]!.counts.push(new Float64Array(r.grid.edges.length + 1)); });
        }
        last = s; lastIdx = idx;
      }
      wi[i] = lastIdx;
    }
  }
}

function vec(chunk: DuckDBDataChunk, col: number, n: number, float32: boolean): Float32Array | Float64Array {
  return float32 ? readFixed(chunk, col, n, Float32Array) : readFixed(chunk, col, n, Float64Array);
}

/** Adds the finite values of `x` to `s`. */
function moments(x: Float32Array | Float64Array, n: number, s: ScanStats): void {
  const K = s.shift;
  let k = 0, s1 = 0, s2 = 0, mn = s.min, mx = s.max;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v - v !== 0) continue;
    const d = v - K;
    k++; s1 += d; s2 += d * d;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  s.valid += k; s.s1 += s1; s.s2 += s2; s.min = mn; s.max = mx;
}

/** Adds each finite value of `x` to `s` and to its slot (fine cell, split at reference edges). */
function binChunk(x: Float32Array | Float64Array, n: number, g: GridLayout, acc: GridAccumulator, s: ScanStats, wcounts: Float64Array[] | undefined, wi: Int32Array | undefined): void {
  const { a, scale, G, edgesIn, extraBase, kLow, binOfSlot } = g;
  const edges = g.edgesArray, count = acc.count, sum = acc.sum, K = s.shift;
  let k = 0, s1 = 0, s2 = 0, mn = s.min, mx = s.max;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v - v !== 0) continue;
    const dv = v - K;
    k++; s1 += dv; s2 += dv * dv;
    if (v < mn) mn = v;
    if (v > mx) mx = v;
    // Shifted cell: floor(y) clamped to [-1, G], plus one (y | 0 is floor(y) for 0 <= y < G).
    const y = (v - a) * scale;
    let slot = y < 0 ? 0 : y >= G ? G + 1 : (y | 0) + 1;
    const m = edgesIn[slot]!;
    if (m !== 0) { // a cell holding reference edges: the slot of v's reference bin
      const k0 = kLow[slot]!;
      let t = 0;
      while (t < m && v > edges[k0 + t]!) t++;
      slot = extraBase[slot]! + t;
    }
    count[slot]!++;
    sum[slot]! += v;
    if (wcounts !== undefined) {
      const w = wi![i]!;
      if (w >= 0) wcounts[w]![binOfSlot[slot]!]!++;
    }
  }
  s.valid += k; s.s1 += s1; s.s2 += s2; s.min = mn; s.max = mx;
}
