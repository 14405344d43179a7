import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { Curve } from '../contract/api.js';
import {
  type ColumnMap, type DatasetInfo, type MetricRecord, type ModelInfo, type ModelRole, type RunInfo, type StageProgress, WorkbenchError,
} from '../contract/index.js';
import type { Workspace } from '../data/Workspace.js';
import { metricsOfFrame } from '../metrics/computeMetrics.js';
import { loadFrame, loadRunFrame, runFrameColumns, shared, type FrameColumn, type KeySpec, type MetricFrame, type RunFrameSource } from '../metrics/frame.js';
import { sharedRelation } from '../metrics/sharedRelation.js';
import { nonInferiority } from '../metrics/nonInferiority.js';
import { createModelRunner, type ModelRunner } from '../model/ModelRunner.js';
import { type ModelFile, readModel } from '../model/readModel.js';
import { batchReplay, type ReplayProgress, type ReplayStats } from '../replay/batchReplay.js';
import { type LatencyOptions, latencyReplay } from '../replay/latency/latencyReplay.js';
import { latencyMetrics } from '../metrics/latency/latencyMetrics.js';
import { computeDrift } from '../metrics/drift/computeDrift.js';
import { computeMulticlassMetrics, computeRegressionMetrics } from '../metrics/tasks/index.js';
import { computeSlices, overTimeOfFrame } from '../metrics/slices/index.js';
import { metricsInWorkers, overTimeInWorker } from '../metrics/frameTask.js';
import { latencySummary, type LatencySummary } from '../metrics/latency/latencySummary.js';
import { latencyCurves } from '../metrics/latency/latencyCurves.js';
import { labelExpr, metricsRelation, q } from '../replay/metricsRelation.js';
import { type DatasetProbe, type ReplayPlan, resolveMap } from '../replay/resolveMap.js';
import { sha256File } from '../data/fileFacts.js';

export interface ComparisonArgs {
  workspace: Workspace;
  production: string;
  candidate: string;
  /** A dataset file to import, or the id of a dataset already in the workspace. */
  data: { path: string } | { datasetId: string };
  map?: ColumnMap;
  chunkRows?: number;
  /** Replay production a second time (second session) for the noise floor. */
  noiseFloor?: boolean;
  /** Re-score even when a finished run with the same inputs exists. */
  fresh?: boolean;
  bootstrap?: { B: number; seed: number };
  signal?: AbortSignal;
  onProgress?: (p: ReplayProgress | StageProgress) => void;
  onLog?: (message: string) => void;
  /** Non-inferiority margin on the paired deltas (default 0.01 on unit-free metrics). */
  margin?: number;
  /** Columns to slice every outcome metric by (categorical values, or quantile bins of numeric columns). */
  slices?: string[];
  /** Metrics per time window when a timestamp is mapped (default true). */
  overTime?: boolean;
  /** A reference dataset (training data, an earlier window) to measure input drift against. */
  reference?: { path: string } | { datasetId: string };
  /** Also measure latency (single requests, interleaved, after the batch replay). */
  latency?: Omit<LatencyOptions, 'signal' | 'onProgress' | 'batch'> & { batch?: number };
  /** Called once the run exists in the workspace (before replay starts). */
  onRunCreated?: (run: RunInfo) => void;
  /** Rows from which the binary metrics run in worker threads (default WORKER_ROWS). */
  workerRows?: number;
}

export interface ComparisonResult {
  run: RunInfo;
  models: Record<ModelRole, ModelInfo>;
  dataset: DatasetInfo;
  plan: ReplayPlan;
  /** Null when the predictions of an earlier identical run were reused. */
  stats: ReplayStats | null;
  metrics: MetricRecord[];
  bootstrap: { B: number; seed: number };
  /** Chart data (ROC, PR, calibration, score histograms) for binary tasks. */
  curves: Curve[];
  /** The reference dataset, when drift was measured. */
  reference: DatasetInfo | null;
  /** The latency replay's summary (no raw samples), when it ran. */
  latency: LatencySummary | null;
}

