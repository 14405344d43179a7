import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { WorkbenchError } from '../contract/index.js';
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

/** Column `col` of a chunk without NULLs, viewed as a typed array (valid until the chunk is released: copy it). */
export function column<T extends Float64Array | Int32Array | Int8Array>(chunk: DuckDBDataChunk, col: number, rows: number, ctor: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, col), rows * ctor.BYTES_PER_ELEMENT);
  return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows);
}

const listLiteral = (values: string[]) => `[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')}]::VARCHAR[]`;

function grow<T extends Float64Array | Int32Array | Int8Array>(a: T, n: number): T {
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  return b;
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
  const values: string[][] = [];
  for (const k of keys) {
    const rows = await queryRows(conn, `SELECT DISTINCT k FROM (SELECT CAST(${k.expr} AS VARCHAR) AS k FROM ${relation} AS __r) WHERE k IS NOT NULL ORDER BY k`);
    values.push(rows.map((r) => String(r.k)));
  }
  const dbl = (c: string) => `coalesce(CAST(${c} AS DOUBLE) + 0.0, 'NaN'::DOUBLE)`;
  const select = [
    `CASE WHEN __r.y IS NULL THEN -1 WHEN TRY_CAST(__r.y AS DOUBLE) = 0 THEN 0 WHEN TRY_CAST(__r.y AS DOUBLE) = 1 THEN 1 ELSE -2 END::TINYINT`,
    dbl('__r.p_production'), dbl('__r.p_candidate'),
    ...(noise ? [`CASE WHEN isfinite(CAST(__r.p_noise AS DOUBLE)) THEN CAST(__r.p_noise AS DOUBLE) + 0.0 ELSE 'NaN'::DOUBLE END`] : []),
    ...keys.map((k, i) => `(coalesce(list_position(${listLiteral(values[i]!)}, CAST(${k.expr} AS VARCHAR)), 0) - 1)::INTEGER`),
    ...(opts.time ? [`coalesce(CAST(epoch_ms(CAST(__r.sb_time AS TIMESTAMP)) AS DOUBLE), 'NaN'::DOUBLE)`] : []),
  ];
  let cap = Math.max(1024, opts.expectedRows ?? 1 << 20);
  let y = new Int8Array(cap), pp = new Float64Array(cap), pc = new Float64Array(cap);
  let pn = noise ? new Float64Array(cap) : undefined;
  let codes = keys.map(() => new Int32Array(cap));
  let time = opts.time ? new Float64Array(cap) : undefined;
  let n = 0, bad = 0;
  try {
    const result = await conn.stream(`SELECT ${select.join(', ')} FROM ${relation} AS __r`);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const k = chunk.rowCount;
      if (n + k > cap) {
        cap = Math.max(cap * 2, n + k);
        y = grow(y, cap); pp = grow(pp, cap); pc = grow(pc, cap);
        if (pn) pn = grow(pn, cap);
        codes = codes.map((c) => grow(c, cap));
        if (time) time = grow(time, cap);
      }
      const cy = column(chunk, 0, k, Int8Array);
      for (let i = 0; i < k; i++) if (cy[i] === -2) bad++;
      y.set(cy, n);
      pp.set(column(chunk, 1, k, Float64Array), n);
      pc.set(column(chunk, 2, k, Float64Array), n);
      let c = 3;
      if (pn) pn.set(column(chunk, c++, k, Float64Array), n);
      for (const codeArr of codes) codeArr.set(column(chunk, c++, k, Int32Array), n);
      if (time) time.set(column(chunk, c++, k, Float64Array), n);
      n += k;
    }
  } catch (e) {
    if (WorkbenchError.is(e)) throw e;
    const msg = (e as Error).message;
    if (opts.time && /timestamp|TIMESTAMP|epoch/.test(msg)) {
      throw new WorkbenchError('MAPPING_MISMATCH', `The timestamp column cannot be read as a timestamp: ${msg}`, { column: 'sb_time' });
    }
    throw new WorkbenchError('BAD_ARGUMENT', `Cannot read the metrics relation: ${msg}`, { relation });
  }
  if (bad > 0) {
    throw new WorkbenchError('BAD_LABEL', `The label column y has ${bad} value(s) other than 0, 1 and NULL; map the label to 1 = positive, 0 = negative first.`, { count: bad });
  }
  const cut = <T extends Float64Array | Int32Array | Int8Array>(a: T) => a.subarray(0, n) as T;
  return {
    n, y: cut(y), pp: cut(pp), pc: cut(pc), ...(pn ? { pn: cut(pn) } : {}),
    keys: keys.map((k, i) => ({ name: k.name, codes: cut(codes[i]!), values: values[i]! })),
    ...(time ? { time: cut(time) } : {}),
  };
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
