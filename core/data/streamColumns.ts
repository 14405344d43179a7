import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import duckdb from '@duckdb/node-bindings';
import { WorkbenchError, type DatasetInfo } from '../contract/index.js';
import { cancelled, duckdbMessage } from './duckdbErrors.js';
import { quoteIdent } from './sql.js';
import { isValid, readFixed, readValidity } from './vectorIO.js';

/** One column to stream and the JS type to deliver it as. */
export interface ColumnRequest { column: string; as: 'float32' | 'float64' | 'int64' | 'int32' | 'string' | 'bool' }

/** A block of consecutive dataset rows, one typed array per requested column. */
export interface ColumnChunk {
  rows: number;
  /** The dataset row number (sb_row) of each row. */
  rowIds: Float64Array;
  /** One entry per request, in request order. NULL/NaN become NaN (floats), 0n (ints), null (strings); counted in `nulls`. */
  columns: { data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | (string | null)[]; nulls: number }[];
  /** One array per StreamOptions.extras entry, in order (absent without extras). */
  extras?: ExtraArray[];
  /**
   * One entry per StreamOptions.matrices entry, in order (absent without matrices): the k columns of
   * each row side by side, row after row ([rows, k] row-major, as a model's 2-D input takes them), and
   * the NULLs/NaNs of each column (NULL read as NaN or 0, as for columns).
   */
  matrices?: { data: Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array; nulls: number[] }[];
}

/** Several numeric columns read as one [rows, k] row-major block (DuckDB builds each row's array). */
export interface MatrixRequest { columns: string[]; as: Exclude<ColumnRequest['as'], 'string'> }

/** A typed array an extra SQL expression is read into. */
export type ExtraArray = Int8Array | Int32Array | Float64Array;

/**
 * An SQL expression over the dataset's columns (alias __r) read alongside the requested columns, as
 * TINYINT (int8), INTEGER (int32) or DOUBLE (float64): its NULLs must be handled in the SQL (they
 * read as 0). Used to read what the metrics need in the replay's own scan.
 */
export interface ExtraColumn { sql: string; as: 'int8' | 'int32' | 'float64' }

/** Options of streamColumns. */
export interface StreamOptions {
  chunkRows: number; fromRow?: number; signal?: AbortSignal; extras?: ExtraColumn[]; matrices?: MatrixRequest[];
}

const EXTRA_SQL_TYPE: Record<ExtraColumn['as'], string> = { int8: 'TINYINT', int32: 'INTEGER', float64: 'DOUBLE' };
const EXTRA_ARRAY = { int8: Int8Array, int32: Int32Array, float64: Float64Array } as const;

/** The first row id when `rowIds[0..rows)` are consecutive (first, first + 1, ...), else -1. */
export function consecutiveFrom(rowIds: Float64Array, rows: number): number {
  const first = rows ? rowIds[0]! : -1;
  for (let i = 1; i < rows; i++) if (rowIds[i] !== first + i) return -1;
  return first;
}

/**
 * into[rowIds[i]] = src[i] for the `rows` values of `src`: one block copy when the rows are
 * consecutive from `first` (consecutiveFrom; the usual case), else row by row.
 */
export function placeByRow(into: ExtraArray, src: ExtraArray, rowIds: Float64Array, rows: number, first = consecutiveFrom(rowIds, rows)): void {
  if (first >= 0) into.set(src.subarray(0, rows), first);
  else for (let i = 0; i < rows; i++) into[rowIds[i]!] = src[i]!;
}

/** Column `col` of a chunk (`rows` values) as the typed array of an extra column's type. */
export function readExtra(chunk: DuckDBDataChunk, col: number, rows: number, as: ExtraColumn['as']): ExtraArray {
  return as === 'int8' ? readFixed(chunk, col, rows, Int8Array) : as === 'int32' ? readFixed(chunk, col, rows, Int32Array) : readFixed(chunk, col, rows, Float64Array);
}