export const DEFAULT_BOOTSTRAP = { B: 1000, seed: 20261125 };

function modelInfo(role: ModelRole, f: ModelFile, loadMs?: number): ModelInfo {
  return { role, path: f.path, name: f.name, sha256: f.sha256, sizeBytes: f.sizeBytes, signature: f.signature, ...(loadMs !== undefined ? { loadMs } : {}) };
}

/** Imports the dataset unless the workspace already holds a file with the same sha256. */
export async function ensureDataset(ws: Workspace, data: ComparisonArgs['data'], opts: Pick<ComparisonArgs, 'signal' | 'onProgress' | 'onLog'>): Promise<DatasetInfo> {
  if ('datasetId' in data) return ws.getDataset(data.datasetId);
  // Hash only when a dataset of the same path and size is already there (the import hashes as it reads).
  const size = await stat(data.path).then((s) => s.size, () => -1);
  const candidates = (await ws.listDatasets()).filter((d) => d.path === data.path && d.sizeBytes === size);
  if (candidates.length) {
    const sha = await sha256File(data.path);
    const existing = candidates.find((d) => d.sha256 === sha);
    // A dataset whose kept file is gone or damaged is not reused: the file is imported afresh.
    const usable = existing && await ws.getDataset(existing.id).then(() => true, (e: unknown) => {
      opts.onLog?.(`Dataset ${existing.id} in the workspace cannot be read (${WorkbenchError.is(e) ? e.message : String(e)}); importing ${data.path} again.`);
      return false;
    });
    if (existing && usable) {
      opts.onLog?.(`Dataset ${data.path} is already in the workspace as ${existing.id} (same sha256); using it.`);
      return existing;
    }
  }
  const t0 = Date.now();
  return ws.importDataset(data.path, {
    signal: opts.signal,
    onProgress: (done, total) => {
      const secs = (Date.now() - t0) / 1000;
      const rate = secs > 0 ? done / secs : 0;
      opts.onProgress?.({ stage: 'import', done, total: total ?? 0, rate, etaSeconds: total && rate ? (total - done) / rate : null });
    },
  });
}

/** Stable id of a run from everything that determines its predictions. */
export function runIdFor(models: Record<ModelRole, ModelInfo>, dataset: DatasetInfo, plan: ReplayPlan, noise: boolean): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([models.production.sha256, models.candidate.sha256, dataset.sha256, plan.production, plan.candidate, noise]));
  return 'run_' + h.digest('hex').slice(0, 12);
}

/** What map resolution needs to know about a dataset in the workspace: its schema and distinct values. */
export function datasetProbe(ws: Workspace, dataset: DatasetInfo): DatasetProbe {
  return {
    info: dataset,
    distinct: async (column, limit) => {
      const r = await ws.conn.runAndReadAll(`SELECT DISTINCT ${q(column)} AS v FROM ${q(dataset.id)} WHERE ${q(column)} IS NOT NULL ORDER BY 1 LIMIT ${limit}`);
      return r.getRowObjects().map((o) => o.v);
    },
  };
}

/** The median number of rows per recorded request (rows sharing the request column's value). */
export async function recordedBatchSize(ws: Workspace, dataset: DatasetInfo, column: string): Promise<number> {
  const r = await ws.conn.runAndReadAll(`SELECT CAST(quantile_disc(n, 0.5) AS INTEGER) AS m FROM (SELECT count(*) AS n FROM ${q(dataset.id)} WHERE ${q(column)} IS NOT NULL GROUP BY ${q(column)})`);
  return Math.max(1, Number(r.getRowObjects()[0]?.m ?? 1));
}

