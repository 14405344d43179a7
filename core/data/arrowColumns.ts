/**
 * How each Arrow field becomes a DuckDB column: its SQL type, its DuckDBType for the data chunk,
 * and a writer that copies rows [start, start+n) of an Arrow vector into a chunk column.
 * Fixed-width numbers, dates and timestamps are copied as whole typed arrays; strings go one by
 * one; anything nested or exotic is stored as its JSON/text rendering in a VARCHAR column.
 */
import type { Field, Vector, Data } from 'apache-arrow';
import { Type, DateUnit, TimeUnit, Precision } from 'apache-arrow';
import {
  BIGINT, BOOLEAN, DATE, DOUBLE, FLOAT, INTEGER, SMALLINT, TIMESTAMP, TIMESTAMPTZ, TINYINT, UBIGINT,
  UINTEGER, USMALLINT, UTINYINT, VARCHAR, type DuckDBDataChunk, type DuckDBType,
} from '@duckdb/node-api';
import { allValidMask, writeFixed, writeStrings, writeValidity, type FixedArray } from './vectorIO.js';

/** One Arrow field mapped onto a DuckDB column. */
export interface ArrowColumn {
  sqlType: string;
  duckType: DuckDBType;
  write(chunk: DuckDBDataChunk, col: number, vector: Vector, start: number, n: number): void;
}

type Ctor<T extends FixedArray> = { new (n: number): T; BYTES_PER_ELEMENT: number };

/** Copy the null bitmap of rows [start, start+n) into a DuckDB validity mask, if any row is null. */
function copyNulls(chunk: DuckDBDataChunk, col: number, data: Data, start: number, n: number): void {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return;
  const bits = data.nullBitmap;
  const mask = allValidMask(n);
  const base = data.offset + start;
  for (let i = 0; i < n; i++) {
    const b = base + i;
    if ((bits[b >> 3] & (1 << (b & 7))) === 0) mask[i >> 3] &= ~(1 << (i & 7));
  }
  writeValidity(chunk, col, mask);
}

/** Same-width copy of the Arrow values buffer. */
function direct(sqlType: string, duckType: DuckDBType): ArrowColumn {
  return {
    sqlType, duckType,
    write(chunk, col, vector, start, n) {
      const data = vector.data[0];
      const values = data.values as FixedArray;
      writeFixed(chunk, col, values.subarray(data.offset + start, data.offset + start + n));
      copyNulls(chunk, col, data, start, n);
    },
  };
}

/** Element-wise conversion into a typed array of the DuckDB physical type. */
function mapped<T extends FixedArray>(sqlType: string, duckType: DuckDBType, ctor: Ctor<T>, convert: (data: Data, index: number) => number | bigint): ArrowColumn {
  return {
    sqlType, duckType,
    write(chunk, col, vector, start, n) {
      const data = vector.data[0];
      const out = new ctor(n);
      for (let i = 0; i < n; i++) {
        if (data.getValid(start + i)) (out as unknown as (number | bigint)[])[i] = convert(data, start + i);
      }
      writeFixed(chunk, col, out);
      copyNulls(chunk, col, data, start, n);
    },
  };
}

function textOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (typeof v === 'object') {
    const plain = typeof (v as { toJSON?: unknown }).toJSON === 'function' ? (v as { toJSON(): unknown }).toJSON() : v;
    return JSON.stringify(plain, (_k, x) => (typeof x === 'bigint' ? x.toString() : x));
  }
  return String(v);
}

/** Strings through vector.get (which also decodes dictionaries). */
function text(): ArrowColumn {
  return {
    sqlType: 'VARCHAR', duckType: VARCHAR,
    write(chunk, col, vector, start, n) {
      const values: (string | null)[] = new Array(n);
      for (let i = 0; i < n; i++) values[i] = textOf(vector.get(start + i));
      writeStrings(chunk, col, values);
    },
  };
}

/** A 128/256-bit two's-complement decimal at `index`, as a double. */
function decimalToNumber(data: Data, index: number): number {
  const t = data.type as unknown as { scale: number; bitWidth: number };
  const words = t.bitWidth / 32;
  const v = data.values as Uint32Array;
  let big = 0n;
  for (let w = words - 1; w >= 0; w--) big = (big << 32n) | BigInt(v[index * words + w]);
  big = BigInt.asIntN(t.bitWidth, big);
  return Number(big) / 10 ** t.scale;
}

const MICROS_PER: Record<number, bigint> = { [TimeUnit.SECOND]: 1_000_000n, [TimeUnit.MILLISECOND]: 1000n, [TimeUnit.MICROSECOND]: 1n };

/** The DuckDB column for an Arrow field. */
export function arrowColumn(field: Field): ArrowColumn {
  const t = field.type as { typeId: Type; bitWidth?: number; isSigned?: boolean; precision?: Precision; unit?: number; timezone?: string | null; dictionary?: { typeId: Type } };
  switch (t.typeId) {
    case Type.Int: {
      const key = `${t.isSigned ? 'i' : 'u'}${t.bitWidth}`;
      const table: Record<string, [string, DuckDBType]> = {
        i8: ['TINYINT', TINYINT], i16: ['SMALLINT', SMALLINT], i32: ['INTEGER', INTEGER], i64: ['BIGINT', BIGINT],
        u8: ['UTINYINT', UTINYINT], u16: ['USMALLINT', USMALLINT], u32: ['UINTEGER', UINTEGER], u64: ['UBIGINT', UBIGINT],
      };
      const [sql, duck] = table[key];
      return direct(sql, duck);
    }
    case Type.Float:
      if (t.precision === Precision.DOUBLE) return direct('DOUBLE', DOUBLE);
      if (t.precision === Precision.SINGLE) return direct('FLOAT', FLOAT);
      return mapped('FLOAT', FLOAT, Float32Array, (d, i) => halfToFloat((d.values as Uint16Array)[d.offset + i]));
    case Type.Bool:
      return mapped('BOOLEAN', BOOLEAN, Uint8Array, (d, i) => {
        const b = d.offset + i;
        return ((d.values as Uint8Array)[b >> 3] >> (b & 7)) & 1;
      });
    case Type.Date:
      if (t.unit === DateUnit.DAY) return direct('DATE', DATE);
      return mapped('DATE', DATE, Int32Array, (d, i) => Math.floor(Number((d.values as BigInt64Array)[d.offset + i]) / 86_400_000));
    case Type.Timestamp: {
      const unit = t.unit ?? TimeUnit.MILLISECOND;
      const [sql, duck] = t.timezone ? ['TIMESTAMPTZ', TIMESTAMPTZ] : ['TIMESTAMP', TIMESTAMP];
      return mapped(sql, duck, BigInt64Array, (d, i) => {
        const v = (d.values as BigInt64Array)[d.offset + i];
        return unit === TimeUnit.NANOSECOND ? v / 1000n : v * MICROS_PER[unit];
      });
    }
    case Type.Decimal:
      return mapped('DOUBLE', DOUBLE, Float64Array, (d, i) => decimalToNumber(d, d.offset + i));
    default:
      return text();
  }
}

/** IEEE 754 half (as uint16 bits) to a JS number. */
function halfToFloat(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}
