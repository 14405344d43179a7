import type { DuckDBConnection } from '@duckdb/node-api';
import { num, queryRows } from '../sql.js';
import { validExpr, valueExpr, type ResolvedColumn } from './resolveDriftColumns.js';

/** Counts per category (distinct non-missing value) of reference and current, in SQL sort order. */
export interface CategoryCounts { labels: string[]; ref: number[]; cur: number[] }

/** One GROUP BY over the union of both relations. Category labels are the values as text. */
export async function categoryCounts(conn: DuckDBConnection, reference: string, current: string, col: ResolvedColumn): Promise<CategoryCounts> {
  const v = valueExpr(col), ok = validExpr(col);
  const rows = await queryRows(conn, `SELECT v, sum(r) AS r, sum(c) AS c FROM (
      SELECT ${v} AS v, 1 AS r, 0 AS c FROM ${reference} AS __r WHERE ${ok}
      UNION ALL SELECT ${v} AS v, 0 AS r, 1 AS c FROM ${current} AS __c WHERE ${ok}) GROUP BY v ORDER BY v`);
  return { labels: rows.map((r) => String(r['v'])), ref: rows.map((r) => num(r['r'])), cur: rows.map((r) => num(r['c'])) };
}
