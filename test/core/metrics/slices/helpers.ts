import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const REF = fileURLToPath(new URL('../../../../fixtures/reference/slices/', import.meta.url));

/** fixtures/reference/slices/slices_600.json, written by make_slices_reference.py. */
export function loadSlicesFixture(): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readFileSync(`${REF}slices_600.json`, 'utf8'));
}

/** An in-memory DuckDB connection; close() ends it. */
export async function openDb(): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  return { conn, close: () => { conn.closeSync(); inst.closeSync(); } };
}

const sqlLit = (v: unknown, type: string): string => {
  if (v === null || v === undefined) return 'NULL';
  if (v === 'NaN') return "'NaN'::DOUBLE";
  if (type === 'VARCHAR' || type === 'TIMESTAMP') return `'${String(v).replace(/'/g, "''")}'::${type}`;
  return `${Number(v)}::${type}`;
};

/** Creates table `name` with the given column types and rows (objects keyed by column). */
export async function loadTable(conn: DuckDBConnection, name: string, types: Record<string, string>, rows: Record<string, unknown>[]): Promise<void> {
  const cols = Object.keys(types);
  await conn.run(`CREATE TABLE ${name} (${cols.map((c) => `"${c}" ${types[c]}`).join(', ')})`);
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => `(${cols.map((c) => sqlLit(r[c], types[c]!)).join(', ')})`);
    await conn.run(`INSERT INTO ${name} VALUES ${chunk.join(', ')}`);
  }
}

export { close, find } from '../helpers.js';
