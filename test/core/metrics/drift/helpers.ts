import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import assert from 'node:assert/strict';
import type { MetricRecord } from '../../../../core/contract/index.js';

export const FIXTURES = fileURLToPath(new URL('../../../../fixtures/reference/drift/', import.meta.url));

/** scipy's numbers, written by fixtures/reference/drift/make_drift_reference.py. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const REF: any = JSON.parse(readFileSync(`${FIXTURES}drift_reference.json`, 'utf8'));

export async function connect(): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:');
  return db.connect();
}

/** Loads <name>_ref.csv and <name>_cur.csv as tables <name>_ref and <name>_cur. */
export async function loadDataset(conn: DuckDBConnection, name: string): Promise<void> {
  for (const side of ['ref', 'cur']) {
    await conn.run(`CREATE TABLE ${name}_${side} AS SELECT * FROM read_csv('${FIXTURES}${name}_${side}.csv', header = true)`);
  }
}

export function close(actual: number | null | undefined, expected: number, rel: number, what: string, abs = 0): void {
  assert.ok(typeof actual === 'number', `${what}: expected a number, got ${actual}`);
  const tol = Math.max(abs, rel * Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tol, `${what}: ${actual} vs scipy ${expected} (tolerance ${tol})`);
}

export function rec(records: MetricRecord[], id: string, column?: string): MetricRecord {
  const r = records.find((x) => x.id === id && (column === undefined ? x.group === undefined : x.group?.['column'] === column && x.group['window'] === undefined));
  assert.ok(r, `record ${id} ${column ?? ''} missing`);
  return r;
}
