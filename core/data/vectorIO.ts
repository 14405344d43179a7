/**
 * Raw vector access through @duckdb/node-bindings (the C API underneath @duckdb/node-api).
 * The node-api vector classes read one item at a time; these helpers copy whole vectors,
 * which is what makes streaming ~millions of rows per second possible.
 */
import duckdb from '@duckdb/node-bindings';
import type { DuckDBDataChunk } from '@duckdb/node-api';

/** Whether this machine stores numbers little-endian (as DuckDB's vectors then do). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Rows per DuckDB vector (2048). */
export const VECTOR_SIZE = duckdb.vector_size();

/** Bytes of one value of each fixed-width type we read or write. */
export type FixedArray = Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Uint32Array | BigUint64Array;

/** The data of column `col` of `chunk` as a typed array view of a fresh copy (`rows` values). */
export function readFixed<T extends FixedArray>(chunk: DuckDBDataChunk, col: number, rows: number, ctor: { new (b: ArrayBuffer, o: number, n: number): T; BYTES_PER_ELEMENT: number }): T {
  const vec = duckdb.data_chunk_get_vector(chunk.chunk, col);
  const bytes = duckdb.vector_get_data(vec, rows * ctor.BYTES_PER_ELEMENT);
  return new ctor(bytes.buffer as ArrayBuffer, bytes.byteOffset, rows);
}

/** Validity bitmask of column `col` (bit i set = row i valid), or null when every row is valid. */
export function readValidity(chunk: DuckDBDataChunk, col: number, rows: number): Uint8Array | null {
  const vec = duckdb.data_chunk_get_vector(chunk.chunk, col);
  return duckdb.vector_get_validity(vec, Math.ceil(rows / 64) * 8) ?? null;
}

/** True when row `i` is valid in a validity mask from readValidity. */
export function isValid(mask: Uint8Array | null, i: number): boolean {
  return mask === null || (mask[i >> 3] & (1 << (i & 7))) !== 0;
}

/** Copy `values` into column `col` of a chunk being filled for an appender. */
export function writeFixed(chunk: DuckDBDataChunk, col: number, values: FixedArray): void {
  const vec = duckdb.data_chunk_get_vector(chunk.chunk, col);
  duckdb.copy_data_to_vector(vec, 0, values.buffer as ArrayBuffer, values.byteOffset, values.byteLength);
}

/** Write a validity mask (bit i set = valid; length >= ceil(rows/64)*8 bytes) into column `col`. */
export function writeValidity(chunk: DuckDBDataChunk, col: number, mask: Uint8Array): void {
  const vec = duckdb.data_chunk_get_vector(chunk.chunk, col);
  duckdb.vector_ensure_validity_writable(vec);
  duckdb.copy_data_to_vector_validity(vec, 0, mask.buffer as ArrayBuffer, mask.byteOffset, mask.byteLength);
}

/** Write strings (null = NULL) into a VARCHAR column `col`. */
export function writeStrings(chunk: DuckDBDataChunk, col: number, values: readonly (string | null)[]): void {
  const vec = duckdb.data_chunk_get_vector(chunk.chunk, col);
  let mask: Uint8Array | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      mask ??= allValidMask(values.length);
      mask[i >> 3] &= ~(1 << (i & 7));
    } else {
      duckdb.vector_assign_string_element(vec, i, v);
    }
  }
  if (mask) writeValidity(chunk, col, mask);
}

/** A validity mask for `rows` rows with every bit set. */
export function allValidMask(rows: number): Uint8Array {
  return new Uint8Array(Math.ceil(rows / 64) * 8).fill(0xff);
}