/** Input drift (reference vs traffic, per mapped input column, also per time window) and score shift (candidate vs production on the same rows). */
async function driftRecords(ws: Workspace, plan: ReplayPlan, dataset: DatasetInfo, reference: DatasetInfo, relation: string, args: ComparisonArgs): Promise<MetricRecord[]> {
  args.onProgress?.(steps('drift', 0, 1));
  const columns = [...new Set([...plan.production.inputs, ...plan.candidate.inputs].flatMap((i) => i.columns))];
  const missing = columns.filter((c) => !reference.columns.some((r) => r.name === c));
  if (missing.length) {
    throw new WorkbenchError('BAD_DATASET', `Reference dataset ${reference.name} lacks the model input column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')}; drift needs the same columns in both.`, { columns: missing, dataset: reference.name });
  }
  const records = await computeDrift(ws.conn, q(reference.id), q(dataset.id), columns.map((name) => ({ name })), {
    ...(plan.map.timestamp ? { time: { column: q(plan.map.timestamp), window: 'auto' as const } } : {}),
  });
  // Per-window PSI gets its own id, so that a criterion such as `drift.psi max < 0.25` reads the columns' overall PSI.
  for (const r of records) if (r.id === 'drift.psi' && r.group?.window) r.id = 'drift.psi_window';
  const scores = await computeDrift(ws.conn, `(SELECT p_production AS score FROM ${relation})`, `(SELECT p_candidate AS score FROM ${relation})`, [{ name: 'score', kind: 'numeric' }], { correction: 'none' });
  for (const r of scores) {
    if (!r.group) continue; // the per-run share is about input columns only
    records.push({ ...r, id: r.id.replace(/^drift\./, 'drift.score_shift.'), model: 'delta', group: { scores: 'candidate vs production' } });
  }
  args.onProgress?.(steps('drift', 1, 1));
  return records;
}

/** A progress event counting steps. */
const steps = (stage: string, done: number, total: number): StageProgress => ({ stage, done, total, rate: 0, etaSeconds: done >= total ? 0 : null, unit: 'steps' });

/** Rows from which binaryMetrics computes in worker threads (below, a worker's start-up costs more than it saves). */
export const WORKER_ROWS = 200_000;

/** What binaryMetrics needs about the run. */
interface BinaryRun {
  plan: ReplayPlan;
  dataset: DatasetInfo;
  runId: string;
  /** The predictions joined to the data (metricsRelation). */
  relation: string;
  noise: boolean;
  /** The replay's scores by row number, when it scored every row just now. */
  scores?: { production: Float64Array; candidate: Float64Array; noise?: Float64Array };
  /** The whole frame, when the replay also read the label, groups and time as it scored every row. */
  frame?: MetricFrame;
  slices: string[];
  bootstrap: { B: number; seed: number };
}

const overTimeOf = (plan: ReplayPlan, args: ComparisonArgs): boolean => !!plan.map.timestamp && args.overTime !== false;
const frameKeys = (plan: ReplayPlan): KeySpec[] => plan.map.sensitive.map((s) => ({ name: s, expr: `CAST(__r.${q(s)} AS VARCHAR)` }));

/** Where a run's frame is read from: its predictions, or `scores` when the replay collected them. */
function runFrameSource(ws: Workspace, plan: ReplayPlan, dataset: DatasetInfo, runId: string, noise: boolean, overTime: boolean, scores?: RunFrameSource['scores']): RunFrameSource {
  return {
    predictions: q(ws.predictionsTable(runId)), dataset: q(dataset.id), rows: dataset.rows, y: labelExpr(plan.map, dataset.columns, '__r'),
    keys: frameKeys(plan), noise, ...(overTime ? { time: `__r.${q(plan.map.timestamp!)}` } : {}), ...(scores ? { scores } : {}),
  };
}

/**
 * Every binary metric of a run from one in-memory frame: the scores the replay collected (or the
 * predictions read back by row number), the label, groups and time read in one scan of the data.
 * From WORKER_ROWS rows on, the overall and the per-window metrics run in two worker threads.
 */
