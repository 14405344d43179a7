import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { WorkbenchError } from '../contract/index.js';
import { placeByRow, readExtra, type ExtraArray, type ExtraColumn } from '../data/streamColumns.js';
import { readFixed as column } from '../data/vectorIO.js';
import type { Cell } from './cellMetrics.js';
import { queryRows, relationColumns } from './sql.js';

/** Scored rows as typed arrays (one entry per row, same order): what rank, row and noise statistics read. */
export interface ScoreRows {
  n: number;
  /** 1, 0, or -1 for an unlabelled row. */
  y: Int8Array;
  pp: Float64Array;
  pc: Float64Array;
  /** Production's second-session score (noise floor); NaN where NULL or not finite. Absent without p_noise. */
  pn?: Float64Array;
}

/** A grouping of the rows: per row the index of its value in `values` (-1 = NULL). */
export interface KeyColumn {
  name: string;
  codes: Int32Array;
  /** Distinct non-NULL values, in DuckDB's ORDER BY order. */
  values: string[];
}

/**
 * Every row of a metrics relation in memory, read in one streamed pass: the label, both scores
 * (NULL -> NaN; a row is scored when both are finite), the optional noise-floor score, grouping
 * keys as codes, and the optional timestamp. Every binary metric (overall, per group, per slice,
 * per time window) is computed from it in JS, with no further query.
 */
export interface MetricFrame extends ScoreRows {
  keys: KeyColumn[];
  /** Milliseconds since the epoch of sb_time (a TIMESTAMP read as UTC); NaN when NULL. */
  time?: Float64Array;
}

/** A grouping to load: a VARCHAR SQL expression over the relation's columns (alias __r). */
export interface KeySpec { name: string; expr: string }

const listLiteral = (values: string[]) => `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::VARCHAR[]`;

