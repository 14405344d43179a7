import type { DuckDBConnection } from '@duckdb/node-api';

/** Quotes a DuckDB identifier ("a""b"). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A finite number as a DuckDB DOUBLE literal. */
export function doubleLiteral(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return `CAST('${String(x)}' AS DOUBLE)`;
}

/** Runs a query and returns its rows as plain JS objects. */
export async function queryRows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Record<string, unknown>[];
}

/** NULL -> NaN, bigint/number -> number. */
export function num(x: unknown): number {
  if (x === null || x === undefined) return NaN;
  return Number(x);
}

/** A name for a temporary object, unique enough for concurrent calls on one connection. */
export function tempName(prefix: string): string {
  return `__sb_${prefix}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e9).toString(36)}`;
}
