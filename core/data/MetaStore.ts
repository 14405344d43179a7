import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type DatasetInfo, type ModelInfo, type RunInfo } from '../contract/index.js';
import { DATASET_COLUMNS, datasetFromRow } from './catalog.js';
import type { SerialQueue } from './SerialQueue.js';

/** Reads and writes of the catalogue tables (datasets, models, runs, run progress, metadata). */
export class MetaStore {
  constructor(private readonly read: DuckDBConnection, private readonly write: DuckDBConnection, private readonly queue: SerialQueue) {}

  async listDatasets(): Promise<DatasetInfo[]> {
    const r = await this.read.runAndReadAll(`SELECT ${DATASET_COLUMNS} FROM sb_datasets ORDER BY imported_at, id`);
    return r.getRowsJS().map((row) => datasetFromRow(row as unknown[]));
  }

  async getDataset(id: string): Promise<DatasetInfo> {
    const r = await this.read.runAndReadAll(`SELECT ${DATASET_COLUMNS} FROM sb_datasets WHERE id = $1`, [id]);
    const rows = r.getRowsJS();
    if (rows.length === 0) {
      const known = (await this.listDatasets()).map((d) => d.id);
      throw new WorkbenchError('NOT_FOUND', `No dataset "${id}" in this workspace${known.length ? ` (datasets: ${known.join(', ')})` : '; import one first'}.`, { datasetId: id });
    }
    return datasetFromRow(rows[0] as unknown[]);
  }

  saveModel(m: ModelInfo): Promise<void> {
    return this.queue.run(async () => {
      await this.write.run(
        `INSERT INTO sb_models SELECT coalesce(max(seq), 0) + 1, $1, $2, $3 FROM sb_models`,
        [m.role, new Date().toISOString(), JSON.stringify(m)],
      );
    });
  }

  async listModels(): Promise<ModelInfo[]> {
    const r = await this.read.runAndReadAll(
      `SELECT info FROM sb_models WHERE seq IN (SELECT max(seq) FROM sb_models GROUP BY role) ORDER BY role = 'candidate', role`,
    );
    return r.getRows().map(([info]) => JSON.parse(String(info)) as ModelInfo);
  }

  async listModelHistory(): Promise<(ModelInfo & { savedAt: string })[]> {
    const r = await this.read.runAndReadAll(`SELECT saved_at, info FROM sb_models ORDER BY seq`);
    return r.getRows().map(([at, info]) => ({ ...(JSON.parse(String(info)) as ModelInfo), savedAt: String(at) }));
  }

  createRun(run: RunInfo): Promise<void> {
    return this.queue.run(async () => {
      const exists = await this.write.runAndReadAll(`SELECT 1 FROM sb_runs WHERE id = $1`, [run.id]);
      if (exists.currentRowCount > 0) throw new WorkbenchError('BAD_ARGUMENT', `Run ${run.id} already exists; use a new run id.`, { runId: run.id });
      await this.write.run('BEGIN TRANSACTION');
      try {
        await this.write.run(`INSERT INTO sb_runs SELECT coalesce(max(seq), 0) + 1, $1, $2 FROM sb_runs`, [run.id, JSON.stringify(run)]);
        await this.write.run(`INSERT INTO sb_run_progress VALUES ($1, $2)`, [run.id, run.rowsDone ?? 0]);
        await this.write.run('COMMIT');
      } catch (e) {
        await this.write.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  /** Merge `patch` into the run. A rowsDone in the patch moves the resume point too. */
  updateRun(id: string, patch: Partial<RunInfo>): Promise<void> {
    return this.queue.run(async () => {
      const current = await this.getRunWith(this.write, id);
      const next: RunInfo = { ...current, ...patch, id };
      await this.write.run(`UPDATE sb_runs SET info = $1 WHERE id = $2`, [JSON.stringify(next), id]);
      if (patch.rowsDone !== undefined) await this.write.run(`UPDATE sb_run_progress SET rows_done = $1 WHERE run_id = $2`, [patch.rowsDone, id]);
    });
  }

  getRun(id: string): Promise<RunInfo> {
    return this.getRunWith(this.read, id);
  }

  async listRuns(): Promise<RunInfo[]> {
    const r = await this.read.runAndReadAll(
      `SELECT r.info, p.rows_done FROM sb_runs r LEFT JOIN sb_run_progress p ON p.run_id = r.id ORDER BY r.seq`,
    );
    return r.getRows().map(([info, done]) => ({ ...(JSON.parse(String(info)) as RunInfo), rowsDone: Number(done ?? 0) }));
  }

  private async getRunWith(conn: DuckDBConnection, id: string): Promise<RunInfo> {
    const r = await conn.runAndReadAll(
      `SELECT r.info, p.rows_done FROM sb_runs r LEFT JOIN sb_run_progress p ON p.run_id = r.id WHERE r.id = $1`,
      [id],
    );
    const rows = r.getRows();
    if (rows.length === 0) throw new WorkbenchError('NOT_FOUND', `No run "${id}" in this workspace.`, { runId: id });
    return { ...(JSON.parse(String(rows[0][0])) as RunInfo), rowsDone: Number(rows[0][1] ?? 0) };
  }

  setMeta(key: string, value: unknown): Promise<void> {
    return this.queue.run(async () => {
      await this.write.run('BEGIN TRANSACTION');
      try {
        await this.write.run(`DELETE FROM sb_meta WHERE key = $1`, [key]);
        if (value !== undefined) await this.write.run(`INSERT INTO sb_meta VALUES ($1, $2)`, [key, JSON.stringify(value)]);
        await this.write.run('COMMIT');
      } catch (e) {
        await this.write.run('ROLLBACK').catch(() => undefined);
        throw e;
      }
    });
  }

  async getMeta<T>(key: string): Promise<T | null> {
    const r = await this.read.runAndReadAll(`SELECT value FROM sb_meta WHERE key = $1`, [key]);
    const rows = r.getRows();
    return rows.length ? (JSON.parse(String(rows[0][0])) as T) : null;
  }
}