type Ctor<T> = { new (b: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number };

/** A typed array in a SharedArrayBuffer: a frame can be handed to a worker thread without a copy. */
export function shared<T extends Float64Array | Int32Array | Int8Array>(ctor: Ctor<T>, n: number): T {
  return new ctor(new SharedArrayBuffer(n * ctor.BYTES_PER_ELEMENT));
}

function grow<T extends Float64Array | Int32Array | Int8Array>(a: T, n: number): T {
  const b = shared(a.constructor as Ctor<T>, n);
  b.set(a);
  return b;
}

const Y_SQL = (y: string) => `CASE WHEN ${y} IS NULL THEN -1 WHEN TRY_CAST(${y} AS DOUBLE) = 0 THEN 0 WHEN TRY_CAST(${y} AS DOUBLE) = 1 THEN 1 ELSE -2 END::TINYINT`;
const SCORE_SQL = (c: string) => `coalesce(CAST(${c} AS DOUBLE) + 0.0, 'NaN'::DOUBLE)`;
const NOISE_SQL = (c: string) => `CASE WHEN isfinite(CAST(${c} AS DOUBLE)) THEN CAST(${c} AS DOUBLE) + 0.0 ELSE 'NaN'::DOUBLE END`;
const TIME_SQL = (t: string) => `coalesce(CAST(epoch_ms(CAST(${t} AS TIMESTAMP)) AS DOUBLE), 'NaN'::DOUBLE)`;

/** Distinct non-NULL values of each key over `from`, in DuckDB's order. */
async function keyValues(conn: DuckDBConnection, from: string, keys: KeySpec[]): Promise<string[][]> {
  const out: string[][] = [];
  for (const k of keys) {
    const rows = await queryRows(conn, `SELECT DISTINCT k FROM (SELECT CAST(${k.expr} AS VARCHAR) AS k FROM ${from} AS __r) WHERE k IS NOT NULL ORDER BY k`);
    out.push(rows.map((r) => String(r.k)));
  }
  return out;
}

const codeSql = (k: KeySpec, values: string[]) => `(coalesce(list_position(${listLiteral(values)}, CAST(${k.expr} AS VARCHAR)), 0) - 1)::INTEGER`;

/** Growable typed arrays of a frame being read. */
class FrameBuffers {
  cap: number;
  y: Int8Array; pp: Float64Array; pc: Float64Array; pn?: Float64Array; codes: Int32Array[]; time?: Float64Array;
  /** `scores`: the score arrays to use (of `cap` rows) instead of fresh ones. */
  constructor(cap: number, opts: { noise: boolean; keys: number; time: boolean; scores?: RunFrameSource['scores'] }) {
    this.cap = cap;
    this.y = shared(Int8Array, cap);
    this.pp = opts.scores?.production ?? shared(Float64Array, cap);
    this.pc = opts.scores?.candidate ?? shared(Float64Array, cap);
    if (opts.noise) this.pn = opts.scores ? opts.scores.noise ?? shared(Float64Array, cap).fill(NaN) : shared(Float64Array, cap);
    this.codes = Array.from({ length: opts.keys }, () => shared(Int32Array, cap));
    if (opts.time) this.time = shared(Float64Array, cap);
  }
  ensure(n: number): void {
    if (n <= this.cap) return;
    this.cap = Math.max(this.cap * 2, n);
    this.y = grow(this.y, this.cap); this.pp = grow(this.pp, this.cap); this.pc = grow(this.pc, this.cap);
    if (this.pn) this.pn = grow(this.pn, this.cap);
    this.codes = this.codes.map((c) => grow(c, this.cap));
    if (this.time) this.time = grow(this.time, this.cap);
  }
  frame(n: number, keys: KeySpec[], values: string[][]): MetricFrame {
    const cut = <T extends Float64Array | Int32Array | Int8Array>(a: T) => a.subarray(0, n) as T;
    return {
      n, y: cut(this.y), pp: cut(this.pp), pc: cut(this.pc), ...(this.pn ? { pn: cut(this.pn) } : {}),
      keys: keys.map((k, i) => ({ name: k.name, codes: cut(this.codes[i]!), values: values[i]! })),
      ...(this.time ? { time: cut(this.time) } : {}),
    };
  }
}

/** Streams `sql`, handing each chunk to `each`; DuckDB errors become `fail(message)`. */
async function streamChunks(conn: DuckDBConnection, sql: string, each: (chunk: DuckDBDataChunk, rows: number) => void, fail: (msg: string) => WorkbenchError): Promise<void> {
  try {
    const result = await conn.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      each(chunk, chunk.rowCount);
    }
  } catch (e) {
    if (WorkbenchError.is(e)) throw e;
    throw fail((e as Error).message);
  }
}

function readFailure(relation: string, time: boolean): (msg: string) => WorkbenchError {
  return (msg) => (time && /timestamp|TIMESTAMP|epoch/.test(msg)
    ? new WorkbenchError('MAPPING_MISMATCH', `The timestamp column cannot be read as a timestamp: ${msg}`, { column: 'sb_time' })
    : new WorkbenchError('BAD_ARGUMENT', `Cannot read the metrics relation: ${msg}`, { relation }));
}

function checkLabels(y: Int8Array, n: number): void {
  let bad = 0;
  for (let i = 0; i < n; i++) if (y[i] === -2) bad++;
  if (bad > 0) {
    throw new WorkbenchError('BAD_LABEL', `The label column y has ${bad} value(s) other than 0, 1 and NULL; map the label to 1 = positive, 0 = negative first.`, { count: bad });
  }
}

/**
 * Loads `relation` (a table name or parenthesised subquery with y, p_production, p_candidate and
 * optionally p_noise and sb_time) as a MetricFrame. `keys` become codes (their distinct values are
 * read first, so a row costs one list lookup in DuckDB, never a JS string); `time` reads sb_time as
 * epoch milliseconds; `columns` must exist too (BAD_ARGUMENT names the missing). `expectedRows` sizes the arrays up front when known. A label other than 0, 1
 * or NULL is a BAD_LABEL error.
 */
