import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type ColumnInfo, type DatasetInfo, type ModelInfo, type RowPage, type RunInfo } from '../contract/index.js';
import { CATALOG_DDL } from './catalog.js';
import { duckdbMessage, wrapError } from './duckdbErrors.js';
import { importDataset, type ImportOptions } from './importDataset.js';
import { brokenViewSql, datasetsDirOf, keptFileError, keptFileProblem, keptPath, parquetSelect, removeOrphans, viewReads, type KeptDataset } from './keptFiles.js';
import { MetaStore } from './MetaStore.js';
import { DuckDBPredictionWriter, type PredictionWriter } from './PredictionWriter.js';
import { readOnlyQuery } from './readOnlyQuery.js';
import { pageOf } from './rowValues.js';
import { SerialQueue } from './SerialQueue.js';
import { quoteIdent, sanitizeName } from './sql.js';
import { streamColumns, type ColumnChunk, type ColumnRequest, type StreamOptions } from './streamColumns.js';

export type { ColumnChunk, ColumnRequest, ExtraArray, ExtraColumn, MatrixRequest, StreamOptions } from './streamColumns.js';
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
  /** DuckDB memory_limit; '1GB' by default (binary metrics run in JS over a frame; DuckDB scans, appends and spills what does not fit to tempDirectory). */
  memoryLimit?: string;
  /** Where DuckDB spills; by default `<file>.tmp` next to the workspace file (a fresh OS temp dir for ':memory:'). */
  tempDirectory?: string;
  threads?: number;
  readOnly?: boolean;
}

