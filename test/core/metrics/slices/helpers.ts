import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { MetricRecord } from '../../../../core/contract/index.js';

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

/** The one record with this id, model and group (throws if absent or duplicated). */
export function find(records: MetricRecord[], id: string, model: string, group?: Record<string, string>): MetricRecord {
  const hits = records.filter((r) => r.id === id && r.model === model && JSON.stringify(r.group ?? null) === JSON.stringify(group ?? null));
  if (hits.length !== 1) throw new Error(`expected one record ${id}/${model}/${JSON.stringify(group)}, found ${hits.length}`);
  return hits[0]!;
}

/** |actual - expected| <= tol, with null meaning null. */
export function close(actual: number | null | undefined, expected: number | null | undefined, tol: number, what: string): void {
  if (expected === null || expected === undefined) {
    if (actual !== null && actual !== undefined) throw new Error(`${what}: expected null, got ${actual}`);
    return;
  }
  if (actual === null || actual === undefined || !(Math.abs(actual - expected) <= tol)) {
    throw new Error(`${what}: expected ${expected}, got ${actual} (tolerance ${tol})`);
  }
}
