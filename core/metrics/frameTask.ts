import type { Curve } from '../contract/api.js';
import { WorkbenchError, type ErrorCode, type MetricRecord } from '../contract/index.js';
import { startWorker } from '../model/startWorker.js';
import { assembleMetrics, type MetricOptions, type RankPart, type RowPart } from './computeMetrics.js';
import type { MetricFrame } from './frame.js';
import type { OverTimeOptions } from './slices/computeOverTime.js';

/** A worker's last message (result or error), or on the way a step it has finished (progress). */
type Message = { result?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> }; step?: MetricsStep };

/** The steps of metricsInWorkers: the counting half, and each model's share of the rank half. */
export type MetricsStep = 'counting' | 'production' | 'candidate';

/**
 * Runs a metrics task on `frame` in a worker thread, so the calling thread stays free (progress,
 * cancel, the UI's server) and two tasks can use both cores. A frame read by loadFrame/loadRunFrame
 * lives in SharedArrayBuffers: the worker reads the same memory, nothing is copied. `cancel`
 * terminates the worker (the promise then rejects with CANCELLED).
 */
function frameTask<T>(task: 'rank' | 'rows' | 'windows', frame: MetricFrame, opts: unknown, hooks: { signal?: AbortSignal; onStep?: (s: MetricsStep) => void } = {}): Promise<T> {
  const worker = startWorker(import.meta.url, 'frameWorker', { task, frame, opts });
  const what = task === 'windows' ? 'time-window' : 'metrics';
  let onAbort = () => {};
  return new Promise<T>((resolve, reject) => {
    onAbort = () => reject(new WorkbenchError('CANCELLED', `The ${what} computation was cancelled.`));
    if (hooks.signal?.aborted) onAbort();
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (msg: Message) => {
      if (msg.step) hooks.onStep?.(msg.step);
      else if (msg.error) reject(new WorkbenchError(msg.error.code as ErrorCode, msg.error.message, msg.error.details ?? {}));
      else resolve(msg.result as T);
    });
    worker.once('error', (e) => reject(new WorkbenchError('INTERNAL', `The ${what} worker crashed: ${e.message.split('\n')[0]}`)));
    worker.once('exit', (code) => reject(new WorkbenchError('INTERNAL', `The ${what} worker exited (code ${code}) before its results.`)));
  }).finally(() => {
    hooks.signal?.removeEventListener('abort', onAbort);
    void worker.terminate();
  });
}

/**
 * metricsOfFrame in two worker threads: its rank half (the sorts) and its counting half run at the
 * same time, on the same memory. `onHalfDone` is called when the first half has finished (a core is
 * free then); `onStep` when the counting half, and each model's share of the rank half, are done.
 */
export async function metricsInWorkers(frame: MetricFrame, opts: MetricOptions, hooks: { onHalfDone?: () => void; onStep?: (s: MetricsStep) => void; signal?: AbortSignal } = {}): Promise<{ metrics: MetricRecord[]; curves: Curve[] }> {
  let done = false;
  const half = () => { if (!done) { done = true; hooks.onHalfDone?.(); } };
  // One failing half stops the other; the caller's cancel stops both.
  const stop = new AbortController();
  const abort = () => stop.abort();
  if (hooks.signal?.aborted) abort();
  hooks.signal?.addEventListener('abort', abort);
  const settle = <T>(p: Promise<T>) => p.then((v) => { half(); return v; }, (e: unknown) => { abort(); throw e; });
  try {
    const [r, k] = await Promise.all([
      settle(frameTask<RowPart>('rows', frame, opts, { signal: stop.signal })).then((r) => { hooks.onStep?.('counting'); return r; }),
      settle(frameTask<RankPart>('rank', frame, opts, { signal: stop.signal, ...(hooks.onStep ? { onStep: hooks.onStep } : {}) })),
    ]);
    return assembleMetrics(k, r);
  } finally {
    hooks.signal?.removeEventListener('abort', abort);
  }
}

/** overTimeOfFrame in a worker thread. */
export function overTimeInWorker(frame: MetricFrame, opts: OverTimeOptions, hooks: { signal?: AbortSignal } = {}): Promise<MetricRecord[]> {
  return frameTask('windows', frame, opts, hooks);
}
