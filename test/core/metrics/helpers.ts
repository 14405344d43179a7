import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { MetricRecord } from '../../../core/contract/index.js';

const REF = fileURLToPath(new URL('../../../fixtures/reference/', import.meta.url));

/** A reference fixture written by fixtures/reference/make_reference.py. */
export interface Fixture {
  threshold: number;
  sensitive: string[];
  columns: string[];
  rows: Record<string, number | string | null>[];
  expected: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  published?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function loadFixture(name: string): Fixture {
  return JSON.parse(readFileSync(`${REF}${name}.json`, 'utf8')) as Fixture;
}

export function loadJson(name: string): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  return JSON.parse(readFileSync(`${REF}${name}.json`, 'utf8'));
}

function lit(v: number | string | null, col: string): string {
  if (v === null) return 'NULL';
  if (col.startsWith('p_')) return v === 'NaN' ? "'NaN'::DOUBLE" : `${Number(v)}::DOUBLE`;
  if (col === 'y') return String(v);
  return `'${String(v).replace(/'/g, "''")}'`;
}

/** Opens an in-memory DuckDB and loads the fixture rows into table `t`. */
export async function openWithFixture(fx: Fixture): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  const types = fx.columns.map((c) => `"${c}" ${c === 'y' ? 'INTEGER' : c.startsWith('p_') ? 'DOUBLE' : 'VARCHAR'}`);
  await conn.run(`CREATE TABLE t (${types.join(', ')})`);
  const values = fx.rows.map((r) => `(${fx.columns.map((c) => lit(r[c] ?? null, c)).join(', ')})`);
  await conn.run(`INSERT INTO t VALUES ${values.join(', ')}`);
  return { conn, close: () => { conn.closeSync(); inst.closeSync(); } };
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
