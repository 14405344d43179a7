/**
 * Worker entry of frameTask: runs one task on the frame it was given (shared memory, no copy) and
 * posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../contract/index.js';
import { rankPart, rowPart, type MetricOptions } from './computeMetrics.js';
import type { MetricFrame } from './frame.js';
import { overTimeOfFrame, type OverTimeOptions } from './slices/computeOverTime.js';

const { task, frame, opts } = workerData as { task: 'rank' | 'rows' | 'windows'; frame: MetricFrame; opts: MetricOptions | OverTimeOptions };
try {
  const result = task === 'rank'
    ? rankPart(frame, opts as MetricOptions, (m) => parentPort!.postMessage({ step: m === 0 ? 'production' : 'candidate' })) // progress
    : task === 'rows' ? rowPart(frame, opts as MetricOptions) : overTimeOfFrame(frame, opts as OverTimeOptions);
  parentPort!.postMessage({ result });
} catch (e) {
  const error = WorkbenchError.is(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
  parentPort!.postMessage({ error });
}
