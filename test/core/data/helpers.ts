/** Test helpers: temp dirs, small datasets written by DuckDB (Parquet/CSV) and apache-arrow (IPC). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Dictionary, Float64, Int32, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { Workspace } from '../../../core/data/index.js';

/** A temp directory removed by `cleanup()`. */
export function tempDir(): { dir: string; file: (name: string) => string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'sb-data-test-'));
  return { dir, file: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * SQL for the standard test table: `n` rows with id (= row index), x DOUBLE (id / 10), k INTEGER,
 * flag BOOLEAN, cat VARCHAR, "my col" DOUBLE, "we""ird" INTEGER; every 7th x is NULL.
 */
export function sampleSelect(n: number): string {
  return `SELECT range::BIGINT AS id, CASE WHEN range % 7 = 3 THEN NULL ELSE range / 10 END::DOUBLE AS x,
    (range % 5)::INTEGER AS k, (range % 2 = 0) AS flag, 'c' || (range % 3) AS cat,
    (range * 2)::DOUBLE AS "my col", (range % 11)::INTEGER AS "we""ird" FROM range(${n})`;
}

/** Write the sample table with DuckDB COPY to Parquet or CSV. */
export async function writeWithDuckdb(path: string, format: 'parquet' | 'csv', selectSql: string): Promise<void> {
  const inst = await DuckDBInstance.create(':memory:');
  const c = await inst.connect();
  const opts = format === 'parquet' ? `(FORMAT parquet, ROW_GROUP_SIZE 1000)` : `(FORMAT csv, HEADER)`;
  await c.run(`COPY (${selectSql}) TO '${path.replace(/'/g, "''")}' ${opts}`);
  c.closeSync();
  inst.closeSync();
}

/**
 * Write an Arrow IPC file or stream with `n` rows in record batches of 1000: id INT32, x DOUBLE
 * (NULL every 7th row from 3), s UTF8 (NULL every 5th), cat dictionary-encoded strings,
 * "my col" FLOAT32, big INT64.
 */
export function writeArrow(path: string, framing: 'file' | 'stream', n: number): void {
  const full = new Table({
    id: vectorFromArray(Int32Array.from({ length: n }, (_, i) => i)),
    x: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 7 === 3 ? null : i / 10)), new Float64()),
    s: vectorFromArray(Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : `s${i}`)), new Utf8()),
    cat: vectorFromArray(Array.from({ length: n }, (_, i) => ['red', 'green', 'blue'][i % 3]), new Dictionary(new Utf8(), new Int32())),
    'my col': vectorFromArray(Float32Array.from({ length: n }, (_, i) => i * 2)),
    big: vectorFromArray(BigInt64Array.from({ length: n }, (_, i) => BigInt(i) * 1000000000n)),
  });
  const batches = [];
  for (let start = 0; start < n; start += 1000) batches.push(...full.slice(start, Math.min(n, start + 1000)).batches);
  writeFileSync(path, tableToIPC(batches.length ? new Table(batches) : full, framing));
}

/** Run `fn` with a fresh in-memory workspace. */
export async function withWorkspace<T>(fn: (ws: Workspace) => Promise<T>, path = ':memory:'): Promise<T> {
  const ws = await Workspace.create(path, { memoryLimit: '256MB', threads: 1 });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}

/** Collect every chunk of an async iterable. */
export async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/**
 * A workspace (in memory, or with `onDisk` a file) with the rows of `select` imported from a Parquet
 * file written by DuckDB; `fn` gets the workspace and the dataset id. Everything is removed afterwards.
 */
export async function withSampleDataset<T>(select: string, fn: (ws: Workspace, id: string) => Promise<T>, opts: { onDisk?: boolean } = {}): Promise<T> {
  const t = tempDir();
  try {
    const pq = t.file('sample.parquet');
    await writeWithDuckdb(pq, 'parquet', select);
    return await withWorkspace(async (ws) => fn(ws, (await ws.importDataset(pq)).id), ...(opts.onDisk ? [t.file('ws.duckdb')] : []));
  } finally {
    t.cleanup();
  }
}