export async function loadFrame(conn: DuckDBConnection, relation: string, opts: { keys?: KeySpec[]; time?: boolean; expectedRows?: number; columns?: string[] } = {}): Promise<MetricFrame> {
  const needed = ['y', 'p_production', 'p_candidate', ...(opts.time ? ['sb_time'] : []), ...(opts.columns ?? [])];
  let names: string[];
  try {
    names = await relationColumns(conn, relation, needed);
  } catch (e) {
    if (opts.time && WorkbenchError.is(e) && (e.details as { missing?: string[] }).missing?.includes('sb_time')) {
      throw new WorkbenchError('MAPPING_MISMATCH', 'No timestamp column is mapped (the metrics relation has no sb_time): map a timestamp to see metrics over time.', { column: 'sb_time' });
    }
    throw e;
  }
  const noise = names.includes('p_noise');
  const keys = opts.keys ?? [];
  const values = await keyValues(conn, relation, keys);
  const select = [
    Y_SQL('__r.y'), SCORE_SQL('__r.p_production'), SCORE_SQL('__r.p_candidate'),
    ...(noise ? [NOISE_SQL('__r.p_noise')] : []),
    ...keys.map((k, i) => codeSql(k, values[i]!)),
    ...(opts.time ? [TIME_SQL('__r.sb_time')] : []),
  ];
  const buf = new FrameBuffers(Math.max(1024, opts.expectedRows ?? 1 << 20), { noise, keys: keys.length, time: !!opts.time });
  let n = 0;
  await streamChunks(conn, `SELECT ${select.join(', ')} FROM ${relation} AS __r`, (chunk, k) => {
    buf.ensure(n + k);
    buf.y.set(column(chunk, 0, k, Int8Array), n);
    buf.pp.set(column(chunk, 1, k, Float64Array), n);
    buf.pc.set(column(chunk, 2, k, Float64Array), n);
    let c = 3;
    if (buf.pn) buf.pn.set(column(chunk, c++, k, Float64Array), n);
    for (const codeArr of buf.codes) codeArr.set(column(chunk, c++, k, Int32Array), n);
    if (buf.time) buf.time.set(column(chunk, c++, k, Float64Array), n);
    n += k;
  }, readFailure(relation, !!opts.time));
  checkLabels(buf.y, n);
  return buf.frame(n, keys, values);
}

/** Where loadRunFrame reads a replay's rows: its predictions table and the dataset, both keyed by row number. */
export interface RunFrameSource {
  /** Table with row_id, production, candidate, noise (one row per scored dataset row). */
  predictions: string;
  /** The dataset relation, with sb_row = 0 .. rows - 1. */
  dataset: string;
  rows: number;
  /** SQL over the dataset's columns (alias __r): the label as 1/0/NULL. */
  y: string;
  keys?: KeySpec[];
  /** SQL over the dataset's columns (alias __r): the timestamp. */
  time?: string;
  noise: boolean;
  /**
   * Every row's scores by row number, already in memory (collected by the replay that wrote them,
   * as the predictions table holds them: NULL as NaN, -0 as +0, noise NaN where not finite): the
   * predictions are then not read back. Shared arrays (see `shared`) keep the frame shareable.
   */
  scores?: { production: Float64Array; candidate: Float64Array; noise?: Float64Array };
}

/**
 * The frame of a replay without joining its predictions to the data: both are read in one plain
 * scan each and placed by row number (the dataset's sb_row runs 0 .. rows - 1), which is several
 * times cheaper than a join on millions of rows. Same frame as loadFrame over the joined relation,
 * in row order. Returns null when the predictions do not cover every row once (read the join then).
 */
