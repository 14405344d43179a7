/**
 * Worker-thread entry of WorkerRunner: owns one OrtSession and answers run/close messages in order.
 * Loaded as runnerWorker.ts under tsx (tests) and as runnerWorker.js from dist/ (production).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { WorkbenchError } from '../contract/index.js';
import { errorText, OrtSession, type SessionThreads } from './OrtSession.js';
import type { Fetch } from './planRun.js';
import { transferList, type Tensor } from './tensor.js';

/** Data the worker starts with. */
export interface WorkerInit { bytes: Uint8Array; path: string; threads: SessionThreads }
/** Messages to the worker. */
export type ToWorker =
  | { type: 'run'; id: number; feeds: Record<string, Tensor>; fetches: Fetch[] }
  | { type: 'close'; id: number };
/** Serialised error. */
export interface WireError { code: string; message: string; details: Record<string, unknown> }
/** Messages from the worker. */
export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'init-failed'; error: WireError }
  | { type: 'result'; id: number; outputs: Record<string, Tensor> }
  | { type: 'failed'; id: number; error: WireError }
  | { type: 'closed'; id: number };

function toWire(e: unknown): WireError {
  if (WorkbenchError.is(e)) return { code: e.code, message: e.message, details: e.details };
  return { code: 'INFERENCE_FAILED', message: `Inference worker error: ${errorText(e)}`, details: {} };
}

function post(msg: FromWorker, transfer: ArrayBuffer[] = []): void {
  try {
    parentPort!.postMessage(msg, transfer);
  } catch {
    parentPort!.postMessage(msg); // some buffers (e.g. external memory) cannot be transferred: copy them
  }
}

async function main(): Promise<void> {
  const init = workerData as WorkerInit;
  let session: OrtSession;
  try {
    session = await OrtSession.create(init.bytes, init.path, init.threads);
  } catch (e) {
    post({ type: 'init-failed', error: toWire(e) });
    return;
  }
  post({ type: 'ready', loadMs: session.loadMs });
  let queue = Promise.resolve();
  parentPort!.on('message', (msg: ToWorker) => {
    queue = queue.then(async () => {
      if (msg.type === 'close') {
        await session.close().catch(() => undefined);
        post({ type: 'closed', id: msg.id });
        parentPort!.close();
        return;
      }
      try {
        const outputs = await session.run(msg.feeds, msg.fetches);
        post({ type: 'result', id: msg.id, outputs }, transferList(Object.values(outputs)));
      } catch (e) {
        post({ type: 'failed', id: msg.id, error: toWire(e) });
      }
    });
  });
}

void main();
