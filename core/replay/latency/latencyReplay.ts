import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { WorkbenchError, type ModelRole } from '../../contract/index.js';
import type { ColumnChunk, Workspace } from '../../data/Workspace.js';
import type { ModelFile } from '../../model/index.js';
import { layoutFor } from '../buildFeeds.js';
import type { ReplayPlan } from '../resolveMap.js';
import { seededCoin } from './abbaOrder.js';
import { histogramSummary } from './histogramSummary.js';
import type { LatencyClock, LatencyOptions, LatencyResult, LatencyTarget, ModelLatency, ThreadSettings } from './latencyTypes.js';
import { assessBusy, calibrate, latencyEnvironment } from './machineCheck.js';
import { LatencyCallError, measureLoop, type LoopSamples } from './measureLoop.js';
import { checkPositive, rateSchedule, timestampSchedule, type OpenSchedule } from './openSchedule.js';
import { onnxruntimeVersion, OrtLatencySession } from './ortLatencySession.js';
import { RequestRows, readTimestampsMs } from './requestRows.js';
import { systemClock } from './systemClock.js';

export type { LatencyOptions, LatencyResult } from './latencyTypes.js';

/** Defaults of a latency replay (the seed is the metrics' default bootstrap seed). */
export const LATENCY_DEFAULTS = { requests: 2000, warmup: 100, batch: 1, mode: 'closed', seed: 20261125, segment: 200 } as const;

function checkCount(value: number, flag: string, min: number): void {
  if (!(Number.isInteger(value) && value >= min)) {
    throw new WorkbenchError('BAD_ARGUMENT', `${flag} must be a whole number of at least ${min}, got ${String(value)}.`, { flag, value });
  }
}

/** Refuses bad options with BAD_ARGUMENT naming the CLI flag. */
export function checkLatencyOptions(opts: LatencyOptions): void {
  checkCount(opts.requests, '--latency-requests', 1);
  checkCount(opts.warmup, 'warmup', 0);
  checkCount(opts.batch, '--latency-batch', 1);
  if (opts.segment !== undefined) checkCount(opts.segment, 'segment', 1);
  checkPositive(opts.rate, '--rate', 'requests per second');
  checkPositive(opts.speed, '--speed', 'times real time');
  for (const [k, v] of [['intraOpNumThreads', opts.intraOpNumThreads], ['interOpNumThreads', opts.interOpNumThreads]] as const) {
    if (v !== undefined) checkCount(v, k, 1);
  }
  if (opts.mode !== 'closed' && opts.mode !== 'open') throw new WorkbenchError('BAD_ARGUMENT', `Latency mode must be "closed" or "open", got ${String(opts.mode)}.`, { mode: opts.mode });
  if (opts.rate !== undefined && opts.speed !== undefined) {
    throw new WorkbenchError('BAD_ARGUMENT', 'Give either --rate (a fixed rate) or --speed (the recorded timestamps, sped up), not both.', { rate: opts.rate, speed: opts.speed });
  }
  if (opts.mode === 'closed' && (opts.rate !== undefined || opts.speed !== undefined)) {
    throw new WorkbenchError('BAD_ARGUMENT', '--rate and --speed pace an open-loop replay; the closed loop sends requests back to back. Use the open mode with them.', { rate: opts.rate, speed: opts.speed });
  }
}

function us(ns: Float64Array): Float64Array {
  const out = new Float64Array(ns.length);
  for (let i = 0; i < ns.length; i++) out[i] = ns[i]! / 1000;
  return out;
}

function modelLatency(role: ModelRole, file: ModelFile, loadMs: number, s: LoopSamples, open: boolean): ModelLatency {
  const m: ModelLatency = {
    role, model: { path: file.path, name: file.name, sha256: file.sha256 }, loadMs,
    coldStartUs: s.coldRunNs / 1000, coldStartE2eUs: s.coldE2eNs / 1000,
    runUs: us(s.runNs), e2eUs: us(s.e2eNs), serviceUs: us(s.serviceNs),
    warmupRunUs: us(s.warmupRunNs), warmupE2eUs: us(s.warmupE2eNs),
    histogram: { run: histogramSummary(s.runNs), e2e: histogramSummary(s.e2eNs) },
  };
  if (open && s.sendDelayNs) {
    let late = 0, max = 0;
    for (const d of s.sendDelayNs) { if (d > 1e6) late++; if (d > max) max = d; }
    m.open = {
      intendedRate: s.intendedSpanNs > 0 ? s.spanGaps / (s.intendedSpanNs / 1e9) : null,
      achievedRate: s.sentSpanNs > 0 ? s.spanGaps / (s.sentSpanNs / 1e9) : null,
      lateSends: late, maxSendDelayUs: max / 1000,
    };
  }
  return m;
}

async function openSchedule(ws: Workspace, plan: ReplayPlan, datasetId: string, rows: RequestRows, opts: LatencyOptions): Promise<OpenSchedule> {
  if (opts.rate !== undefined) return rateSchedule(opts.requests, opts.rate);
  const column = plan.map.timestamp;
  if (!column) {
    throw new WorkbenchError('BAD_ARGUMENT', 'An open-loop latency replay needs a pace: give --rate N (requests per second), or map the timestamp column to replay the recorded times (with --speed).', {});
  }
  const ts = await readTimestampsMs(ws, datasetId, column, rows.rows);
  const perRequest = new Float64Array(opts.requests);
  for (let i = 0; i < opts.requests; i++) perRequest[i] = ts[rows.firstRow(opts.warmup + i)] ?? NaN;
  return timestampSchedule(perRequest, opts.speed ?? 1);
}