/**
 * The DuckDB workspace that keeps everything between sessions: imported datasets (one relation
 * each, named by the dataset id, `sb_row` first), model records, runs with their resume point,
 * metadata, per-row predictions. CSV and Arrow datasets are tables; a Parquet dataset is a view
 * over a read-only copy of its file in the folder `<workspace file>.datasets` beside the workspace
 * (keptFiles.ts), which moves with it: opening the workspace points the views at the folder's
 * current place. An in-memory workspace references the original Parquet file instead.
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
  /** Where Parquet datasets are kept; null for an in-memory workspace. */
  readonly datasetsDir: string | null;
  /** Datasets kept as files: id -> sb_dataset_files.file. */
  private readonly keptFiles = new Map<string, string>();
  /** Datasets whose kept file was unusable when the workspace opened (their views raise this error). */
  private readonly keptProblems = new Map<string, WorkbenchError>();
  /** Statements every new connection runs: temporary views that point a read-only workspace's datasets at their files' current place. */
  private readonly sessionViews: string[] = [];
  private closed = false;
  /** The memory_limit the workspace was opened with. */
  private memoryLimit = '1GB';

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
    this.datasetsDir = datasetsDirOf(path);
  }

  /** Open or create a workspace file (or ':memory:'). */
  static async create(path: string, opts: WorkspaceOptions = {}): Promise<Workspace> {
    const memory = path === ':memory:';
    const file = memory ? path : resolve(path);
    const temp = opts.tempDirectory ?? (memory ? join(tmpdir(), `shadowbench-duckdb-${process.pid}-${randomBytes(4).toString('hex')}`) : `${file}.tmp`);
    const config: Record<string, string> = { memory_limit: opts.memoryLimit ?? '1GB', temp_directory: temp, enable_external_file_cache: 'false' };
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
    ws.memoryLimit = config.memory_limit!;
    try {
      if (!ws.readOnly) await ws.initCatalog();
      await ws.attachKeptFiles();
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

  /**
   * Point the view of every dataset kept as a file at the file's current place (the workspace may
   * have moved). A file that is missing, changed size or does not read gets a view whose every
   * read fails with a message naming the dataset and the file (and getDataset throws it), so the
   * workspace still opens and lists. A writable workspace replaces its views when they differ and
   * removes files no dataset references; a read-only one shadows them with temporary views.
   */
  private async attachKeptFiles(): Promise<void> {
    const has = await this.conn.runAndReadAll(`SELECT 1 FROM duckdb_tables() WHERE table_name = 'sb_dataset_files' AND schema_name = 'main' AND NOT temporary`);
    if (has.currentRowCount === 0) return; // a workspace from before kept files (read-only): tables only
    const r = await this.conn.runAndReadAll(
      `SELECT f.dataset_id, f.file, d.name, d.path, d.size_bytes, d.columns FROM sb_dataset_files f JOIN sb_datasets d ON d.id = f.dataset_id ORDER BY 1`,
    );
    const views = new Map((await this.conn.runAndReadAll(`SELECT view_name, sql FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal AND NOT temporary`))
      .getRows().map(([n, sql]) => [String(n), String(sql)]));
    const kind = this.readOnly ? 'TEMP VIEW' : 'VIEW';
    const run = async (sql: string) => {
      if (this.readOnly) {
        for (const c of [this.conn, this.queryConn]) await c.run(sql);
        this.sessionViews.push(sql);
      } else {
        await this.writeConn.run(sql);
      }
    };
    for (const [id, file, name, path, size, columns] of r.getRows()) {
      const ds: KeptDataset = { id: String(id), name: String(name), path: String(path), sizeBytes: Number(size) };
      const at = keptPath(this.datasetsDir, String(file));
      this.keptFiles.set(ds.id, String(file));
      let problem = await keptFileProblem(ds, at, this.datasetsDir);
      if (!problem) {
        if (viewReads(views.get(ds.id) ?? '', at)) continue;
        try {
          await run(`CREATE OR REPLACE ${kind} ${quoteIdent(ds.id)} AS ${parquetSelect(at)}`);
          continue;
        } catch (e) {
          problem = keptFileError(ds, at, null, `does not read as Parquet (${duckdbMessage(e)})`, 'BAD_DATASET', duckdbMessage(e));
        }
      }
      this.keptProblems.set(ds.id, problem);
      const [full, bare] = brokenViewSql(ds.id, JSON.parse(String(columns)) as ColumnInfo[], problem.message, kind);
      await run(full).catch(() => run(bare));
    }
    if (!this.readOnly && this.datasetsDir !== null) await removeOrphans(this.datasetsDir, new Set(this.keptFiles.values()));
  }

  /** A new connection to the workspace (with a read-only workspace's temporary views). */
  private async connect(): Promise<DuckDBConnection> {
    const c = await this.instance.connect();
    try {
      for (const sql of this.sessionViews) await c.run(sql);
    } catch (e) {
      c.closeSync();
      throw e;
    }
    return c;
  }

  /**
   * Gives DuckDB's cached blocks and allocator caches back to the system (a moment's lower
   * memory_limit, then the configured one again): before work in JS that needs the memory more.
   */
  async releaseMemory(): Promise<void> {
    try {
      await this.conn.run("SET memory_limit = '32MB'");
    } finally {
      await this.conn.run(`SET memory_limit = '${this.memoryLimit.replace(/'/g, "''")}'`);
    }
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

  /** Import a Parquet (kept as a file, read through a view), Arrow IPC (file or stream) or CSV (a table) file as a new dataset. */
  async importDataset(file: string, opts: ImportOptions = {}): Promise<DatasetInfo> {
    this.assertWritable('import a dataset');
    const { info, keptFile } = await importDataset({ instance: this.instance, writeConn: this.writeConn, writeQueue: this.writeQueue, datasetsDir: this.datasetsDir }, file, opts);
    if (keptFile !== null) this.keptFiles.set(info.id, keptFile);
    return info;
  }

  listDatasets(): Promise<DatasetInfo[]> {
    return this.meta.listDatasets();
  }

  /**
   * The dataset `id`, or NOT_FOUND. For a dataset kept as a file, checks the file is there with the
   * size imported: FILE_NOT_FOUND or BAD_DATASET otherwise, naming the dataset and the file.
   */
  async getDataset(id: string): Promise<DatasetInfo> {
    const ds = await this.meta.getDataset(id);
    const problem = this.keptProblems.get(ds.id);
    if (problem) throw problem;
    const file = this.keptFiles.get(ds.id);
    if (file !== undefined) {
      const p = await keptFileProblem(ds, keptPath(this.datasetsDir, file), this.datasetsDir);
      if (p) throw p;
    }
    return ds;
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
  async *streamColumns(datasetId: string, specs: ColumnRequest[], opts: StreamOptions): AsyncIterable<ColumnChunk> {
    const ds = await this.getDataset(datasetId);
    yield* streamColumns(() => this.connect(), ds, specs, opts);
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
