import type { DuckDBResultReader } from '@duckdb/node-api';
import type { RowPage } from '../contract/index.js';

/**
 * A JS value from DuckDB made safe for JSON and structured clone: bigints become numbers when
 * exactly representable (strings otherwise), dates ISO strings, bytes hex; nested values recurse.
 */
export function toWire(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (Array.isArray(v)) return v.map(toWire);
  if (typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = toWire(x);
    return o;
  }
  return v;
}

/** A RowPage from a fully read result. */
export function pageOf(reader: DuckDBResultReader, offset: number, total: number | null, limit?: number): RowPage {
  const names = reader.columnNames();
  const types = reader.columnTypes().map((t) => t.toString());
  let rows = reader.getRowsJS() as unknown[][];
  if (limit !== undefined) rows = rows.slice(0, limit);
  return { columns: names.map((name, i) => ({ name, type: types[i] })), rows: rows.map((r) => r.map(toWire)), total, offset };
}