const SQL_TYPE: Record<ColumnRequest['as'], string> = { float32: 'FLOAT', float64: 'DOUBLE', int64: 'BIGINT', int32: 'INTEGER', string: 'VARCHAR', bool: 'BOOLEAN' };
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*|BOOLEAN|VARCHAR)$/;

const TEMPORAL = /^(DATE|TIMESTAMP.*)$/;

/** The SELECT expression for one request: a cast in SQL, or epoch milliseconds for dates and timestamps read as numbers. */
function selectExpr(s: ColumnRequest, columnType: string): string {
  const c = quoteIdent(s.column);
  if (s.as !== 'string' && s.as !== 'bool' && TEMPORAL.test(columnType)) {
    return `CAST(epoch_ms(${columnType === 'DATE' ? `CAST(${c} AS TIMESTAMP)` : c}) AS ${SQL_TYPE[s.as]})`;
  }
  return `CAST(${c} AS ${SQL_TYPE[s.as]})`;
}

type Out = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | (string | null)[];

function allocate(as: ColumnRequest['as'], n: number): Out {
  switch (as) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'int32': return new Int32Array(n);
    case 'bool': return new Uint8Array(n);
    case 'string': return new Array<string | null>(n).fill(null);
  }
}

/**
 * Copy rows [off, off+take) of result column `col` (a DuckDB chunk of `n` rows) into `out` at `at`;
 * returns the NULLs (and, for floats, NaNs) among them.
 */
function copyColumn(chunk: DuckDBDataChunk, col: number, n: number, off: number, take: number, as: ColumnRequest['as'], out: Out, at: number): number {
  const mask = readValidity(chunk, col, n);
  let nulls = 0;
  if (as === 'string') {
    const vec = chunk.getColumnVector(col);
    const o = out as (string | null)[];
    for (let i = 0; i < take; i++) {
      const v = isValid(mask, off + i) ? (vec.getItem(off + i) as string) : null;
      if (v === null) nulls++;
      o[at + i] = v;
    }
    return nulls;
  }
  if (as === 'float32' || as === 'float64') {
    const o = out as Float32Array | Float64Array;
    const src = as === 'float32' ? readFixed(chunk, col, n, Float32Array) : readFixed(chunk, col, n, Float64Array);
    const part = take === n ? src : src.subarray(off, off + take);
    o.set(part, at);
    if (mask === null) {
      for (let i = 0; i < take; i++) { const v = part[i]!; if (v !== v) nulls++; }
      return nulls;
    }
    for (let i = 0; i < take; i++) {
      const j = off + i;
      if ((mask[j >> 3]! & (1 << (j & 7))) === 0) { o[at + i] = NaN; nulls++; }
      else if (part[i] !== part[i]) nulls++;
    }
    return nulls;
  }
  const src = as === 'int64' ? readFixed(chunk, col, n, BigInt64Array) : as === 'int32' ? readFixed(chunk, col, n, Int32Array) : readFixed(chunk, col, n, Uint8Array);
  (out as BigInt64Array).set((take === n ? src : src.subarray(off, off + take)) as BigInt64Array, at);
  if (mask !== null) {
    const zero = as === 'int64' ? 0n : 0;
    for (let i = 0; i < take; i++) if (!isValid(mask, off + i)) { (out as unknown as (number | bigint)[])[at + i] = zero; nulls++; }
  }
  return nulls;
}

/**
 * Copy rows [off, off+take) of matrix column `col` (an ARRAY of k values per row, in a DuckDB chunk
 * of `n` rows) into `out` at row `at`, NULL elements as NaN (floats) or 0; counts each column's
 * NULLs (and, for floats, NaNs) into `nulls`.
 */
