/** Worker entry of overTimeInWorker: computes overTimeOfFrame on the frame it was given and posts the records back. */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../../contract/index.js';
import type { MetricFrame } from '../frame.js';
import { overTimeOfFrame, type OverTimeOptions } from './computeOverTime.js';

const { frame, opts } = workerData as { frame: MetricFrame; opts: OverTimeOptions };
try {
  parentPort!.postMessage({ records: overTimeOfFrame(frame, opts) });
} catch (e) {
  const err = WorkbenchError.is(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
  parentPort!.postMessage({ error: err });
}
