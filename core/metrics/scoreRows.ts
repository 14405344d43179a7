import duckdb from '@duckdb/node-bindings';
import type { DuckDBConnection, DuckDBDataChunk } from '@duckdb/node-api';
import { WorkbenchError } from '../contract/index.js';

/** The scored rows of the metrics relation as typed arrays (one entry per row, same order). */
export interface ScoreRows {
  n: number;
  /** 1, 0, or -1 for an unlabelled row. */
  y: Int8Array;
  pp: Float64Array;
  pc: Float64Array;
  /** Production's second-session score (noise floor); NaN where NULL or not finite. Absent without p_noise. */
  pn?: Float64Array;
}

/** Column `col` of a chunk without NULLs, viewed as a typed array (valid until the chunk is released: copy it). */
export function column<T extends Float64Array | Int32Array | Int8Array>(chunk: DuckDBDataChunk, col: number, rows: number, ctor: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }): T {
  const bytes = duckdb.vector_get_data(duckdb.data_chunk_get_vector(chunk.chunk, col), rows * ctor.BYTES_PER_ELEMENT);
  return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows);
}

/**
 * Streams y, pp, pc (and pn when `noise`) of the rows of `view` where `ok` into typed arrays:
 * whole DuckDB vectors are copied at once (millions of rows per second), never row objects.
 * `expected` is the row count already known from an aggregate; a stream cut short is an error.
 */
export async function scoreRows(conn: DuckDBConnection, view: string, expected: number, noise: boolean): Promise<ScoreRows> {
  const out: ScoreRows = { n: expected, y: new Int8Array(expected), pp: new Float64Array(expected), pc: new Float64Array(expected) };
  if (noise) out.pn = new Float64Array(expected);
  const pn = noise ? `, CASE WHEN isfinite(pn) THEN pn ELSE 'NaN'::DOUBLE END` : '';
  const result = await conn.stream(`SELECT coalesce(y, -1)::TINYINT, pp, pc${pn} FROM ${view} WHERE ok`);
  let at = 0;
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const k = chunk.rowCount;
    if (at + k > expected) throw new WorkbenchError('INTERNAL', `Scored rows changed while metrics were computed (more than ${expected}).`, { expected });
    out.y.set(column(chunk, 0, k, Int8Array), at);
    out.pp.set(column(chunk, 1, k, Float64Array), at);
    out.pc.set(column(chunk, 2, k, Float64Array), at);
    if (out.pn) out.pn.set(column(chunk, 3, k, Float64Array), at);
    at += k;
  }
  if (at !== expected) throw new WorkbenchError('INTERNAL', `Reading the scored rows stopped after ${at} of ${expected}; retry.`, { delivered: at, expected });
  return out;
}
