import { performance } from 'node:perf_hooks';
import { WorkbenchError } from '../contract/index.js';
import { consecutiveFrom, placeByRow } from '../data/streamColumns.js';
import type { ExtraArray, ExtraColumn, Workspace } from '../data/Workspace.js';
import type { ModelRunner, Tensor } from '../model/ModelRunner.js';
import { buildAllFeeds, extractScores, layoutFor } from './buildFeeds.js';
import type { ModelPlan, ReplayPlan } from './resolveMap.js';

export interface ReplayProgress {
  stage: 'replay';
  done: number;
  total: number;
  /** Rows per second since this replay started (resumed rows excluded). */
  rate: number;
  etaSeconds: number | null;
}

export interface BatchReplayOptions {
  runId: string;
  datasetId: string;
  /** Rows in the dataset (for progress). */
  totalRows: number;
  chunkRows?: number;
  /** Commit (the resume point) at most this often; the last chunk is always committed. Default 1000 ms. */
  commitEveryMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: ReplayProgress) => void;
  /**
   * Arrays indexed by dataset row number that receive every written score as well (-0 as +0; the
   * noise score NaN where not finite, as the metrics read it), so the metrics need not read back
   * what was just written.
   */
  collect?: {
    production: Float64Array; candidate: Float64Array; noise?: Float64Array;
    /** SQL over the dataset read in the same scan as the features, each value placed into `into` by row number (the metrics' label, groups, time). */
    columns?: (ExtraColumn & { into: ExtraArray })[];
  };
}

export interface ReplayRunners {
  production: ModelRunner;
  candidate: ModelRunner;
  /** A second session of the production model, for the noise floor. */
  noise?: ModelRunner;
}

/** What the replay saw, for the report's data and process sections. */
export interface ReplayStats {
  rowsScored: number;
  /** Rows already committed before this call (a resumed run). */
  rowsResumed: number;
  chunks: number;
  /** NULL/NaN feature values met, per column (after the cast the model needs). */
  missingByColumn: Record<string, number>;
  /** Rows whose score came back NaN, per model. */
  nanScores: { production: number; candidate: number; noise?: number };
  /**
   * Milliseconds the replay loop spent in or waiting on each stage (inference overlaps reading and
   * writing, so inferMs is only the wait left over); modelMs is the models' own time: from handing a
   * chunk to the workers until both scored it.
   */
  timings: { readMs: number; buildMs: number; inferMs: number; writeMs: number; totalMs: number; modelMs?: number };
}

function countNaN(a: Float64Array): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) c++;
  return c;
}

/** into[rowIds[i]] = src[i] + 0 (-0 as +0), or NaN where `finiteOnly` and src[i] is not finite. */
function scatterScores(into: Float64Array, src: Float64Array, rowIds: Float64Array, rows: number, first: number, finiteOnly = false): void {
  if (first >= 0) {
    const dst = into.subarray(first, first + rows);
    if (finiteOnly) for (let i = 0; i < rows; i++) { const v = src[i]!; dst[i] = Number.isFinite(v) ? v + 0 : NaN; }
    else for (let i = 0; i < rows; i++) dst[i] = src[i]! + 0;
  } else if (finiteOnly) {
    for (let i = 0; i < rows; i++) { const v = src[i]!; into[rowIds[i]!] = Number.isFinite(v) ? v + 0 : NaN; }
  } else {
    for (let i = 0; i < rows; i++) into[rowIds[i]!] = src[i]! + 0;
  }
}

async function score(runner: ModelRunner, plan: ModelPlan, feeds: Record<string, Tensor>, rows: number, firstRow: number): Promise<Float64Array> {
  try {
    const out = await runner.run(feeds, [plan.scoreOutput]);
    return extractScores(plan, out[plan.scoreOutput], rows);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    throw new WorkbenchError('INFERENCE_FAILED', `The ${plan.role} model failed on the batch starting at row ${firstRow}: ${msg}`, {
      role: plan.role, firstRow, ...(WorkbenchError.is(e) ? e.details : {}),
    });
  }
}