function copyMatrix(chunk: DuckDBDataChunk, col: number, n: number, off: number, take: number, m: MatrixRequest, out: Exclude<Out, (string | null)[]>, at: number, nulls: number[]): void {
  const k = m.columns.length;
  const child = duckdb.array_vector_get_child(duckdb.data_chunk_get_vector(chunk.chunk, col));
  const Ctor = out.constructor as { new (b: ArrayBuffer, o: number, n: number): typeof out; BYTES_PER_ELEMENT: number };
  const bytes = duckdb.vector_get_data(child, n * k * Ctor.BYTES_PER_ELEMENT);
  const src = new Ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, n * k);
  const part = take === n ? src : src.subarray(off * k, (off + take) * k);
  (out as Float32Array).set(part as Float32Array, at * k);
  const len = take * k;
  if (m.as === 'float32' || m.as === 'float64') {
    // NULLs arrive as NaN (matrixExpr). x * 0 is 0 for a finite x and NaN otherwise: a branch-free sum
    // over four accumulators finds any NaN (or infinity) twice as fast as testing each value; only then
    // are the NaNs counted per column.
    const p = part as Float32Array;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, i = 0;
    for (const end = len & ~3; i < end; i += 4) { s0 += p[i]! * 0; s1 += p[i + 1]! * 0; s2 += p[i + 2]! * 0; s3 += p[i + 3]! * 0; }
    for (; i < len; i++) s0 += p[i]! * 0;
    const s = s0 + s1 + s2 + s3;
    if (s !== s) for (let j = 0; j < len; j++) if (p[j] !== p[j]) nulls[j % k]++;
    return;
  }
  const mask = duckdb.vector_get_validity(child, Math.ceil((n * k) / 64) * 8) ?? null;
  if (mask === null) return;
  const o = out as Int32Array, zero = (m.as === 'int64' ? 0n : 0) as number;
  for (let i = 0, j = 0, e = off * k; i < len; i++, e++) {
    if ((mask[e >> 3]! & (1 << (e & 7))) === 0) { o[at * k + i] = zero; nulls[j]++; }
    if (++j === k) j = 0;
  }
}

/** The SELECT expression of a matrix: a list of the casts (float NULLs as NaN) cast to a fixed-size ARRAY, whose child vector holds the rows side by side. */
function matrixExpr(m: MatrixRequest, ds: DatasetInfo): string {
  const float = m.as === 'float32' || m.as === 'float64';
  const items = m.columns.map((column) => {
    const e = selectExpr({ column, as: m.as }, ds.columns.find((c) => c.name === column)!.type);
    return float ? `COALESCE(${e}, CAST('NaN' AS ${SQL_TYPE[m.as]}))` : e;
  });
  return `CAST([${items.join(', ')}] AS ${SQL_TYPE[m.as]}[${m.columns.length}])`; // array_value() is ~10x slower
}

/** Check each request against the dataset schema before any SQL runs. */
function checkRequests(ds: DatasetInfo, specs: ColumnRequest[]): void {
  for (const s of specs) {
    const col = ds.columns.find((c) => c.name === s.column);
    if (!col) {
      throw new WorkbenchError('MAPPING_MISMATCH', `Column "${s.column}" is not in dataset ${ds.id} (${ds.name}); its columns are: ${ds.columns.map((c) => c.name).join(', ')}.`, { dataset: ds.id, column: s.column });
    }
    if (!SQL_TYPE[s.as]) throw new WorkbenchError('BAD_ARGUMENT', `Unknown column type "${s.as}" requested for "${s.column}".`, { column: s.column, as: s.as });
    if (s.as !== 'string' && !NUMERIC.test(col.type) && !(s.as !== 'bool' && TEMPORAL.test(col.type))) {
      throw new WorkbenchError('MAPPING_MISMATCH', `Column "${s.column}" of dataset ${ds.id} has type ${col.type}, which cannot be read as ${s.as}; map a numeric column to this input.`, { dataset: ds.id, column: s.column, columnType: col.type, requested: s.as });
    }
  }
}

