/**
 * Parquet datasets are kept as Parquet: the import copies the file into the workspace's own folder
 * (`<workspace file>.datasets/`, read-only) and the dataset's relation is a view over that copy, so
 * every query that reads `"<dataset id>"` works as it did on a table. The view holds an absolute
 * path, so opening the workspace points the views at wherever the folder is now.
 */
import { chmod, readdir, rm, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { WorkbenchError, type ColumnInfo } from '../contract/index.js';
import { quoteIdent, quoteString } from './sql.js';

/** The folder of a workspace's kept dataset files; null for a workspace in memory (it references the original files). */
export function datasetsDirOf(workspaceFile: string): string | null {
  return workspaceFile === ':memory:' ? null : `${workspaceFile}.datasets`;
}

/** Where a sb_dataset_files entry is now: a name inside `dir`, or an absolute path. */
export function keptPath(dir: string | null, file: string): string {
  return isAbsolute(file) || dir === null ? file : join(dir, file);
}

/** The dataset relation over a Parquet file: sb_row (the file's row number) first, then the file's columns. */
export function parquetSelect(path: string): string {
  return `SELECT CAST(file_row_number AS BIGINT) AS sb_row, * EXCLUDE (file_row_number) FROM read_parquet(${quoteString(path)}, file_row_number = true)`;
}

/** Whether a stored view definition (duckdb_views().sql) reads `path`. */
export function viewReads(sql: string, path: string): boolean {
  return sql.includes(`read_parquet(${quoteString(path)}`);
}

/** What a kept file's check needs to know of its dataset. */
export interface KeptDataset {
  id: string;
  name: string;
  /** The file it was imported from. */
  path: string;
  sizeBytes: number;
}

/**
 * Why the kept file of `ds` at `file` cannot serve the dataset (missing, not a file, or not the size
 * imported), or null when it can.
 */
export async function keptFileProblem(ds: KeptDataset, file: string, dir: string | null): Promise<WorkbenchError | null> {
  let what: string;
  let code: 'FILE_NOT_FOUND' | 'BAD_DATASET' = 'BAD_DATASET';
  try {
    const s = await stat(file);
    if (s.isFile() && s.size === ds.sizeBytes) return null;
    what = s.isFile() ? `is ${s.size} bytes, not the ${ds.sizeBytes} bytes imported (it was changed)` : 'is not a file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') what = `cannot be read (${(e as Error).message})`;
    else { what = 'is missing'; code = 'FILE_NOT_FOUND'; }
  }
  return keptFileError(ds, file, dir, what, code);
}

/** The error for a kept file that cannot serve its dataset: names the dataset and the file and says what to do. */
export function keptFileError(ds: KeptDataset, file: string, dir: string | null, what: string, code: 'FILE_NOT_FOUND' | 'BAD_DATASET' = 'BAD_DATASET', cause?: string): WorkbenchError {
  const where = dir === null ? '' : ` (the workspace keeps its Parquet datasets in ${dir}; if that folder was left behind when the workspace moved, put it back beside the workspace file and reopen the workspace)`;
  return new WorkbenchError(
    code,
    `Dataset ${ds.id} (${ds.name}) cannot be read: its file ${file} ${what}. Import ${ds.path} again to use this data${where}.`,
    { datasetId: ds.id, path: file, source: ds.path, ...(cause !== undefined ? { cause } : {}) },
  );
}

/**
 * A view named `id` with the dataset's columns whose every read fails with `message` (DuckDB's
 * error()): for a dataset whose kept file is unusable, so queries that name it say why instead of
 * DuckDB's "No files found". DESCRIBE and `WHERE false` still work.
 */
export function brokenViewSql(id: string, columns: ColumnInfo[], message: string, replace: 'VIEW' | 'TEMP VIEW'): string[] {
  const fail = `error(${quoteString(message)})`;
  const cols = [`CAST(${fail} AS BIGINT) AS sb_row`, ...columns.map((c) => `CAST(${fail} AS ${c.type}) AS ${quoteIdent(c.name)}`)];
  const body = (list: string[]) => `CREATE OR REPLACE ${replace} ${quoteIdent(id)} AS SELECT ${list.join(', ')} FROM (SELECT 1) WHERE ${fail} IS NULL`;
  // The second form, for a column type that does not round-trip through CAST.
  return [body(cols), body(cols.slice(0, 1))];
}

/** Remove a kept file (it is read-only: make it writable first, for file systems that refuse otherwise). */
export async function removeKeptFile(path: string): Promise<void> {
  await chmod(path, 0o644).catch(() => undefined);
  await rm(path, { force: true });
}

/**
 * Remove the Parquet files in `dir` that no dataset references: left by an import a crash interrupted,
 * or by an earlier workspace of the same file name that was deleted. Only `*.parquet` files are touched.
 */
export async function removeOrphans(dir: string, referenced: Set<string>): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const n of names) if (n.endsWith('.parquet') && !referenced.has(n)) await removeKeptFile(join(dir, n)).catch(() => undefined);
}