/**
 * Streams the dataset from the workspace in chunks, scores every chunk with both models (and the
 * noise-floor session) on the same rows, and appends the scores to the run's predictions table,
 * committing after each chunk so that a crash or a cancel resumes from the last committed chunk.
 */
export async function batchReplay(ws: Workspace, plan: ReplayPlan, runners: ReplayRunners, opts: BatchReplayOptions): Promise<ReplayStats> {
  const chunkRows = opts.chunkRows ?? 65536;
  const layout = layoutFor(plan, { matrices: true });
  const writer = await ws.openPredictionWriter(opts.runId, { noise: !!runners.noise });
  const stats: ReplayStats = {
    rowsScored: 0, rowsResumed: 0, chunks: 0, missingByColumn: {},
    nanScores: { production: 0, candidate: 0, ...(runners.noise ? { noise: 0 } : {}) },
    timings: { readMs: 0, buildMs: 0, inferMs: 0, writeMs: 0, totalMs: 0, modelMs: 0 },
  };
  const t0 = performance.now();
  const commitEvery = opts.commitEveryMs ?? 1000;
  let lastCommit = t0;
  try {
    const fromRow = await writer.committedRows();
    stats.rowsResumed = fromRow;
    let done = fromRow;
    const extra = opts.collect?.columns ?? [];
    const it = ws.streamColumns(opts.datasetId, layout.requests, {
      chunkRows, fromRow, signal: opts.signal, matrices: layout.matrices, ...(extra.length ? { extras: extra.map(({ sql, as }) => ({ sql, as })) } : {}),
    })[Symbol.asyncIterator]();
    // Two chunks in flight: while the models score chunk i+1 in their workers, chunk i's scores are
    // written here, and DuckDB reads chunk i+2 on its own thread.
    type Scored = { rows: number; rowIds: Float64Array; first: number; scores: Promise<[Float64Array, Float64Array, Float64Array | undefined]> };
    let inFlight: Scored | null = null;
    // A commit runs on DuckDB's thread while the loop goes on: scores that arrive meanwhile wait in
    // `backlog` (the writer's connection is busy) and are appended once it is over, before the next one.
    let committing: Promise<void> | null = null, committed = false;
    const backlog: [Float64Array, Float64Array, Float64Array, Float64Array | undefined][] = [];
    const settleCommit = async () => {
      if (committing) { await committing; committing = null; }
      for (const b of backlog.splice(0)) await writer.append(...b);
    };
    const startCommit = (rowsDone: number) => {
      committed = false;
      committing = writer.commit(rowsDone).then(() => { committed = true; });
      committing.catch(() => undefined); // awaited by settleCommit
    };
    const finish = async (job: Scored) => {
      let t = performance.now();
      const [p, c, n] = await job.scores;
      stats.timings.inferMs += performance.now() - t;
      stats.nanScores.production += countNaN(p);
      stats.nanScores.candidate += countNaN(c);
      if (n) stats.nanScores.noise = (stats.nanScores.noise ?? 0) + countNaN(n);
      const keep = opts.collect;
      if (keep) {
        scatterScores(keep.production, p, job.rowIds, job.rows, job.first);
        scatterScores(keep.candidate, c, job.rowIds, job.rows, job.first);
        if (keep.noise && n) scatterScores(keep.noise, n, job.rowIds, job.rows, job.first, true);
      }
      t = performance.now();
      if (committing && committed) await settleCommit();
      if (committing) backlog.push([job.rowIds, p, c, n]);
      else await writer.append(job.rowIds, p, c, n);
      done += job.rows;
      if (done >= opts.totalRows || performance.now() - lastCommit >= commitEvery) {
        await settleCommit();
        startCommit(done);
        lastCommit = performance.now();
      }
      stats.timings.writeMs += performance.now() - t;
      stats.rowsScored += job.rows;
      stats.chunks++;
      const elapsed = (performance.now() - t0) / 1000;
      const rate = elapsed > 0 ? stats.rowsScored / elapsed : 0;
      opts.onProgress?.({ stage: 'replay', done, total: opts.totalRows, rate, etaSeconds: rate > 0 ? Math.max(0, (opts.totalRows - done) / rate) : null });
    };
    try {
      let next = it.next();
      for (;;) {
        let t = performance.now();
        const r = await next;
        stats.timings.readMs += performance.now() - t;
        if (r.done) break;
        if (opts.signal?.aborted) break;
        const chunk = r.value;
        t = performance.now();
        const rows = chunk.rows;
        const rowIds = chunk.rowIds.slice(0, rows);
        const firstRow = rows ? rowIds[0] : done;
        const first = consecutiveFrom(rowIds, rows); // the usual case: one block copy per column below
        extra.forEach((x, j) => placeByRow(x.into, chunk.extras![j]!, rowIds, rows, first));
        const counted = new Set<string>(); // a column read twice (per-column and in a matrix, or as two types) counts once
        const count = (column: string, nulls: number) => {
          if (counted.has(column)) return;
          counted.add(column);
          if (nulls) stats.missingByColumn[column] = (stats.missingByColumn[column] ?? 0) + nulls;
        };
        layout.requests.forEach((req, i) => count(req.column, chunk.columns[i]!.nulls));
        layout.matrices.forEach((m, i) => m.columns.forEach((c, j) => count(c, chunk.matrices![i]!.nulls[j]!)));
        const [pFeeds, cFeeds, nFeeds] = buildAllFeeds(runners.noise ? [plan.production, plan.candidate, plan.production] : [plan.production, plan.candidate], chunk, layout);
        stats.timings.buildMs += performance.now() - t;
        t = performance.now();
        next = it.next(); // read the next chunk while the models run (DuckDB scans ahead on its threads; the copy-out runs here, between awaits)
        stats.timings.readMs += performance.now() - t;
        const scores = Promise.all([
          score(runners.production, plan.production, pFeeds!, rows, firstRow),
          score(runners.candidate, plan.candidate, cFeeds!, rows, firstRow),
          runners.noise && nFeeds ? score(runners.noise, plan.production, nFeeds, rows, firstRow) : Promise.resolve(undefined),
        ]);
        const sent = performance.now();
        scores.then(() => { stats.timings.modelMs! += performance.now() - sent; }, () => undefined); // awaited in finish(); a failure there is the one reported
        const previous: Scored | null = inFlight;
        inFlight = { rows, rowIds, first, scores };
        if (previous) await finish(previous);
      }
      if (inFlight && !opts.signal?.aborted) {
        const last: Scored = inFlight;
        inFlight = null;
        await finish(last);
      }
      const tc = performance.now();
      await settleCommit(); // the last commit
      stats.timings.writeMs += performance.now() - tc;
    } finally {
      // A chunk still in flight (cancel or failure) is never written: its rows are scored again on resume.
      if (inFlight) await (inFlight as Scored).scores.catch(() => undefined);
      await (committing as Promise<void> | null)?.catch(() => undefined);
      await it.return?.(undefined)?.catch(() => undefined); // closes the read's connection when the loop ended early
    }
    if (opts.signal?.aborted) {
      await settleCommit();
      await writer.commit(done);
      throw new WorkbenchError('CANCELLED', `Replay cancelled after ${done.toLocaleString('en-US')} rows; the rows committed so far are kept and the run can be resumed.`, { rowsDone: done });
    }
    if (done < opts.totalRows) {
      throw new WorkbenchError('INTERNAL', `Replay read ${done.toLocaleString('en-US')} of ${opts.totalRows.toLocaleString('en-US')} rows; the stream ended early. The rows committed are kept; run again to resume.`, { rowsDone: done });
    }
  } finally {
    stats.timings.totalMs = performance.now() - t0;
    await writer.close();
  }
  return stats;
}