/** On a failed cast, find the column whose values do not convert, for the error message. */
async function castError(conn: DuckDBConnection, ds: DatasetInfo, specs: ColumnRequest[], e: unknown): Promise<WorkbenchError> {
  for (const s of specs) {
    const c = quoteIdent(s.column);
    try {
      const r = await conn.runAndReadAll(`SELECT any_value(${c}::VARCHAR) FROM ${quoteIdent(ds.id)} WHERE ${c} IS NOT NULL AND TRY_CAST(${c} AS ${SQL_TYPE[s.as]}) IS NULL`);
      const bad = r.getRows()[0][0];
      if (bad !== null && bad !== undefined) {
        const type = ds.columns.find((x) => x.name === s.column)?.type;
        return new WorkbenchError('MAPPING_MISMATCH', `Column "${s.column}" (${type}) of dataset ${ds.id} cannot be read as ${s.as}: value "${String(bad)}" does not convert. Map a numeric column or clean the data.`, { dataset: ds.id, column: s.column, columnType: type, requested: s.as, value: String(bad) });
      }
    } catch { /* keep looking */ }
  }
  const msg = duckdbMessage(e);
  if (/cannot be read: its file|parquet|corrupt|decompress|snappy|zstd|thrift|TProtocol|IO Error|No files found/i.test(msg)) {
    return new WorkbenchError('BAD_DATASET', `Dataset ${ds.id} (${ds.name}) could not be read from ${ds.path}: ${msg}. The file may be damaged; export it again and import it anew.`, { dataset: ds.id, path: ds.path, cause: msg });
  }
  return new WorkbenchError('MAPPING_MISMATCH', `Reading columns ${specs.map((s) => `"${s.column}" as ${s.as}`).join(', ')} of dataset ${ds.id} failed: ${msg}`, { dataset: ds.id, cause: msg });
}

/**
 * What DuckDB may compute ahead of the reader (its streaming_buffer_size, a connection setting): the
 * scan runs on DuckDB's threads up to this much in front of the rows JS has taken. The default
 * (~1 MB, a few hundred rows of a wide table) leaves the scan waiting on JS, one thread at a time.
 */
const READ_AHEAD = '64MB';

/**
 * Stream `specs` of dataset `ds`. Numbers of any width, DECIMAL, BOOLEAN and numeric text read as
 * any numeric type (cast by DuckDB); DATE and TIMESTAMP columns read as numbers give milliseconds
 * since the Unix epoch; anything reads as 'string'.
 *
 * Rows come from row `fromRow` in chunks of `chunkRows` rows (the last may be shorter), in row
 * order, from one streaming query on a connection of its own whose scan runs ahead on DuckDB's
 * threads (READ_AHEAD) while JS copies and uses the rows. The rows are checked to come in order,
 * every one once.
 */
