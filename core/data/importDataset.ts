import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { rename, stat } from 'node:fs/promises';
import { basename, extname, join, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { WorkbenchError, type ColumnInfo, type DatasetInfo } from '../contract/index.js';
import { CATALOG_TABLES, datasetRow, STAGING_PREFIX } from './catalog.js';
import { cancelled, wrapError } from './duckdbErrors.js';
import { detectFormat, fileSize, formatName, sha256File } from './fileFacts.js';
import { importArrow } from './importArrow.js';
import { stageParquet, type StagedParquet } from './importParquet.js';
import { importWithDuckdb } from './importWithDuckdb.js';
import { parquetSelect, removeKeptFile } from './keptFiles.js';
import type { SerialQueue } from './SerialQueue.js';
import { describeColumns, quoteIdent, sanitizeName, uniqueName } from './sql.js';

/** Options of Workspace.importDataset. */
export interface ImportOptions {
  /** Display name; the file name by default. */
  name?: string;
  signal?: AbortSignal;
  /** Called as rows arrive; rowsTotal is null while unknown (CSV, Arrow). The last call has both equal to the row count. */
  onProgress?: (rowsDone: number, rowsTotal: number | null) => void;
}

/** What an import needs from the workspace. */
export interface ImportDeps {
  instance: DuckDBInstance;
  writeConn: DuckDBConnection;
  writeQueue: SerialQueue;
  /** Where Parquet datasets are kept (`<workspace>.datasets`); null to reference the original file (in-memory workspace). */
  datasetsDir: string | null;
}

/** An imported dataset and, for a dataset kept as a file, its sb_dataset_files entry. */
export interface ImportResult {
  info: DatasetInfo;
  /** The file name in the datasets folder (or the absolute path referenced), or null for a table. */
  keptFile: string | null;
}

/** What identifies a file's bytes cheaply: a change between the start and the end of an import means the hash may not be of the bytes imported. */
async function stamp(file: string): Promise<string> {
  const s = await stat(file);
  return `${s.size}:${s.mtimeMs}:${s.ino}`;
}

/**
 * Import a file as a dataset. CSV and Arrow IPC are read into a staging table on a private
 * connection; Parquet is checked (footer and schema) and copied, unchanged, into the workspace's
 * datasets folder (see keptFiles.ts). Then, in one transaction on the write connection, the
 * staging table is renamed to the dataset id, or a view of that id is created over the kept file,
 * and the dataset is recorded in sb_datasets. The sha256 is computed while the import runs; the
 * file must not change meanwhile. Any failure or cancel drops the staging table and the kept
 * copy, so the workspace is left as it was.
 */
export async function importDataset(deps: ImportDeps, fileArg: string, opts: ImportOptions): Promise<ImportResult> {
  const file = resolve(fileArg);
  const sizeBytes = await fileSize(file);
  if (sizeBytes === 0) throw new WorkbenchError('EMPTY_DATASET', `${file} is empty (0 bytes); choose a file with rows.`, { path: file });
  const detected = await detectFormat(file);
  if (opts.signal?.aborted) throw cancelled(`Import of ${file}`);

  const staging = `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`;
  const conn = await deps.instance.connect();
  const before = await stamp(file);
  const hashing = sha256File(file);
  hashing.catch(() => undefined);
  let parquet: StagedParquet | null = null;
  let stagedCopy: string | null = null;
  try {
    const job = { conn, staging, file, sizeBytes, signal: opts.signal, onProgress: opts.onProgress };
    let rows: number;
    let columns: ColumnInfo[];
    if (detected === 'parquet') {
      if (deps.datasetsDir !== null) stagedCopy = join(deps.datasetsDir, `${staging}.parquet`);
      parquet = await stageParquet({ ...job, datasetsDir: deps.datasetsDir });
      ({ rows, columns } = parquet);
    } else {
      let appended: number | null = null;
      if (detected === 'csv') await importWithDuckdb(job, detected);
      else appended = await importArrow(job);
      if (opts.signal?.aborted) throw cancelled(`Import of ${file}`);

      const countRes = await conn.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(staging)}`);
      rows = Number(countRes.getRows()[0][0]);
      if (appended !== null && appended !== rows) {
        throw new WorkbenchError('INTERNAL', `Importing ${file} appended ${appended} rows but the table holds ${rows}; import it again.`, { path: file, appended, rows });
      }
      if (rows === 0) throw new WorkbenchError('EMPTY_DATASET', `${file} has no rows; choose a file with data.`, { path: file });
      columns = await describeColumns(conn, quoteIdent(staging));
    }
    const sha256 = await hashing;
    if (opts.signal?.aborted) throw cancelled(`Import of ${file}`);
    if ((await stamp(file).catch(() => 'gone')) !== before) {
      throw new WorkbenchError('BAD_DATASET', `${file} changed while it was being imported; import it again once it is complete.`, { path: file });
    }

    return await deps.writeQueue.run(async () => {
      const w = deps.writeConn;
      const taken = (await w.runAndReadAll(
        `SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' UNION ALL SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal`,
      )).getRows().map((r) => String(r[0]));
      const base = sanitizeName(basename(file, extname(file)));
      const safeBase = /^(sb_|pred_)/.test(base) || CATALOG_TABLES.includes(base) ? `ds_${base}` : base;
      const id = uniqueName(safeBase, taken);
      const info: DatasetInfo = {
        id, name: opts.name ?? basename(file), path: file, format: formatName(detected), sha256, sizeBytes, rows, columns,
        importedAt: new Date().toISOString(),
      };
      // A Parquet dataset's kept copy takes its final name (the id) before the view over it is created.
      let keptFile: string | null = null;
      let keptAt: string | null = null;
      if (parquet) {
        if (deps.datasetsDir !== null && stagedCopy !== null) {
          keptFile = `${id}.parquet`;
          while (existsSync(join(deps.datasetsDir, keptFile))) keptFile = `${id}-${randomBytes(3).toString('hex')}.parquet`;
          keptAt = join(deps.datasetsDir, keptFile);
          await rename(stagedCopy, keptAt);
          stagedCopy = null;
        } else {
          keptFile = keptAt = parquet.path;
        }
      }
      await w.run('BEGIN TRANSACTION');
      try {
        if (keptAt !== null) {
          await w.run(`CREATE VIEW ${quoteIdent(id)} AS ${parquetSelect(keptAt)}`);
          await w.run(`INSERT INTO sb_dataset_files VALUES ($1, $2)`, [id, keptFile!]);
        } else {
          await w.run(`ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(id)}`);
        }
        await w.run(`INSERT INTO sb_datasets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, datasetRow(info));
        await w.run('COMMIT');
      } catch (e) {
        await w.run('ROLLBACK').catch(() => undefined);
        if (keptAt !== null && deps.datasetsDir !== null) await removeKeptFile(keptAt).catch(() => undefined);
        throw wrapError(e, 'INTERNAL', `Cannot record dataset ${file} in the workspace`, { path: file });
      }
      opts.onProgress?.(rows, rows);
      return { info, keptFile };
    });
  } catch (e) {
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`).catch(() => undefined);
    if (stagedCopy !== null) await removeKeptFile(stagedCopy).catch(() => undefined);
    throw e;
  } finally {
    conn.closeSync();
  }
}