async function binaryMetrics(ws: Workspace, r: BinaryRun, args: ComparisonArgs): Promise<{ metrics: MetricRecord[]; curves: Curve[] }> {
  const { plan, dataset, bootstrap } = r;
  const overTime = overTimeOf(plan, args);
  // Progress in steps: in workers the counting half, each model's rank work, then the windows; here, the whole, then the windows.
  const inWorkers = dataset.rows >= (args.workerRows ?? WORKER_ROWS); // the frame has the dataset's rows
  const total = (inWorkers ? 3 : 1) + (overTime ? 1 : 0);
  let done = 0;
  const step = () => {
    if (done >= total) return;
    done++; // not inside the optional call below: without onProgress its arguments are never evaluated
    args.onProgress?.(steps('metrics', done, total));
  };
  args.onProgress?.(steps('metrics', 0, total));
  const frame = r.frame
    ?? await loadRunFrame(ws.conn, runFrameSource(ws, plan, dataset, r.runId, r.noise, overTime, r.scores))
    ?? await loadFrame(ws.conn, r.relation, { keys: frameKeys(plan), time: overTime, expectedRows: dataset.rows, columns: plan.map.sensitive });
  await ws.releaseMemory(); // DuckDB's cached scan blocks are not needed while the metrics are computed in JS
  const overallOpts = { threshold: plan.map.threshold, sensitive: plan.map.sensitive, bootstrap };
  const windowOpts = { threshold: plan.map.threshold, window: 'auto' as const, bootstrap };
  let metrics: MetricRecord[], curves: Curve[];
  let windows: Promise<MetricRecord[]> | null = null;
  if (inWorkers) {
    // In worker threads on the shared frame: this thread stays free (progress, cancel, the UI's
    // server). The rank and the counting halves of the overall metrics run at once; the windows
    // start when the first half is over, so two workers share the two cores.
    const startWindows = () => {
      windows = overTimeInWorker(frame, windowOpts, { signal: args.signal });
      windows.catch(() => undefined); // awaited below
    };
    ({ metrics, curves } = await metricsInWorkers(frame, overallOpts, { signal: args.signal, onStep: step, ...(overTime ? { onHalfDone: startWindows } : {}) }));
    if (overTime && !windows) startWindows(); // guard
  } else {
    ({ metrics, curves } = metricsOfFrame(frame, overallOpts));
    step();
  }
  metrics.push(...nonInferiority(metrics, { ...(args.margin !== undefined ? { margin: args.margin } : {}) }));
  if (r.slices.length) {
    args.onProgress?.(steps('slices', 0, 1));
    // Slices query the relation several times (bins, distinct values): the join is materialised once for them.
    const shared = await sharedRelation(ws.conn, r.relation);
    try {
      metrics.push(...await computeSlices(ws.conn, shared.name, r.slices, { threshold: plan.map.threshold, bootstrap, overall: metrics }));
    } finally {
      await shared.drop();
    }
  }
  if (overTime) {
    args.onProgress?.(steps('time windows', 0, 1));
    metrics.push(...(windows ? await windows : overTimeOfFrame(frame, windowOpts)));
  }
  while (done < total) step(); // the windows, and any model step that did not come (no labelled rows)
  return { metrics, curves };
}

/**
 * The validation spine: open both models, import the traffic, resolve the column map, replay the
 * traffic through both models into the workspace (resuming an interrupted run), compute metrics.
 */
