import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

const REF = fileURLToPath(new URL('../../../../fixtures/reference/tasks/', import.meta.url));

/** A reference file written by fixtures/reference/tasks/make_task_reference.py. */
export interface TaskFixture {
  level: number;
  columns: string[];
  rows: Record<string, number | string | null>[];
  sensitive?: string[];
  classes?: string[];
  quantiles?: number[];
  expected: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function loadTaskFixture(name: string): TaskFixture {
  return JSON.parse(readFileSync(`${REF}${name}.json`, 'utf8')) as TaskFixture;
}

function sqlType(col: string): string {
  if (col === 'y_value' || col.startsWith('p_')) return 'DOUBLE';
  if (col === 'y_class' || col.startsWith('c_')) return 'INTEGER';
  return 'VARCHAR';
}

function lit(v: number | string | null, col: string): string {
  if (v === null) return 'NULL';
  const t = sqlType(col);
  if (t === 'VARCHAR') return `'${String(v).replace(/'/g, "''")}'`;
  return v === 'NaN' ? "'NaN'::DOUBLE" : `${Number(v)}::${t}`;
}

/** In-memory DuckDB with the fixture rows in table `t`. */
export async function openTaskFixture(fx: TaskFixture): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  await conn.run(`CREATE TABLE t (${fx.columns.map((c) => `"${c}" ${sqlType(c)}`).join(', ')})`);
  await conn.run(`INSERT INTO t VALUES ${fx.rows.map((r) => `(${fx.columns.map((c) => lit(r[c] ?? null, c)).join(', ')})`).join(', ')}`);
  return { conn, close: () => { conn.closeSync(); inst.closeSync(); } };
}
