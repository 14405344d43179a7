import { randomBytes } from 'node:crypto';
import { basename, extname, resolve } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { WorkbenchError, type ColumnInfo, type DatasetInfo } from '../contract/index.js';
import { CATALOG_TABLES, datasetRow, STAGING_PREFIX } from './catalog.js';
import { cancelled, wrapError } from './duckdbErrors.js';
import { detectFormat, fileSize, formatName, sha256File } from './fileFacts.js';
import { importArrow } from './importArrow.js';
import { importWithDuckdb } from './importWithDuckdb.js';
import type { SerialQueue } from './SerialQueue.js';
import { quoteIdent, sanitizeName, uniqueName } from './sql.js';

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
}

/**
 * Import a file into a staging table on a private connection, then, in one transaction on the
 * write connection, rename it to its final id and record it in sb_datasets. Any failure or cancel
 * drops the staging table, so the workspace is left as it was.
 */
export async function importDataset(deps: ImportDeps, fileArg: string, opts: ImportOptions): Promise<DatasetInfo> {
  const file = resolve(fileArg);
  const sizeBytes = await fileSize(file);
  if (sizeBytes === 0) throw new WorkbenchError('EMPTY_DATASET', `${file} is empty (0 bytes); choose a file with rows.`, { path: file });
  const detected = await detectFormat(file);
  if (opts.signal?.aborted) throw cancelled(`Import of ${file}`);

  const staging = `${STAGING_PREFIX}${randomBytes(6).toString('hex')}`;
  const conn = await deps.instance.connect();
  const hashing = sha256File(file);
  hashing.catch(() => undefined);
  try {
    const job = { conn, staging, file, sizeBytes, signal: opts.signal, onProgress: opts.onProgress };
    let appended: number | null = null;
    if (detected === 'parquet' || detected === 'csv') await importWithDuckdb(job, detected);
    else appended = await importArrow(job);
    if (opts.signal?.aborted) throw cancelled(`Import of ${file}`);

    const countRes = await conn.runAndReadAll(`SELECT count(*) FROM ${quoteIdent(staging)}`);
    const rows = Number(countRes.getRows()[0][0]);
    if (appended !== null && appended !== rows) {
      throw new WorkbenchError('INTERNAL', `Importing ${file} appended ${appended} rows but the table holds ${rows}; import it again.`, { path: file, appended, rows });
    }
    if (rows === 0) throw new WorkbenchError('EMPTY_DATASET', `${file} has no rows; choose a file with data.`, { path: file });
    const desc = await conn.runAndReadAll(`DESCRIBE ${quoteIdent(staging)}`);
    const columns: ColumnInfo[] = desc.getRows()
      .filter((r) => String(r[0]) !== 'sb_row')
      .map((r) => ({ name: String(r[0]), type: String(r[1]), nullable: String(r[2]) === 'YES' }));
    const sha256 = await hashing;

    return await deps.writeQueue.run(async () => {
      const w = deps.writeConn;
      const taken = (await w.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'`)).getRows().map((r) => String(r[0]));
      const base = sanitizeName(basename(file, extname(file)));
      const safeBase = /^(sb_|pred_)/.test(base) || CATALOG_TABLES.includes(base) ? `ds_${base}` : base;
      const id = uniqueName(safeBase, taken);
      const info: DatasetInfo = {
        id, name: opts.name ?? basename(file), path: file, format: formatName(detected), sha256, sizeBytes, rows, columns,
        importedAt: new Date().toISOString(),
      };
      await w.run('BEGIN TRANSACTION');
      try {
        await w.run(`ALTER TABLE ${quoteIdent(staging)} RENAME TO ${quoteIdent(id)}`);
        await w.run(`INSERT INTO sb_datasets VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, datasetRow(info));
        await w.run('COMMIT');
      } catch (e) {
        await w.run('ROLLBACK').catch(() => undefined);
        throw wrapError(e, 'INTERNAL', `Cannot record dataset ${file} in the workspace`, { path: file });
      }
      opts.onProgress?.(rows, rows);
      return info;
    });
  } catch (e) {
    await conn.run(`DROP TABLE IF EXISTS ${quoteIdent(staging)}`).catch(() => undefined);
    throw e;
  } finally {
    conn.closeSync();
  }
}
