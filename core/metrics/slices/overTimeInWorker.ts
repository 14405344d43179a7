import { WorkbenchError, type ErrorCode, type MetricRecord } from '../../contract/index.js';
import { startWorker } from '../../model/startWorker.js';
import type { MetricFrame } from '../frame.js';
import type { OverTimeOptions } from './computeOverTime.js';

/**
 * overTimeOfFrame in a worker thread, so the per-window metrics run on the second core while the
 * caller computes the overall metrics on the same frame. A frame read by loadFrame/loadRunFrame lives
 * in SharedArrayBuffers: the worker reads the same memory, nothing is copied.
 */
export function overTimeInWorker(frame: MetricFrame, opts: OverTimeOptions): Promise<MetricRecord[]> {
  const worker = startWorker(import.meta.url, 'overTimeWorker', { frame, opts });
  return new Promise<MetricRecord[]>((resolve, reject) => {
    worker.once('message', (msg: { records?: MetricRecord[]; error?: { code: string; message: string; details?: Record<string, unknown> } }) => {
      if (msg.records) resolve(msg.records);
      else reject(new WorkbenchError((msg.error?.code ?? 'INTERNAL') as ErrorCode, msg.error?.message ?? 'The time-window worker failed.', msg.error?.details ?? {}));
    });
    worker.once('error', (e) => reject(new WorkbenchError('INTERNAL', `The time-window worker crashed: ${e.message.split('\n')[0]}`)));
    worker.once('exit', (code) => reject(new WorkbenchError('INTERNAL', `The time-window worker exited (code ${code}) before its results.`)));
  }).finally(() => { void worker.terminate(); });
}
