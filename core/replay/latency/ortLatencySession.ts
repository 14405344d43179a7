import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import { WorkbenchError, type ModelRole } from '../../contract/index.js';
import type { ColumnChunk } from '../../data/Workspace.js';
import { planRun, type ModelFile, type Tensor } from '../../model/index.js';
import { buildFeeds, extractScores, type ColumnLayout } from '../buildFeeds.js';
import type { ModelPlan } from '../resolveMap.js';
import type { LatencyTarget, ThreadSettings } from './latencyTypes.js';

type Feeds = Record<string, ort.Tensor>;
type Outputs = ort.InferenceSession.ReturnType;

function errorText(e: unknown): string {
  const raw = e instanceof Error ? e.message : String(e);
  return raw.split('\n')[0]!.replace(/^(Error:\s*)+/, '').trim() || 'unknown error';
}

/**
 * An onnxruntime session on the calling thread, created with the same options as core/model's
 * OrtSession (cpu provider, the given thread counts, default graph optimisation). The latency
 * replay drives onnxruntime directly so that the run-only time is `session.run()` and nothing
 * else: core/model's runner also builds ort.Tensor wrappers and copies the outputs inside its run().
 */
export class OrtLatencySession {
  private constructor(readonly file: ModelFile, readonly session: ort.InferenceSession, readonly loadMs: number) {}

  static async create(file: ModelFile, threads: ThreadSettings): Promise<OrtLatencySession> {
    const t0 = performance.now();
    try {
      const session = await ort.InferenceSession.create(file.runnableBytes, {
        executionProviders: ['cpu'],
        intraOpNumThreads: threads.intraOpNumThreads,
        interOpNumThreads: threads.interOpNumThreads,
        logSeverityLevel: 3,
      });
      return new OrtLatencySession(file, session, performance.now() - t0);
    } catch (e) {
      throw new WorkbenchError('BAD_MODEL', `onnxruntime cannot load ${file.path}: ${errorText(e)}. Check that the file is a complete ONNX model with opsets onnxruntime supports.`, { path: file.path, reason: errorText(e) });
    }
  }

  /**
   * Checks the model's feeds for one request (names, types, shapes; INFERENCE_FAILED naming the
   * input) and returns the graph output to fetch for the score.
   */
  check(plan: ModelPlan, chunk: ColumnChunk, layout: ColumnLayout): string {
    const feeds: Record<string, Tensor> = buildFeeds(plan, chunk, layout);
    const fetches = planRun(this.file.signature, this.file.name, feeds, [plan.scoreOutput]);
    return fetches[0]![1];
  }

  /** The measurement target: build = buildFeeds + ort.Tensor wrappers, run = session.run, read = extractScores. */
  target(role: ModelRole, plan: ModelPlan, layout: ColumnLayout, fetch: string): LatencyTarget<ColumnChunk, Feeds, Outputs> & { checksum: number } {
    const session = this.session;
    const names = [fetch];
    const t = {
      role,
      checksum: 0,
      build(chunk: ColumnChunk): Feeds {
        const feeds = buildFeeds(plan, chunk, layout);
        const out: Feeds = {};
        for (const name in feeds) {
          const x = feeds[name]!;
          out[name] = new ort.Tensor(x.type as ort.Tensor.Type, x.data as ort.Tensor.DataType, x.dims);
        }
        return out;
      },
      run(feeds: Feeds): Promise<Outputs> {
        return session.run(feeds, names);
      },
      read(out: Outputs): void {
        const r = out[fetch]!;
        const scores = extractScores(plan, { type: r.type as Tensor['type'], data: r.data as Tensor['data'], dims: r.dims as number[] }, r.dims[0] ?? 1);
        t.checksum += scores[0]!;
      },
    };
    return t;
  }

  async close(): Promise<void> {
    await this.session.release();
  }
}

/** The ONNX Runtime version in use. */
export function onnxruntimeVersion(): string {
  return ort.env.versions?.node ?? ort.env.versions?.common ?? 'unknown';
}
