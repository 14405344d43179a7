import { chmod, constants, copyFile, mkdir, open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type ColumnInfo } from '../contract/index.js';
import { cancelled, duckdbMessage } from './duckdbErrors.js';
import { parquetSelect } from './keptFiles.js';
import { describeColumns, quoteString } from './sql.js';

/** What a Parquet import needs: a private connection, the staging name, the folder to keep the file in (null: reference it), and the caller's hooks. */
export interface ParquetJob {
  conn: DuckDBConnection;
  staging: string;
  file: string;
  sizeBytes: number;
  datasetsDir: string | null;
  signal?: AbortSignal;
  onProgress?: (rowsDone: number, rowsTotal: number | null) => void;
}

/** A Parquet file ready to become a dataset view. */
export interface StagedParquet {
  /** The file the view is to read: the staged copy in the datasets folder, or the original. */
  path: string;
  /** Whether `path` is a copy the import owns (to rename into place, or remove on failure). */
  copied: boolean;
  rows: number;
  columns: ColumnInfo[];
}

const bad = (file: string, what: string, e: unknown) =>
  WorkbenchError.is(e) ? e : new WorkbenchError('BAD_DATASET', `Cannot ${what} ${file} as Parquet: ${duckdbMessage(e)}`, { path: file, format: 'parquet', cause: duckdbMessage(e) });

/**
 * Parquet: read the footer (row count from parquet_file_metadata) and the schema, which fails on a
 * truncated or corrupt file, then copy the file (a reflink where the file system has them) into the
 * datasets folder as `<staging>.parquet`, read-only, synced to disk. The caller renames it into place
 * and creates the view. Nothing is re-encoded: the import costs a copy, not a scan. `job.onProgress` hears (0, rows)
 * once the row count is known. On failure the staged copy is left for the caller to remove.
 */
export async function stageParquet(job: ParquetJob): Promise<StagedParquet> {
  const { conn, file } = job;
  let rows: number;
  try {
    const r = await conn.runAndReadAll(`SELECT sum(num_rows) FROM parquet_file_metadata(${quoteString(file)})`);
    rows = Number(r.getRows()[0][0] ?? 0);
    const d = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quoteString(file)})`);
    if (d.getRows().some((r) => String(r[0]).toLowerCase() === 'sb_row')) {
      throw new WorkbenchError('BAD_DATASET', `${file} has a column named sb_row, which Shadowbench reserves for the row number; rename that column and import again.`, { path: file, column: 'sb_row' });
    }
  } catch (e) {
    throw bad(file, 'read', e);
  }
  if (rows === 0) throw new WorkbenchError('EMPTY_DATASET', `${file} has no rows; choose a file with data.`, { path: file });
  job.onProgress?.(0, rows);
  if (job.signal?.aborted) throw cancelled(`Import of ${file}`);

  let path = file;
  if (job.datasetsDir !== null) {
    path = join(job.datasetsDir, `${job.staging}.parquet`);
    try {
      await mkdir(job.datasetsDir, { recursive: true });
      await copyFile(file, path, constants.COPYFILE_FICLONE);
      await chmod(path, 0o444);
      // On disk before the catalog names it (ext4's journal would flush it at DuckDB's commit anyway; other file systems need this).
      const fh = await open(path, 'r');
      try {
        await fh.datasync();
      } finally {
        await fh.close();
      }
      const copied = (await stat(path)).size;
      if (copied !== job.sizeBytes) throw new Error(`the copy is ${copied} bytes, the file ${job.sizeBytes}`);
    } catch (e) {
      throw new WorkbenchError('FILE_UNREADABLE', `Cannot copy ${file} into the workspace folder ${job.datasetsDir}: ${(e as Error).message}`, { path: file, target: path, cause: (e as Error).message });
    }
    if (job.signal?.aborted) throw cancelled(`Import of ${file}`);
  }

  let columns: ColumnInfo[];
  try {
    columns = await describeColumns(conn, parquetSelect(path));
  } catch (e) {
    throw bad(file, 'read', e);
  }
  return { path, copied: job.datasetsDir !== null, rows, columns };
}
