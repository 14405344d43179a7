/**
 * Worker entry of frameTask: runs one task on the frame it was given (shared memory, no copy) and
 * posts the result back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../contract/index.js';
import { rankPart, rowPart, type MetricOptions } from './computeMetrics.js';
import type { MetricFrame } from './frame.js';
import { windowPart, type OverTimeOptions, type TimeWindows } from './slices/computeOverTime.js';

type WindowsOpts = { tw: TimeWindows; opts: OverTimeOptions };
const { task, frame, opts } = workerData as { task: 'rank' | 'rows' | 'windows'; frame: MetricFrame; opts: MetricOptions | WindowsOpts };
try {
  const result = task === 'rank'
    ? rankPart(frame, opts as MetricOptions)
    : task === 'rows' ? rowPart(frame, opts as MetricOptions) : windowPart(frame, (opts as WindowsOpts).tw, (opts as WindowsOpts).opts, false);
  parentPort!.postMessage({ result });
} catch (e) {
  const error = WorkbenchError.is(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
  parentPort!.postMessage({ error });
}
