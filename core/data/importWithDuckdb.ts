import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../contract/index.js';
import { cancelled, duckdbMessage } from './duckdbErrors.js';
import { quoteIdent, quoteString } from './sql.js';

/** What an importer needs: a private connection, the staging table to create, and the caller's hooks. */
export interface ImportJob {
  conn: DuckDBConnection;
  staging: string;
  file: string;
  sizeBytes: number;
  signal?: AbortSignal;
  onProgress?: (rowsDone: number, rowsTotal: number | null) => void;
}

/**
 * Types CSV auto-detection may choose. BOOLEAN is left out on purpose: DuckDB reads columns of
 * "yes"/"no" as BOOLEAN, which would make the same traffic's labels and groups differ between its
 * CSV and Parquet copies.
 */
const CSV_TYPES = "['BIGINT', 'DOUBLE', 'TIMESTAMP', 'DATE', 'TIME', 'VARCHAR']";

/**
 * CSV: one CREATE TABLE AS over read_csv (auto-detected), with sb_row numbered in file order by a
 * streaming row_number(). Progress comes from DuckDB's query progress; cancel interrupts the query.
 * (Parquet is not re-encoded into a table: see importParquet.ts.)
 */
export async function importWithDuckdb(job: ImportJob, format: 'csv'): Promise<void> {
  const { conn, file } = job;
  const source = `read_csv(${quoteString(file)}, auto_type_candidates = ${CSV_TYPES})`;
  const bad = (e: unknown, what: string) =>
    WorkbenchError.is(e) ? e : new WorkbenchError('BAD_DATASET', `Cannot ${what} ${file} as CSV: ${duckdbMessage(e)}`, { path: file, format, cause: duckdbMessage(e) });

  try {
    const d = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const names = d.getRows().map((r) => String(r[0]));
    if (names.some((n) => n.toLowerCase() === 'sb_row')) {
      throw new WorkbenchError('BAD_DATASET', `${file} has a column named sb_row, which Shadowbench reserves for the row number; rename that column and import again.`, { path: file, column: 'sb_row' });
    }
  } catch (e) {
    throw bad(e, 'read');
  }
  const estimate = await estimateCsvRows(file, job.sizeBytes);

  await conn.run('SET enable_progress_bar = true');
  await conn.run('SET enable_progress_bar_print = false');
  const timer = setInterval(() => {
    const pct = conn.progress.percentage;
    if (pct >= 0 && estimate !== null) job.onProgress?.(Math.floor((Math.min(pct, 100) / 100) * estimate), null);
  }, 250);
  const onAbort = () => conn.interrupt();
  job.signal?.addEventListener('abort', onAbort);
  try {
    if (job.signal?.aborted) throw cancelled(`Import of ${file}`);
    await conn.run(`CREATE TABLE ${quoteIdent(job.staging)} AS SELECT CAST(row_number() OVER () - 1 AS BIGINT) AS sb_row, * FROM ${source}`);
    if (job.signal?.aborted) throw cancelled(`Import of ${file}`);
  } catch (e) {
    if (job.signal?.aborted) throw cancelled(`Import of ${file}`);
    throw bad(e, 'import');
  } finally {
    clearInterval(timer);
    job.signal?.removeEventListener('abort', onAbort);
  }
}

/** Rough CSV row count from the average line length of the first 64 KiB (for progress only). */
async function estimateCsvRows(file: string, size: number): Promise<number | null> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(65536, size));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    let lines = 0;
    for (let i = 0; i < bytesRead; i++) if (buf[i] === 10) lines++;
    if (lines === 0) return null;
    return Math.max(0, Math.round((size / bytesRead) * lines) - 1);
  } finally {
    await fh.close();
  }
}