export async function loadRunFrame(conn: DuckDBConnection, src: RunFrameSource): Promise<MetricFrame | null> {
  const { buf, columns, frame } = await prepareRunFrame(conn, src);
  const fail = readFailure(src.dataset, !!src.time);
  if (!src.scores && !await placePredictions(conn, src, buf, fail)) return null;
  await streamChunks(conn, `SELECT CAST(__r.sb_row AS DOUBLE), ${columns.map((c) => c.sql).join(', ')} FROM ${src.dataset} AS __r`, (chunk, k) => {
    const id = column(chunk, 0, k, Float64Array);
    columns.forEach((c, j) => placeByRow(c.into, readExtra(chunk, j + 1, k, c.as), id, k));
  }, fail);
  return frame();
}

/** One dataset-side column of a run's frame: SQL over the dataset (alias __r), and the array (by row number) it lands in. */
export type FrameColumn = ExtraColumn & { into: ExtraArray };

/**
 * A run's frame to be filled by someone else's scan of the dataset (the replay's own, see
 * batchReplay's `collect.columns`): the label, key codes and time as SQL with the arrays they land in
 * by row number (the keys' distinct values are read here first), and `frame()` to call once every row
 * is in place (and the scores in `src.scores`). The SQL never fails on a DATE or TIMESTAMP time column.
 */
export async function runFrameColumns(conn: DuckDBConnection, src: RunFrameSource & { scores: NonNullable<RunFrameSource['scores']> }): Promise<{ columns: FrameColumn[]; frame: () => MetricFrame }> {
  const { columns, frame } = await prepareRunFrame(conn, src);
  return { columns, frame };
}

async function prepareRunFrame(conn: DuckDBConnection, src: RunFrameSource): Promise<{ buf: FrameBuffers; columns: FrameColumn[]; frame: () => MetricFrame }> {
  const n = src.rows;
  const keys = src.keys ?? [];
  const values = await keyValues(conn, src.dataset, keys);
  const buf = new FrameBuffers(Math.max(1, n), { noise: src.noise, keys: keys.length, time: !!src.time, ...(src.scores ? { scores: src.scores } : {}) });
  const columns: FrameColumn[] = [
    { sql: Y_SQL(src.y), as: 'int8', into: buf.y },
    ...keys.map((k, i): FrameColumn => ({ sql: codeSql(k, values[i]!), as: 'int32', into: buf.codes[i]! })),
    ...(src.time && buf.time ? [{ sql: TIME_SQL(src.time), as: 'float64' as const, into: buf.time }] : []),
  ];
  return {
    buf, columns,
    frame: () => {
      checkLabels(buf.y, n);
      return buf.frame(n, keys, values);
    },
  };
}

/** The predictions placed by row number into `buf`; false unless every row has exactly one (read the join then). */
async function placePredictions(conn: DuckDBConnection, src: RunFrameSource, buf: FrameBuffers, fail: (msg: string) => WorkbenchError): Promise<boolean> {
  const n = src.rows;
  const seen = new Uint8Array(n);
  let placed = 0, stray = false;
  const { pp, pc, pn } = buf;
  await streamChunks(conn, `SELECT CAST(row_id AS DOUBLE), ${SCORE_SQL('production')}, ${SCORE_SQL('candidate')}${src.noise ? `, ${NOISE_SQL('noise')}` : ''} FROM ${src.predictions}`, (chunk, k) => {
    const id = column(chunk, 0, k, Float64Array), a = column(chunk, 1, k, Float64Array), b = column(chunk, 2, k, Float64Array);
    const c = pn ? column(chunk, 3, k, Float64Array) : null;
    for (let i = 0; i < k; i++) {
      const r = id[i]!;
      if (!(r >= 0 && r < n) || seen[r]) { stray = true; continue; }
      seen[r] = 1; placed++;
      pp[r] = a[i]!; pc[r] = b[i]!;
      if (c) pn![r] = c[i]!;
    }
  }, fail);
  return !stray && placed === n;
}