export async function runComparison(args: ComparisonArgs): Promise<ComparisonResult> {
  const ws = args.workspace;
  const log = args.onLog ?? (() => {});
  const [productionFile, candidateFile] = await Promise.all([readModel(args.production), readModel(args.candidate)]);
  const files = { production: productionFile, candidate: candidateFile };
  // Both model workers start and load their sessions at once, while the traffic is imported.
  const opening = Promise.allSettled([createModelRunner(files.production), createModelRunner(files.candidate)]);
  let dataset: DatasetInfo, plan: ReplayPlan;
  try {
    dataset = await ensureDataset(ws, args.data, args);
    if (dataset.rows === 0) throw new WorkbenchError('EMPTY_DATASET', `Dataset ${dataset.path} has no rows; nothing to replay.`, { path: dataset.path });
    plan = await resolveMap(args.map ?? { models: { production: { inputs: {} }, candidate: { inputs: {} } } }, datasetProbe(ws, dataset), { production: files.production.signature, candidate: files.candidate.signature });
  } catch (e) {
    for (const r of await opening) if (r.status === 'fulfilled') await r.value.close().catch(() => undefined);
    throw e;
  }
  const bootstrap = args.bootstrap ?? DEFAULT_BOOTSTRAP;

  const runners: Partial<Record<'production' | 'candidate' | 'noise', ModelRunner>> = {};
  let result: ComparisonResult;
  try {
    const [production, candidate] = await opening;
    if (production.status === 'fulfilled') runners.production = production.value;
    if (candidate.status === 'fulfilled') runners.candidate = candidate.value;
    if (production.status === 'rejected') throw production.reason;
    if (candidate.status === 'rejected') throw candidate.reason;
    const open = { production: production.value, candidate: candidate.value };
    const models = { production: modelInfo('production', files.production, open.production.loadMs), candidate: modelInfo('candidate', files.candidate, open.candidate.loadMs) };
    await ws.saveModel(models.production);
    await ws.saveModel(models.candidate);
    const noise = !!args.noiseFloor;
    const runId = runIdFor(models, dataset, plan, noise);
    let run = await ws.getRun(runId).catch(() => null);
    let stats: ReplayStats | null = null;
    let collected: { production: Float64Array; candidate: Float64Array; noise?: Float64Array } | undefined;
    let frameOf: (() => MetricFrame) | undefined;
    let resumed = false;
    if (run && run.status === 'done' && !args.fresh) {
      args.onRunCreated?.(run);
      log(`Reusing the predictions of run ${runId} (same models, data and map; pass --fresh to score again).`);
    } else {
      if (run) {
        resumed = true;
        log(`Resuming run ${runId} from row ${run.rowsDone.toLocaleString('en-US')}.`);
        await ws.updateRun(runId, { status: 'running', error: undefined });
      } else {
        run = {
          id: runId, datasetId: dataset.id, status: 'running', startedAt: new Date().toISOString(), rowsTotal: dataset.rows, rowsDone: 0,
          map: plan.map, production: { path: models.production.path, sha256: models.production.sha256 }, candidate: { path: models.candidate.path, sha256: models.candidate.sha256 },
        };
        await ws.createRun(run);
      }
      args.onRunCreated?.(await ws.getRun(runId));
      if (noise) runners.noise = await createModelRunner(files.production);
      try {
        // Binary metrics take the scores from here rather than reading back what the replay writes (used when it scores every row).
        let columns: FrameColumn[] | undefined;
        if ((plan.map.task ?? 'binary') === 'binary') {
          collected = { production: shared(Float64Array, dataset.rows), candidate: shared(Float64Array, dataset.rows), ...(noise ? { noise: shared(Float64Array, dataset.rows) } : {}) };
          // A fresh run also reads the label, groups and time in the replay's own scan (not after it), when
          // that SQL cannot fail: no timestamp, or one typed DATE/TIMESTAMP.
          const time = plan.map.timestamp ? dataset.columns.find((c) => c.name === plan.map.timestamp)?.type ?? '' : 'DATE';
          if (!resumed && /^(DATE|TIMESTAMP.*)$/.test(time)) {
            const alongside = await runFrameColumns(ws.conn, { ...runFrameSource(ws, plan, dataset, runId, noise, overTimeOf(plan, args)), scores: collected });
            columns = alongside.columns;
            frameOf = alongside.frame;
          }
        }
        stats = await batchReplay(ws, plan, { production: open.production, candidate: open.candidate, noise: runners.noise }, {
          runId, datasetId: dataset.id, totalRows: dataset.rows, chunkRows: args.chunkRows, signal: args.signal, onProgress: args.onProgress,
          ...(collected ? { collect: { ...collected, ...(columns ? { columns } : {}) } } : {}),
        });
      } catch (e) {
        const status = WorkbenchError.is(e) && e.code === 'CANCELLED' ? 'cancelled' : 'failed';
        const err = WorkbenchError.is(e) ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
        await ws.updateRun(runId, { status, error: err }).catch(() => {});
        throw e;
      }
      await ws.updateRun(runId, { status: 'done', finishedAt: new Date().toISOString(), rowsDone: dataset.rows });
    }
    // The models' workers (sessions, arenas) are not needed by the metrics: their memory goes back first.
    await Promise.all(Object.values(runners).map((r) => r?.close().catch(() => {})));
    run = await ws.getRun(runId);
    const slices = args.slices ?? [];
    for (const c of slices) {
      if (!dataset.columns.some((d) => d.name === c)) throw new WorkbenchError('MAPPING_MISMATCH', `--slice names column "${c}", which dataset ${dataset.name} does not have. Its columns are: ${dataset.columns.map((d) => d.name).join(', ')}.`, { column: c });
    }
    const relation = metricsRelation({
      predictions: ws.predictionsTable(runId), dataset: dataset.id, columns: dataset.columns, map: plan.map,
      extra: slices.filter((c) => !plan.map.sensitive.includes(c)),
    });
    const task = plan.map.task ?? 'binary';
    let metrics: MetricRecord[];
    let curves: Curve[] = [];
    if (task === 'binary') {
      const scores = collected && stats && stats.rowsResumed === 0 && stats.rowsScored === dataset.rows ? collected : undefined;
      const frame = scores && frameOf ? frameOf() : undefined;
      ({ metrics, curves } = await binaryMetrics(ws, { plan, dataset, runId, relation, noise, scores, ...(frame ? { frame } : {}), slices, bootstrap }, args));
    } else {
      args.onProgress?.(steps('metrics', 0, 1)); // binaryMetrics reports its own steps
      metrics = task === 'regression'
        ? await computeRegressionMetrics(ws.conn, relation, { sensitive: plan.map.sensitive, bootstrap })
        : await computeMulticlassMetrics(ws.conn, relation, { classes: (plan.map.classes ?? []).map(String), bootstrap });
      metrics.push(...nonInferiority(metrics, { ...(args.margin !== undefined ? { margin: args.margin } : {}) }));
      args.onProgress?.(steps('metrics', 1, 1));
    }
    const reference = args.reference ? await ensureDataset(ws, args.reference, args) : null;
    if (reference) metrics.push(...await driftRecords(ws, plan, dataset, reference, relation, args));
    result = { run, models, dataset, plan, stats, metrics, curves, bootstrap, latency: null, reference };
  } finally {
    await Promise.all(Object.values(runners).map((r) => r?.close().catch(() => {})));
  }
  if (args.latency) {
    // After the batch replay's workers are gone, so nothing else competes for the cores.
    const total = args.latency.requests + args.latency.warmup;
    const recorded = args.latency.batch === undefined && plan.map.request ? await recordedBatchSize(ws, dataset, plan.map.request) : null;
    if (recorded) log(`Latency replay: batches of ${recorded} rows, the median rows per recorded request ("${plan.map.request}").`);
    const t0 = Date.now();
    const lat = await latencyReplay(ws, plan, files, dataset.id, {
      ...args.latency, batch: args.latency.batch ?? recorded ?? 1, signal: args.signal,
      onProgress: (done, all) => {
        const secs = (Date.now() - t0) / 1000;
        const rate = secs > 0 ? done / secs : 0;
        args.onProgress?.({ stage: 'latency', done, total: all ?? total, rate, etaSeconds: rate ? ((all ?? total) - done) / rate : null });
      },
    });
    result.metrics.push(...latencyMetrics(lat, bootstrap));
    result.latency = latencySummary(lat);
    result.curves.push(...latencyCurves(lat));
  }
  return result;
}
