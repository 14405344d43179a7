import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type DatasetInfo, type ModelInfo, type RowPage, type RunInfo } from '../contract/index.js';
import { CATALOG_DDL } from './catalog.js';
import { duckdbMessage, wrapError } from './duckdbErrors.js';
import { importDataset, type ImportOptions } from './importDataset.js';
import { MetaStore } from './MetaStore.js';
import { DuckDBPredictionWriter, type PredictionWriter } from './PredictionWriter.js';
import { readOnlyQuery } from './readOnlyQuery.js';
import { pageOf } from './rowValues.js';
import { SerialQueue } from './SerialQueue.js';
import { quoteIdent, sanitizeName } from './sql.js';
import { streamColumns, type ColumnChunk, type ColumnRequest } from './streamColumns.js';

export type { ColumnChunk, ColumnRequest } from './streamColumns.js';
export type { PredictionWriter } from './PredictionWriter.js';
export type { ImportOptions } from './importDataset.js';

/**
 * Refuse an existing non-empty file that is not a DuckDB database (magic "DUCK" at byte 8) before
 * DuckDB opens it: DuckDB would otherwise treat a small foreign file as empty and overwrite it.
 */
async function assertWorkspaceFile(file: string): Promise<void> {
  let fh;
  try {
    fh = await open(file, 'r');
  } catch {
    return; // absent: DuckDB creates it (or reports why it cannot)
  }
  try {
    const head = Buffer.alloc(12);
    const { bytesRead } = await fh.read(head, 0, 12, 0);
    if (bytesRead > 0 && (bytesRead < 12 || head.subarray(8, 12).toString('latin1') !== 'DUCK')) {
      throw new WorkbenchError('FILE_UNREADABLE', `${file} is not a Shadowbench workspace (not a DuckDB database file); choose a .duckdb workspace or a new file name.`, { path: file });
    }
  } finally {
    await fh.close();
  }
}

/** DuckDB settings of a workspace. */
export interface WorkspaceOptions {
  /** DuckDB memory_limit; '2GB' by default. Larger work spills to tempDirectory. */
  memoryLimit?: string;
  /** Where DuckDB spills; by default `<file>.tmp` next to the workspace file (a fresh OS temp dir for ':memory:'). */
  tempDirectory?: string;
  threads?: number;
  readOnly?: boolean;
}

/**
 * The DuckDB workspace that keeps everything between sessions: imported datasets (one table each,
 * `sb_row` first), model records, runs with their resume point, metadata, per-row predictions.
 *
 * Connections: `conn` serves reads (metrics, previews); catalogue writes go through one write
 * connection behind a queue; every stream, import and prediction writer gets a connection of its
 * own, so a writer can never end a stream early (DESIGN.md section 8).
 */
