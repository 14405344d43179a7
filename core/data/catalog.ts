/**
 * The workspace's own tables. Values that are whole contract objects are stored as JSON text so
 * the contract can grow without migrations; the columns beside them are what SQL filters on.
 */
import type { ColumnInfo, DatasetFormat, DatasetInfo } from '../contract/index.js';

export const CATALOG_DDL = [
  `CREATE TABLE IF NOT EXISTS sb_datasets (id VARCHAR, name VARCHAR, path VARCHAR, format VARCHAR, sha256 VARCHAR,
     size_bytes BIGINT, rows BIGINT, columns VARCHAR, imported_at VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS sb_models (seq BIGINT, role VARCHAR, saved_at VARCHAR, info VARCHAR)`,
  `CREATE TABLE IF NOT EXISTS sb_runs (seq BIGINT, id VARCHAR, info VARCHAR)`,
  /** rows_done lives apart from sb_runs so a prediction writer's commit never conflicts with updateRun. */
  `CREATE TABLE IF NOT EXISTS sb_run_progress (run_id VARCHAR, rows_done BIGINT)`,
  `CREATE TABLE IF NOT EXISTS sb_meta (key VARCHAR, value VARCHAR)`,
  /**
   * Datasets kept as files (Parquet): the dataset's relation is then a view over `file`, a name in
   * the workspace's `.datasets` folder, or an absolute path where the workspace has no folder
   * (in memory). Datasets without a row here are tables; workspaces from before it have none.
   */
  `CREATE TABLE IF NOT EXISTS sb_dataset_files (dataset_id VARCHAR, file VARCHAR)`,
];

/** Tables whose names user datasets may never take. */
export const CATALOG_TABLES = ['sb_datasets', 'sb_models', 'sb_runs', 'sb_run_progress', 'sb_meta', 'sb_dataset_files'];

/** Prefix of the staging tables (and kept files) an import writes before it is renamed into place. */
export const STAGING_PREFIX = 'sb_import_';

/** The sb_datasets row for a DatasetInfo, in column order. */
export function datasetRow(d: DatasetInfo): (string | number)[] {
  return [d.id, d.name, d.path, d.format, d.sha256, d.sizeBytes, d.rows, JSON.stringify(d.columns), d.importedAt];
}

/** A DatasetInfo from an sb_datasets row (as JS values). */
export function datasetFromRow(r: unknown[]): DatasetInfo {
  return {
    id: String(r[0]),
    name: String(r[1]),
    path: String(r[2]),
    format: String(r[3]) as DatasetFormat,
    sha256: String(r[4]),
    sizeBytes: Number(r[5]),
    rows: Number(r[6]),
    columns: JSON.parse(String(r[7])) as ColumnInfo[],
    importedAt: String(r[8]),
  };
}

export const DATASET_COLUMNS = 'id, name, path, format, sha256, size_bytes, rows, columns, imported_at';
