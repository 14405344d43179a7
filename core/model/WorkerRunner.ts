import type { Worker } from 'node:worker_threads';
import { WorkbenchError, type ErrorCode, type ModelSignature } from '../contract/index.js';
import { closedError } from './InProcessRunner.js';
import type { ModelRunner, RunCallOptions } from './ModelRunner.js';
import type { SessionThreads } from './OrtSession.js';
import { planRun } from './planRun.js';
import { startWorker } from './startWorker.js';
import type { ModelFile } from './readModel.js';
import type { FromWorker, ToWorker, WireError, WorkerInit } from './runnerWorker.js';
import { transferList, type Tensor } from './tensor.js';

/** The inference worker (runnerWorker.js, or .ts under tsx) beside this module. */
function startRunnerWorker(workerData: WorkerInit): Worker {
  return startWorker(import.meta.url, 'runnerWorker', workerData);
}

interface Pending { resolve(v: Record<string, Tensor>): void; reject(e: Error): void }

function fromWire(e: WireError): WorkbenchError {
  return new WorkbenchError(e.code as ErrorCode, e.message, e.details);
}

/** A runner whose session lives in its own worker thread; run() never blocks the calling thread. */
export class WorkerRunner implements ModelRunner {
  readonly inWorker = true;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closing: Promise<void> | null = null;
  private dead: WorkbenchError | null = null;

  private constructor(readonly file: ModelFile, private readonly worker: Worker, readonly loadMs: number) {
    worker.on('message', (msg: FromWorker) => this.onMessage(msg));
    worker.on('error', (e) => this.fail(`the inference worker crashed: ${e.message.split('\n')[0]}`));
    worker.on('exit', (code) => this.fail(`the inference worker exited (code ${code})`));
    worker.unref();
  }

  /** Starts the worker and waits until its session is loaded (BAD_MODEL if onnxruntime refuses the model). */
  static async create(file: ModelFile, threads: SessionThreads): Promise<WorkerRunner> {
    const init: WorkerInit = { bytes: file.runnableBytes, path: file.path, threads };
    const worker = startRunnerWorker(init);
    let onExit = (_code: number): void => {};
    let onError = (_e: Error): void => {};
    let onMessage = (_msg: FromWorker): void => {};
    const loadMs = await new Promise<number>((resolve, reject) => {
      onExit = (code) => reject(new WorkbenchError('INTERNAL',
        `The inference worker for ${file.name} exited (code ${code}) before loading the model.`, { path: file.path }));
      onError = (e) => reject(new WorkbenchError('INTERNAL',
        `The inference worker for ${file.name} failed to start: ${e.message.split('\n')[0]}`, { path: file.path }));
      onMessage = (msg) => {
        if (msg.type === 'ready') resolve(msg.loadMs);
        else if (msg.type === 'init-failed') reject(fromWire(msg.error));
        else reject(new WorkbenchError('INTERNAL', `Unexpected message from the inference worker: ${msg.type}`));
      };
      worker.on('exit', onExit).on('error', onError).on('message', onMessage);
    }).finally(() => {
      // Only our own listeners: Worker keeps internal ones (removeAllListeners breaks message delivery).
      worker.off('exit', onExit).off('error', onError).off('message', onMessage);
    }).catch(async (e: unknown) => {
      await worker.terminate();
      throw e;
    });
    return new WorkerRunner(file, worker, loadMs);
  }

  get signature(): ModelSignature { return this.file.signature; }

  run(feeds: Record<string, Tensor>, outputs: string[], opts: RunCallOptions = {}): Promise<Record<string, Tensor>> {
    if (this.closing) return Promise.reject(closedError(this.file));
    if (this.dead) return Promise.reject(this.dead);
    let fetches;
    try {
      fetches = planRun(this.file.signature, this.file.name, feeds, outputs);
    } catch (e) {
      return Promise.reject(e);
    }
    const id = this.nextId++;
    const msg: ToWorker = { type: 'run', id, feeds, fetches };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      try {
        try {
          this.worker.postMessage(msg, opts.transfer === false ? [] : transferList(Object.values(feeds)));
        } catch {
          this.worker.postMessage(msg); // untransferable buffers (e.g. Node's Buffer pool): copy them
        }
      } catch (e) {
        this.settle(id);
        reject(new WorkbenchError('INFERENCE_FAILED',
          `Model ${this.file.name}: the feeds cannot be sent to the inference worker (${(e as Error).message.split('\n')[0]}).`,
          { path: this.file.path }));
      }
    });
  }

  private settle(id: number): Pending | undefined {
    const p = this.pending.get(id);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
    return p;
  }

  private onMessage(msg: FromWorker): void {
    if (msg.type === 'result') this.settle(msg.id)?.resolve(msg.outputs);
    else if (msg.type === 'failed') this.settle(msg.id)?.reject(fromWire(msg.error));
  }

  private fail(why: string): void {
    if (this.closing) return;
    this.dead = new WorkbenchError('INFERENCE_FAILED', `Model ${this.file.name}: ${why}. Open the model again.`, { path: this.file.path });
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(this.dead);
  }

  /** Lets queued runs finish, releases the session, then terminates the worker. */
  close(): Promise<void> {
    if (!this.closing) this.closing = this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    if (!this.dead) {
      await new Promise<void>((resolve) => {
        this.worker.ref();
        this.worker.on('message', (m: FromWorker) => { if (m.type === 'closed') resolve(); });
        this.worker.once('exit', () => resolve());
        this.worker.postMessage({ type: 'close', id: this.nextId++ } satisfies ToWorker);
      });
    }
    await this.worker.terminate();
    for (const id of [...this.pending.keys()]) this.settle(id)?.reject(closedError(this.file));
  }
}
