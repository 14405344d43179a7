import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { WorkbenchError } from '../contract/index.js';
import type { Fetch } from './planRun.js';
import type { Tensor, TensorData } from './tensor.js';

/** Session threading options (see RunnerOptions). */
export interface SessionThreads {
  intraOpNumThreads: number;
  interOpNumThreads: number;
}

/**
 * The first line of an error's message, without "Error:" prefixes, stack frames or onnxruntime's
 * source locations ("/onnxruntime_src/...reshape_helper.h:84 onnxruntime::ReshapeHelper::ReshapeHelper(...)").
 */
export function errorText(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return raw.split('\n')[0]
    .replace(/^(Error:\s*)+/, '')
    .replace(/\/onnxruntime_src\/\S+:\d+\s+(?:[\w:~<>]+\([^)]*\)\s*(?:const\s*)?)?/g, '')
    .trim().replace(/\.+$/, '') || 'unknown error';
}

/**
 * One onnxruntime-node inference session. Used directly by the in-process runner and inside the
 * worker of the worker runner; it does no validation of its own (see planRun).
 */
export class OrtSession {
  private constructor(private readonly session: ort.InferenceSession, readonly path: string, readonly loadMs: number) {}

  /** Creates the session from the runnable bytes; BAD_MODEL with onnxruntime's words when it refuses. */
  static async create(bytes: Uint8Array, path: string, threads: SessionThreads): Promise<OrtSession> {
    const t0 = performance.now();
    try {
      const session = await ort.InferenceSession.create(bytes, {
        executionProviders: ['cpu'],
        intraOpNumThreads: threads.intraOpNumThreads,
        interOpNumThreads: threads.interOpNumThreads,
        logSeverityLevel: 3,
      });
      return new OrtSession(session, path, performance.now() - t0);
    } catch (e) {
      throw new WorkbenchError('BAD_MODEL',
        `onnxruntime cannot load ${path}: ${errorText(e)}. Check that the file is a complete ONNX model with opsets onnxruntime supports.`,
        { path, reason: errorText(e) });
    }
  }

  /** Runs one batch; outputs are keyed by the caller's names. INFERENCE_FAILED wraps onnxruntime errors. */
  async run(feeds: Record<string, Tensor>, fetches: Fetch[]): Promise<Record<string, Tensor>> {
    const ortFeeds: Record<string, ort.Tensor> = {};
    for (const [name, t] of Object.entries(feeds)) {
      // onnxruntime-node refuses views on a SharedArrayBuffer ("Invalid argument"): copy those.
      const data = ArrayBuffer.isView(t.data) && !(t.data.buffer instanceof ArrayBuffer) ? t.data.slice() : t.data;
      ortFeeds[name] = new ort.Tensor(t.type as ort.Tensor.Type, data as ort.Tensor.DataType, t.dims);
    }
    const names = [...new Set(fetches.map(([, f]) => f))];
    let results: ort.InferenceSession.ReturnType;
    try {
      results = await this.session.run(ortFeeds, names, { logSeverityLevel: 4 }); // errors are reported, not logged
    } catch (e) {
      throw new WorkbenchError('INFERENCE_FAILED',
        `Model ${this.path}: onnxruntime failed to run the batch: ${errorText(e)}. Check the column mapping against the model's inputs.`,
        { path: this.path, reason: errorText(e) });
    }
    const out: Record<string, Tensor> = {};
    for (const [key, fetch] of fetches) {
      const r = results[fetch];
      out[key] = { type: r.type as Tensor['type'], data: r.data as TensorData, dims: [...r.dims] };
    }
    return out;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}
