import type { ModelSignature } from '../contract/index.js';
import { InProcessRunner } from './InProcessRunner.js';
import { readModel, type ModelFile } from './readModel.js';
import type { Tensor } from './tensor.js';
import { WorkerRunner } from './WorkerRunner.js';

export type { Tensor, TensorData } from './tensor.js';
export type { TensorElementType } from '../contract/index.js';

/** How to create a runner. */
export interface RunnerOptions {
  /** Threads inside one operator; 1 by default (fastest for small models on few cores). */
  intraOpNumThreads?: number;
  /** Threads across operators; 1 by default. */
  interOpNumThreads?: number;
  /** Run inference in a worker thread (default) so `session.run()` does not hold the JS thread. */
  inWorker?: boolean;
}

/** Per-call options of `ModelRunner.run`. */
export interface RunCallOptions {
  /**
   * Worker runner only: transfer the feeds' ArrayBuffers to the worker (default true). They are
   * detached afterwards; pass false to copy them instead, e.g. to feed the same arrays to a second model.
   */
  transfer?: boolean;
}

/** A loaded model that runs batches. */
export interface ModelRunner {
  readonly file: ModelFile;
  readonly signature: ModelSignature;
  /** Milliseconds to create the session. */
  readonly loadMs: number;
  /** Whether inference runs in a worker thread. */
  readonly inWorker: boolean;
  /**
   * Run one batch. `outputs` are signature output names (empty: every tensor and ZipMap output); for
   * a ZipMap output the runner returns the float tensor [N, C] that feeds it. Feeds are checked
   * against the signature first (INFERENCE_FAILED naming the input). The worker runner transfers
   * (does not clone) the feeds' ArrayBuffers to the worker, unless `opts.transfer` is false.
   */
  run(feeds: Record<string, Tensor>, outputs: string[], opts?: RunCallOptions): Promise<Record<string, Tensor>>;
  /** Releases the session and, for the worker runner, terminates the worker. Idempotent. */
  close(): Promise<void>;
}

/** Opens a model (a path, or a file already read with readModel) and creates its inference session. */
export async function createModelRunner(fileOrPath: ModelFile | string, opts: RunnerOptions = {}): Promise<ModelRunner> {
  const file = typeof fileOrPath === 'string' ? await readModel(fileOrPath) : fileOrPath;
  const threads = { intraOpNumThreads: opts.intraOpNumThreads ?? 1, interOpNumThreads: opts.interOpNumThreads ?? 1 };
  return (opts.inWorker ?? true) ? WorkerRunner.create(file, threads) : InProcessRunner.create(file, threads);
}
