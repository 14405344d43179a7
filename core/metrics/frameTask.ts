import type { Curve } from '../contract/api.js';
import { WorkbenchError, type ErrorCode, type MetricRecord } from '../contract/index.js';
import { startWorker } from '../model/startWorker.js';
import type { MetricOptions } from './computeMetrics.js';
import type { MetricFrame } from './frame.js';
import type { OverTimeOptions } from './slices/computeOverTime.js';

type Message = { sorted?: true; result?: unknown; error?: { code: string; message: string; details?: Record<string, unknown> } };

/**
 * Runs a metrics task on `frame` in a worker thread, so the calling thread stays free (progress,
 * cancel, the UI's server) and two tasks can use both cores. A frame read by loadFrame/loadRunFrame
 * lives in SharedArrayBuffers: the worker reads the same memory, nothing is copied. `cancel`
 * terminates the worker (the promise then rejects with CANCELLED).
 */
function frameTask<T>(task: 'overall' | 'windows', frame: MetricFrame, opts: unknown, hooks: { onSorted?: () => void; signal?: AbortSignal } = {}): Promise<T> {
  const worker = startWorker(import.meta.url, 'frameWorker', { task, frame, opts });
  const what = task === 'overall' ? 'metrics' : 'time-window';
  let onAbort = () => {};
  return new Promise<T>((resolve, reject) => {
    onAbort = () => reject(new WorkbenchError('CANCELLED', `The ${what} computation was cancelled.`));
    if (hooks.signal?.aborted) onAbort();
    hooks.signal?.addEventListener('abort', onAbort);
    worker.on('message', (msg: Message) => {
      if (msg.sorted) hooks.onSorted?.();
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

/** metricsOfFrame in a worker thread; `onSorted` as its afterSort (called here when the worker's sorts are over). */
export function metricsInWorker(frame: MetricFrame, opts: MetricOptions, hooks: { onSorted?: () => void; signal?: AbortSignal } = {}): Promise<{ metrics: MetricRecord[]; curves: Curve[] }> {
  return frameTask('overall', frame, opts, hooks);
}

/** overTimeOfFrame in a worker thread. */
export function overTimeInWorker(frame: MetricFrame, opts: OverTimeOptions, hooks: { signal?: AbortSignal } = {}): Promise<MetricRecord[]> {
  return frameTask('windows', frame, opts, hooks);
}