/**
 * Latency replay: both models, in this process, on the same requests (one row, or `batch` rows,
 * from the start of the dataset, wrapping round when it is smaller), in ABBA blocks whose opener a
 * seeded coin picks, after one cold-start call and `warmup` warm-up requests per model that are
 * reported apart. Run-only time is measured around `session.run()` only; end to end adds the tensor
 * build and the output read (and, in the open loop, the wait from the intended send time).
 * A failing request stops the replay with INFERENCE_FAILED naming the model and the dataset row.
 * `deps.clock` and `deps.targets` exist for tests.
 */
export async function latencyReplay(
  ws: Workspace, plan: ReplayPlan, files: { production: ModelFile; candidate: ModelFile }, datasetId: string, opts: LatencyOptions,
  deps: { clock?: LatencyClock; targets?: Record<ModelRole, LatencyTarget<ColumnChunk>>; calibrationRuns?: number } = {},
): Promise<LatencyResult> {
  checkLatencyOptions(opts);
  const t0 = performance.now();
  const startedAt = new Date().toISOString();
  const cores = os.cpus().length;
  const loadBefore = os.loadavg()[0]!;
  const calBefore = calibrate(deps.calibrationRuns);
  const threads: ThreadSettings = {
    intraOpNumThreads: opts.intraOpNumThreads ?? 1, interOpNumThreads: opts.interOpNumThreads ?? 1,
    executionProviders: ['cpu'], graphOptimizationLevel: 'all (onnxruntime default)', inProcess: true,
  };
  const layout = layoutFor(plan);
  const rows = await RequestRows.read(ws, datasetId, layout.requests, (opts.warmup + opts.requests) * opts.batch, opts.batch, opts.signal);
  const schedule = opts.mode === 'open' ? await openSchedule(ws, plan, datasetId, rows, opts) : undefined;

  const coin = seededCoin(opts.seed ^ 0x10ad);
  const loadOrder: ModelRole[] = coin() ? ['candidate', 'production'] : ['production', 'candidate'];
  const sessions: Partial<Record<ModelRole, OrtLatencySession>> = {};
  const loadMs: Record<ModelRole, number> = { production: NaN, candidate: NaN };
  const failed = (role: ModelRole, what: string, request: number, dataIndex: number, e: unknown): WorkbenchError => {
    const rowId = rows.rowIds[rows.firstRow(dataIndex)]!;
    const reason = e instanceof Error ? e.message : String(e);
    const span = opts.batch > 1 ? ` (a batch of ${opts.batch} rows starting at dataset row ${rowId})` : ` (dataset row ${rowId})`;
    return new WorkbenchError('INFERENCE_FAILED',
      `The ${role} model failed on ${what} ${request}${span}: ${reason} The latency replay stopped and recorded nothing; check that row against the model's inputs (or the map) and run again.`,
      { role, rowId, request, phase: what, reason, ...(WorkbenchError.is(e) ? e.details : {}) });
  };
  try {
    let targets = deps.targets;
    if (!targets) {
      for (const role of loadOrder) {
        const s = await OrtLatencySession.create(files[role], threads);
        sessions[role] = s;
        loadMs[role] = s.loadMs;
      }
      const first = rows.chunk(0);
      const made = {} as Record<ModelRole, LatencyTarget<ColumnChunk>>;
      for (const role of ['production', 'candidate'] as const) {
        let fetch: string;
        try {
          fetch = sessions[role]!.check(plan[role], first, layout);
        } catch (e) {
          throw failed(role, 'request', 0, 0, e);
        }
        made[role] = sessions[role]!.target(role, plan[role], layout, fetch) as LatencyTarget<ColumnChunk>;
      }
      targets = made;
    }
    const loop = await measureLoop(targets, (r) => rows.chunk(r), deps.clock ?? systemClock, {
      requests: opts.requests, warmup: opts.warmup, mode: opts.mode, intendedNs: schedule?.intendedNs,
      segment: opts.segment ?? LATENCY_DEFAULTS.segment, seed: opts.seed, signal: opts.signal, onProgress: opts.onProgress,
    }).catch((e: unknown) => {
      if (e instanceof LatencyCallError) throw failed(e.role, e.phase === 'measured' ? 'request' : `${e.phase} request`, e.request, e.dataIndex, e.cause);
      throw e;
    });
    const open = opts.mode === 'open';
    const requestRowIds = new Float64Array(opts.requests);
    for (let i = 0; i < opts.requests; i++) requestRowIds[i] = rows.rowIds[rows.firstRow(opts.warmup + i)]!;
    const calAfter = calibrate(deps.calibrationRuns);
    return {
      mode: opts.mode, requests: opts.requests, warmup: opts.warmup, batch: opts.batch, seed: opts.seed, datasetId,
      requestRowIds, rowsRead: rows.rows,
      production: modelLatency('production', files.production, loadMs.production, loop.production, open),
      candidate: modelLatency('candidate', files.candidate, loadMs.candidate, loop.candidate, open),
      order: loop.order, blockFirst: loop.blockFirst, loadOrder, threads,
      ...(schedule ? {
        schedule: {
          source: schedule.source, ...(opts.rate !== undefined ? { rate: opts.rate } : { speed: opts.speed ?? 1 }),
          segment: opts.segment ?? LATENCY_DEFAULTS.segment, intendedRate: schedule.intendedRate, gapsReplaced: schedule.gapsReplaced,
        },
      } : {}),
      busy: assessBusy(calBefore, calAfter, loadBefore, os.loadavg()[0]!, cores),
      environment: latencyEnvironment(onnxruntimeVersion()),
      startedAt,
      durationMs: performance.now() - t0,
    };
  } finally {
    for (const s of Object.values(sessions)) await s.close().catch(() => undefined);
  }
}
