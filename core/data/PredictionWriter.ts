import { BIGINT, DOUBLE, DuckDBDataChunk, type DuckDBAppender, type DuckDBConnection, type DuckDBInstance } from '@duckdb/node-api';
import { WorkbenchError } from '../contract/index.js';
import { wrapError } from './duckdbErrors.js';
import { quoteIdent } from './sql.js';
import { allValidMask, LITTLE_ENDIAN, VECTOR_SIZE, writeFixed, writeValidity } from './vectorIO.js';

/** Appends per-row scores of one run; see Workspace.openPredictionWriter. */
export interface PredictionWriter {
  /** Append scores for `rowIds.length` rows (arrays of equal length). NaN scores are stored as NULL. */
  append(rowIds: Float64Array, production: Float32Array | Float64Array, candidate: Float32Array | Float64Array, noise?: Float32Array | Float64Array): Promise<void>;
  /** Flush appended rows durably and record `rowsDone` on the run in the same transaction (resume point after a crash). */
  commit(rowsDone: number): Promise<void>;
  /** Release the writer. Rows appended since the last commit are discarded (they were never committed). */
  close(): Promise<void>;
  /** Rows already committed for this run (for resume). */
  committedRows(): Promise<number>;
}

/** DDL of a run's predictions table. */
export function predictionsDDL(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} (row_id BIGINT, production DOUBLE, candidate DOUBLE, noise DOUBLE)`;
}

/** The writer connection's temporary table where appended rows wait for the next commit. */
const PENDING = 'sb_pending_predictions';

/**
 * Writes on a connection of its own. Appended rows go through an appender into a temporary
 * in-memory table of that connection (no compression, no disk writes on the caller's thread: about
 * half the appender's cost of the real table); commit() moves them into the predictions table and
 * sets the run's rows_done in one transaction, on DuckDB's thread, so after a crash the table and
 * the resume point agree (the temporary table dies with the process).
 */
export class DuckDBPredictionWriter implements PredictionWriter {
  private appender: DuckDBAppender | null = null;
  private readonly chunk = DuckDBDataChunk.create([BIGINT, DOUBLE, DOUBLE, DOUBLE]);
  private readonly ids = new BigInt64Array(VECTOR_SIZE);
  /** The same bytes as 32-bit words, to write row ids without a BigInt per row. */
  private readonly idWords = new Uint32Array(this.ids.buffer);
  private readonly scores = [new Float64Array(VECTOR_SIZE), new Float64Array(VECTOR_SIZE), new Float64Array(VECTOR_SIZE)];
  private closed = false;

  private constructor(private readonly conn: DuckDBConnection, readonly table: string, readonly runId: string, private readonly noise: boolean) {}

  static async create(instance: DuckDBInstance, table: string, runId: string, noise: boolean): Promise<DuckDBPredictionWriter> {
    const conn = await instance.connect();
    try {
      await conn.run(predictionsDDL(table));
    } catch (e) {
      conn.closeSync();
      throw wrapError(e, 'INTERNAL', `Cannot create the predictions table ${table} for run ${runId}`, { runId, table });
    }
    return new DuckDBPredictionWriter(conn, table, runId, noise);
  }

  async append(rowIds: Float64Array, production: Float32Array | Float64Array, candidate: Float32Array | Float64Array, noise?: Float32Array | Float64Array): Promise<void> {
    this.assertOpen();
    const n = rowIds.length;
    if (production.length !== n || candidate.length !== n || (noise && noise.length !== n)) {
      throw new WorkbenchError('BAD_ARGUMENT', `Prediction arrays differ in length (rowIds ${n}, production ${production.length}, candidate ${candidate.length}${noise ? `, noise ${noise.length}` : ''}).`, { runId: this.runId });
    }
    if (noise && !this.noise) throw new WorkbenchError('BAD_ARGUMENT', `Noise scores given to a writer opened without { noise: true } for run ${this.runId}.`, { runId: this.runId });
    if (!this.appender) {
      await this.conn.run(`CREATE OR REPLACE TEMP TABLE ${PENDING} AS SELECT * FROM ${quoteIdent(this.table)} LIMIT 0`);
      this.appender = await this.conn.createAppender(PENDING);
    }
    const sources = [production, candidate, noise ?? null];
    for (let start = 0; start < n; start += VECTOR_SIZE) {
      const m = Math.min(VECTOR_SIZE, n - start);
      this.chunk.reset();
      this.chunk.rowCount = m;
      // Row ids are non-negative integers below 2^53: written as (low, high) 32-bit words, little-endian as DuckDB's vectors.
      if (LITTLE_ENDIAN) {
        for (let i = 0; i < m; i++) {
          const id = rowIds[start + i]!;
          this.idWords[2 * i] = id >>> 0;
          this.idWords[2 * i + 1] = Math.floor(id / 4294967296);
        }
      } else {
        for (let i = 0; i < m; i++) this.ids[i] = BigInt(rowIds[start + i]!);
      }
      writeFixed(this.chunk, 0, this.ids.subarray(0, m));
      for (let c = 0; c < 3; c++) {
        const src = sources[c];
        const dst = this.scores[c];
        let mask: Uint8Array | null = null;
        if (src === null) {
          mask = new Uint8Array(Math.ceil(m / 64) * 8);
        } else {
          for (let i = 0; i < m; i++) {
            const v = src[start + i];
            dst[i] = v;
            if (v !== v) {
              mask ??= allValidMask(m);
              mask[i >> 3] &= ~(1 << (i & 7));
            }
          }
        }
        writeFixed(this.chunk, c + 1, dst.subarray(0, m));
        if (mask) writeValidity(this.chunk, c + 1, mask);
      }
      this.appender.appendDataChunk(this.chunk);
    }
  }

  async commit(rowsDone: number): Promise<void> {
    this.assertOpen();
    const pending = this.appender !== null;
    try {
      if (this.appender) {
        this.appender.flushSync();
        this.appender.closeSync();
        this.appender = null;
      }
      await this.conn.run('BEGIN TRANSACTION');
      if (pending) await this.conn.run(`INSERT INTO ${quoteIdent(this.table)} SELECT * FROM ${PENDING}`);
      await this.conn.run('UPDATE sb_run_progress SET rows_done = $1 WHERE run_id = $2', [rowsDone, this.runId]);
      await this.conn.run('COMMIT');
    } catch (e) {
      this.appender = null;
      await this.conn.run('ROLLBACK').catch(() => undefined);
      throw wrapError(e, 'INTERNAL', `Cannot commit predictions of run ${this.runId}`, { runId: this.runId });
    } finally {
      if (pending) await this.conn.run(`DROP TABLE IF EXISTS ${PENDING}`).catch(() => undefined);
    }
  }

  async committedRows(): Promise<number> {
    const r = await this.conn.runAndReadAll('SELECT rows_done FROM sb_run_progress WHERE run_id = $1', [this.runId]);
    const rows = r.getRows();
    return rows.length ? Number(rows[0][0]) : 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.appender) {
      this.appender.clear();
      this.appender.closeSync();
      this.appender = null;
    }
    await this.conn.run(`DROP TABLE IF EXISTS ${PENDING}`).catch(() => undefined); // rows never committed
    this.conn.closeSync();
  }

  private assertOpen(): void {
    if (this.closed) throw new WorkbenchError('BAD_ARGUMENT', `The prediction writer of run ${this.runId} is closed.`, { runId: this.runId });
  }
}