/** Indices of the labelled rows (y 0 or 1). */
export function labelledRows(y: Int8Array): Uint32Array {
  let k = 0;
  for (let i = 0; i < y.length; i++) if (y[i]! >= 0) k++;
  const out = new Uint32Array(k);
  for (let i = 0, j = 0; i < y.length; i++) if (y[i]! >= 0) out[j++] = i;
  return out;
}

/** Rows `rows` of the frame (indices ascending) as a frame of their own (copies). */
export function selectRows(f: MetricFrame, rows: Uint32Array): MetricFrame {
  const n = rows.length;
  const pick = <T extends Float64Array | Int32Array | Int8Array>(a: T): T => {
    const b = new (a.constructor as { new (n: number): T })(n);
    for (let i = 0; i < n; i++) b[i] = a[rows[i]!]!;
    return b;
  };
  return {
    n, y: pick(f.y), pp: pick(f.pp), pc: pick(f.pc), ...(f.pn ? { pn: pick(f.pn) } : {}),
    keys: f.keys.map((k) => ({ name: k.name, codes: pick(k.codes), values: k.values })),
    ...(f.time ? { time: pick(f.time) } : {}),
  };
}

/** The frame's rows where both scores are finite: the frame itself when every row is, else a compact copy. */
export function scoredFrame(f: MetricFrame): MetricFrame {
  let bad = 0;
  for (let i = 0; i < f.n; i++) if (!(Number.isFinite(f.pp[i]!) && Number.isFinite(f.pc[i]!))) bad++;
  if (bad === 0) return f;
  const rows = new Uint32Array(f.n - bad);
  for (let i = 0, j = 0; i < f.n; i++) if (Number.isFinite(f.pp[i]!) && Number.isFinite(f.pc[i]!)) rows[j++] = i;
  return selectRows(f, rows);
}

/**
 * The (groups..., y, ŷ_production, ŷ_candidate) cell counts of scored rows `f` (every score finite)
 * by the given keys, ordered as SQL's ORDER BY ALL would: each key's values in order then NULL,
 * y 0, 1, NULL, then ŷ 0 before 1.
 */
export function cellsOf(f: ScoreRows, keys: readonly KeyColumn[], threshold: number): Cell[] {
  const dims = keys.map((k) => k.values.length + 1);
  const total = dims.reduce((a, b) => a * b, 12);
  // Dense counts when the cell space is small (the usual case: a few attributes of a few values), a Map otherwise.
  const dense = total <= 1 << 20 ? new Float64Array(total) : null;
  const counts = new Map<number, number>();
  const { y, pp, pc } = f;
  for (let i = 0; i < f.n; i++) {
    let key = 0;
    for (let a = 0; a < keys.length; a++) {
      const c = keys[a]!.codes[i]!;
      key = key * dims[a]! + (c < 0 ? dims[a]! - 1 : c);
    }
    const yi = y[i]!;
    key = key * 12 + (yi < 0 ? 2 : yi) * 4 + (pp[i]! >= threshold ? 2 : 0) + (pc[i]! >= threshold ? 1 : 0);
    if (dense) dense[key]++;
    else counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (dense) for (let k = 0; k < total; k++) if (dense[k]! > 0) counts.set(k, dense[k]!);
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([key, n]) => {
    const yc = (key & 1) as 0 | 1, yp = ((key >> 1) & 1) as 0 | 1, yk = Math.floor(key / 4) % 3;
    let rest = Math.floor(key / 12);
    const groups: (string | null)[] = new Array(keys.length);
    for (let a = keys.length - 1; a >= 0; a--) {
      const c = rest % dims[a]!;
      rest = Math.floor(rest / dims[a]!);
      groups[a] = c === dims[a]! - 1 ? null : keys[a]!.values[c]!;
    }
    return { groups, y: yk === 2 ? null : (yk as 0 | 1), yp, yc, n };
  });
}
