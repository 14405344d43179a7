import { WorkbenchError, type ModelSignature } from '../contract/index.js';
import type { ModelRunner } from './ModelRunner.js';
import { OrtSession, type SessionThreads } from './OrtSession.js';
import { planRun } from './planRun.js';
import type { ModelFile } from './readModel.js';
import type { Tensor } from './tensor.js';

/** A runner that calls onnxruntime on the calling thread (for latency measurements). */
export class InProcessRunner implements ModelRunner {
  readonly inWorker = false;
  private closed = false;

  private constructor(readonly file: ModelFile, private readonly session: OrtSession) {}

  static async create(file: ModelFile, threads: SessionThreads): Promise<InProcessRunner> {
    return new InProcessRunner(file, await OrtSession.create(file.runnableBytes, file.path, threads));
  }

  get signature(): ModelSignature { return this.file.signature; }
  get loadMs(): number { return this.session.loadMs; }

  async run(feeds: Record<string, Tensor>, outputs: string[]): Promise<Record<string, Tensor>> {
    if (this.closed) throw closedError(this.file);
    const fetches = planRun(this.file.signature, this.file.name, feeds, outputs);
    return this.session.run(feeds, fetches);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.session.close();
  }
}

export function closedError(file: ModelFile): WorkbenchError {
  return new WorkbenchError('INFERENCE_FAILED', `Model ${file.name} was closed; open it again to run it.`, { path: file.path });
}