export class Workspace {
  private readonly writeQueue = new SerialQueue();
  private readonly queryQueue = new SerialQueue();
  private readonly writers = new Set<DuckDBPredictionWriter>();
  private readonly meta: MetaStore;
  private closed = false;

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    /** The read connection, for metrics queries (SQL). */
    readonly conn: DuckDBConnection,
    private readonly writeConn: DuckDBConnection,
    private readonly queryConn: DuckDBConnection,
    readonly readOnly: boolean,
  ) {
    this.meta = new MetaStore(conn, writeConn, this.writeQueue);
  }

  /** Open or create a workspace file (or ':memory:'). */
  static async create(path: string, opts: WorkspaceOptions = {}): Promise<Workspace> {
    const memory = path === ':memory:';
    const file = memory ? path : resolve(path);
    const temp = opts.tempDirectory ?? (memory ? join(tmpdir(), `shadowbench-duckdb-${process.pid}-${randomBytes(4).toString('hex')}`) : `${file}.tmp`);
    const config: Record<string, string> = { memory_limit: opts.memoryLimit ?? '2GB', temp_directory: temp };
    if (opts.threads !== undefined) config.threads = String(opts.threads);
    if (opts.readOnly) config.access_mode = 'READ_ONLY';
    if (!memory) await assertWorkspaceFile(file);
    let instance: DuckDBInstance;
    try {
      if (!opts.readOnly) mkdirSync(temp, { recursive: true });
      instance = await DuckDBInstance.create(file, config);
    } catch (e) {
      const msg = duckdbMessage(e);
      if (/lock/i.test(msg)) throw new WorkbenchError('UNAVAILABLE', `Workspace ${file} is open in another process; close it there first.`, { path: file, cause: msg });
      if (/no such file|not exist/i.test(msg)) throw new WorkbenchError('FILE_NOT_FOUND', `Workspace ${file} cannot be opened: ${msg}`, { path: file, cause: msg });
      throw new WorkbenchError('FILE_UNREADABLE', `Workspace ${file} cannot be opened (is it a Shadowbench workspace?): ${msg}`, { path: file, cause: msg });
    }
    const conn = await instance.connect();
    const writeConn = await instance.connect();
    const queryConn = await instance.connect();
    const ws = new Workspace(file, instance, conn, writeConn, queryConn, opts.readOnly ?? false);
    try {
      if (!ws.readOnly) await ws.initCatalog();
    } catch (e) {
      await ws.close();
      throw wrapError(e, 'FILE_UNREADABLE', `Workspace ${file} cannot be initialised`, { path: file });
    }
    return ws;
  }

  private async initCatalog(): Promise<void> {
    for (const ddl of CATALOG_DDL) await this.writeConn.run(ddl);
    // Staging tables of imports a crash interrupted.
    const r = await this.writeConn.runAndReadAll(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND table_name LIKE 'sb\\_import\\_%' ESCAPE '\\'`);
    for (const [name] of r.getRows()) await this.writeConn.run(`DROP TABLE IF EXISTS ${quoteIdent(String(name))}`);
  }

  /** Close every connection, roll back uncommitted predictions, and release the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const w of [...this.writers]) await w.close().catch(() => undefined);
    await this.writeQueue.run(async () => undefined);
    await this.queryQueue.run(async () => undefined);
    for (const c of [this.conn, this.writeConn, this.queryConn]) c.closeSync();
    this.instance.closeSync();
  }

  // ---- datasets ----

  /** Import a Parquet, Arrow IPC (file or stream) or CSV file as a new dataset table. */
  async importDataset(file: string, opts: ImportOptions = {}): Promise<DatasetInfo> {
    this.assertWritable('import a dataset');
    return importDataset({ instance: this.instance, writeConn: this.writeConn, writeQueue: this.writeQueue }, file, opts);
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return this.meta.listDatasets();
  }

  /** The dataset `id`, or NOT_FOUND. */
  getDataset(id: string): Promise<DatasetInfo> {
    return this.meta.getDataset(id);
  }

  /** Rows [offset, offset+limit) of a dataset in file order (sb_row not shown). */
  async preview(id: string, opts: { limit?: number; offset?: number } = {}): Promise<RowPage> {
    const ds = await this.getDataset(id);
    const limit = Math.min(Math.max(0, Math.floor(opts.limit ?? 50)), 10_000);
    const offset = Math.max(0, Math.floor(opts.offset ?? 0));
    const r = await this.conn.runAndReadAll(
      `SELECT * EXCLUDE (sb_row) FROM ${quoteIdent(ds.id)} WHERE sb_row >= ${offset} AND sb_row < ${offset + limit} ORDER BY sb_row`,
    );
    return pageOf(r, offset, ds.rows);
  }

  // ---- models, runs, metadata ----

  /** Record a model; the latest record per role is the current one, earlier ones stay as history. */
  async saveModel(m: ModelInfo): Promise<void> {
    this.assertWritable('save a model');
    return this.meta.saveModel(m);
  }

  /** The current model of each role (production first). */
  listModels(): Promise<ModelInfo[]> {
    return this.meta.listModels();
  }

  /** Every model record ever saved, oldest first. */
  listModelHistory(): Promise<(ModelInfo & { savedAt: string })[]> {
    return this.meta.listModelHistory();
  }

  async createRun(r: RunInfo): Promise<void> {
    this.assertWritable('create a run');
    return this.meta.createRun(r);
  }

  async updateRun(id: string, patch: Partial<RunInfo>): Promise<void> {
    this.assertWritable('update a run');
    return this.meta.updateRun(id, patch);
  }

  /** The run `id` (rowsDone is the last committed resume point), or NOT_FOUND. */
  getRun(id: string): Promise<RunInfo> {
    return this.meta.getRun(id);
  }

  listRuns(): Promise<RunInfo[]> {
    return this.meta.listRuns();
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    this.assertWritable('save settings');
    return this.meta.setMeta(key, value);
  }

  getMeta<T>(key: string): Promise<T | null> {
    return this.meta.getMeta<T>(key);
  }

  // ---- replay I/O ----

  /** Stream columns of a dataset in insertion (file) order, starting at row `fromRow`, as typed arrays. */
  async *streamColumns(datasetId: string, specs: ColumnRequest[], opts: { chunkRows: number; fromRow?: number; signal?: AbortSignal }): AsyncIterable<ColumnChunk> {
    const ds = await this.getDataset(datasetId);
    yield* streamColumns(this.instance, ds, specs, opts);
  }

  /** A writer for the predictions of run `runId` (which must exist); see PredictionWriter. */
  async openPredictionWriter(runId: string, opts: { noise?: boolean } = {}): Promise<PredictionWriter> {
    this.assertWritable('write predictions');
    await this.getRun(runId);
    const w = await DuckDBPredictionWriter.create(this.instance, this.predictionsTable(runId), runId, opts.noise ?? false);
    this.writers.add(w);
    const close = w.close.bind(w);
    w.close = async () => {
      this.writers.delete(w);
      await close();
    };
    return w;
  }

  /** Name of the predictions table of a run: pred_<runId sanitised>, columns row_id BIGINT, production DOUBLE, candidate DOUBLE, noise DOUBLE (NULL unless the noise floor ran). */
  predictionsTable(runId: string): string {
    return `pred_${sanitizeName(runId, 'run', 200)}`;
  }

  /** Read-only SQL (a single SELECT/WITH/DESCRIBE/SHOW/SUMMARIZE/EXPLAIN statement; anything else is BAD_ARGUMENT), paged. `count` adds the total row count. */
  query(sql: string, opts: { limit?: number; offset?: number; count?: boolean } = {}): Promise<RowPage> {
    return this.queryQueue.run(() => readOnlyQuery(this.queryConn, sql, opts));
  }

  private assertWritable(what: string): void {
    if (this.closed) throw new WorkbenchError('UNAVAILABLE', `Cannot ${what}: the workspace ${this.path} is closed.`, { path: this.path });
    if (this.readOnly) throw new WorkbenchError('BAD_ARGUMENT', `Cannot ${what}: the workspace ${this.path} was opened read-only.`, { path: this.path });
  }
}
