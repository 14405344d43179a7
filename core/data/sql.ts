/** SQL text helpers: every identifier and literal that reaches DuckDB goes through these; and a relation's columns. */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { ColumnInfo } from '../contract/index.js';

/** Quote an identifier ("my col" -> "my col" with inner quotes doubled). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Quote a string literal. */
export function quoteString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A lower-case [a-z0-9_] name usable unquoted, derived from arbitrary text. */
export function sanitizeName(text: string, fallback = 'dataset', maxLength = 60): string {
  let s = text.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/_+/g, '_').replace(/^_+|_+$/g, '');
  if (s === '') s = fallback;
  if (/^[0-9]/.test(s)) s = `ds_${s}`;
  return s.slice(0, maxLength);
}

/** First of `base`, `base_2`, `base_3`, ... that is not in `taken` (compared case-insensitively). */
export function uniqueName(base: string, taken: Iterable<string>): string {
  const set = new Set([...taken].map((t) => t.toLowerCase()));
  if (!set.has(base.toLowerCase())) return base;
  for (let i = 2; ; i++) {
    const candidate = `${base}_${i}`;
    if (!set.has(candidate.toLowerCase())) return candidate;
  }
}

/** The columns a DESCRIBE of `relation` (a table name or a query) gives, without the sb_row row number. */
export async function describeColumns(conn: DuckDBConnection, relation: string): Promise<ColumnInfo[]> {
  const desc = await conn.runAndReadAll(`DESCRIBE ${relation}`);
  return desc.getRows()
    .filter((r) => String(r[0]) !== 'sb_row')
    .map((r) => ({ name: String(r[0]), type: String(r[1]), nullable: String(r[2]) === 'YES' }));
}