export async function* streamColumns(connect: () => Promise<DuckDBConnection>, ds: DatasetInfo, specs: ColumnRequest[], opts: StreamOptions): AsyncGenerator<ColumnChunk> {
  const matrices = opts.matrices ?? [];
  const matrixSpecs = matrices.flatMap((m) => m.columns.map((column): ColumnRequest => ({ column, as: m.as })));
  checkRequests(ds, [...specs, ...matrixSpecs]);
  for (const m of matrices) if (m.columns.length === 0) throw new WorkbenchError('BAD_ARGUMENT', 'A matrix request needs at least one column.', {});
  const chunkRows = Math.floor(opts.chunkRows);
  if (!(chunkRows > 0)) throw new WorkbenchError('BAD_ARGUMENT', `chunkRows must be a positive integer, got ${opts.chunkRows}.`, { chunkRows: opts.chunkRows });
  const fromRow = Math.max(0, Math.floor(opts.fromRow ?? 0));
  if (fromRow >= ds.rows) return;
  const extras = opts.extras ?? [];
  const select = [
    ...specs.map((s) => selectExpr(s, ds.columns.find((c) => c.name === s.column)!.type)),
    ...extras.map((x) => `CAST((${x.sql}) AS ${EXTRA_SQL_TYPE[x.as]})`),
    ...matrices.map((m) => matrixExpr(m, ds)),
  ];
  const all = [...specs, ...matrixSpecs];
  const conn = await connect();
  try {
    await conn.run(`SET streaming_buffer_size = '${READ_AHEAD}'`);
    const where = fromRow > 0 ? ` WHERE __r.sb_row >= ${fromRow}` : '';
    const result = await conn.stream(`SELECT CAST(__r.sb_row AS DOUBLE)${select.map((x) => `, ${x}`).join('')} FROM ${quoteIdent(ds.id)} AS __r${where}`)
      .catch(async (e) => { throw await castError(conn, ds, all, e); });
    const fresh = (): ColumnChunk => ({
      rows: 0, rowIds: new Float64Array(chunkRows), columns: specs.map((s) => ({ data: allocate(s.as, chunkRows), nulls: 0 })),
      ...(extras.length ? { extras: extras.map((x) => new EXTRA_ARRAY[x.as](chunkRows)) } : {}),
      ...(matrices.length ? { matrices: matrices.map((m) => ({ data: allocate(m.as, chunkRows * m.columns.length) as Exclude<Out, (string | null)[]>, nulls: m.columns.map(() => 0) })) } : {}),
    });
    let next = fromRow; // the row id the next row must have
    let out = fresh();
    for (;;) {
      if (opts.signal?.aborted) throw cancelled('Reading the dataset');
      let chunk: DuckDBDataChunk | null;
      try {
        chunk = await result.fetchChunk();
      } catch (e) {
        throw await castError(conn, ds, all, e);
      }
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      const ids = readFixed(chunk, 0, n, Float64Array); // row numbers as doubles: exact below 2^53, no BigInt per row
      if (ids[0] !== next || ids[n - 1] !== next + n - 1) outOfOrder(ds, next, ids[0]!);
      next += n;
      let off = 0;
      while (off < n) {
        const take = Math.min(n - off, chunkRows - out.rows);
        out.rowIds.set(take === n ? ids : ids.subarray(off, off + take), out.rows);
        for (let c = 0; c < specs.length; c++) {
          out.columns[c].nulls += copyColumn(chunk, c + 1, n, off, take, specs[c].as, out.columns[c].data, out.rows);
        }
        for (let x = 0; x < extras.length; x++) {
          const src = readExtra(chunk, specs.length + 1 + x, n, extras[x]!.as);
          (out.extras![x] as Float64Array).set((take === n ? src : src.subarray(off, off + take)) as Float64Array, out.rows);
        }
        for (let x = 0; x < matrices.length; x++) {
          const o = out.matrices![x]!;
          copyMatrix(chunk, specs.length + extras.length + 1 + x, n, off, take, matrices[x]!, o.data, out.rows, o.nulls);
        }
        out.rows += take;
        off += take;
        if (out.rows === chunkRows) {
          if (opts.signal?.aborted) throw cancelled('Reading the dataset');
          yield out;
          out = fresh();
        }
      }
    }
    if (out.rows > 0) yield trim(out);
    if (next !== ds.rows) {
      throw new WorkbenchError('INTERNAL', `Reading dataset ${ds.id} gave rows ${fromRow} to ${next - 1} instead of ${fromRow} to ${ds.rows - 1}; the dataset changed or the read was cut short. Retry the run.`, { dataset: ds.id, delivered: next - fromRow, expected: ds.rows - fromRow, from: fromRow });
    }
  } finally {
    conn.closeSync();
  }
}

/** A chunk whose first or last row is not where the read is: rows skipped, repeated or out of order. */
function outOfOrder(ds: DatasetInfo, expected: number, got: number): never {
  throw new WorkbenchError('INTERNAL', `Reading dataset ${ds.id} gave row ${got} where row ${expected} was due; the dataset changed or the read went wrong. Retry the run.`, { dataset: ds.id, expected, got });
}

function trim(c: ColumnChunk): ColumnChunk {
  const n = c.rows;
  return {
    rows: n,
    rowIds: c.rowIds.slice(0, n),
    columns: c.columns.map((col) => ({ data: Array.isArray(col.data) ? col.data.slice(0, n) : (col.data as Float64Array).slice(0, n), nulls: col.nulls })),
    ...(c.extras ? { extras: c.extras.map((x) => x.slice(0, n)) } : {}),
    ...(c.matrices ? { matrices: c.matrices.map((m) => ({ data: (m.data as Float64Array).slice(0, n * m.nulls.length), nulls: m.nulls })) } : {}),
  };
}
