import { WorkbenchError, type ModelRole } from '../../contract/index.js';
import { abbaOrder, seededCoin } from './abbaOrder.js';
import type { LatencyClock, LatencyTarget, OrderEntry } from './latencyTypes.js';

/** Settings of the measurement loop. */
export interface LoopOptions {
  requests: number;
  warmup: number;
  mode: 'closed' | 'open';
  /** Open loop: intended send time of each measured request, ns, relative to any origin (non-decreasing). */
  intendedNs?: Float64Array;
  /** Open loop: requests per episode (default 200). */
  segment?: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** Raw samples of one model, nanoseconds. */
export interface LoopSamples {
  runNs: Float64Array;
  e2eNs: Float64Array;
  serviceNs: Float64Array;
  warmupRunNs: Float64Array;
  warmupE2eNs: Float64Array;
  coldRunNs: number;
  coldE2eNs: number;
  /** Open loop: actual minus intended send time per measured request, and the pacing totals. */
  sendDelayNs?: Float64Array;
  intendedSpanNs: number;
  sentSpanNs: number;
  spanGaps: number;
}

export interface LoopResult {
  production: LoopSamples;
  candidate: LoopSamples;
  order: OrderEntry[];
  blockFirst: ModelRole[];
}

/** A model call failed; latencyReplay turns it into INFERENCE_FAILED naming the dataset row. */
export class LatencyCallError extends Error {
  constructor(readonly role: ModelRole, readonly phase: OrderEntry['phase'], readonly request: number, readonly dataIndex: number, override readonly cause: unknown) {
    super(`${role} model failed on ${phase} request ${request}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

function samples(requests: number, warmup: number, open: boolean): LoopSamples {
  return {
    runNs: new Float64Array(requests), e2eNs: new Float64Array(requests), serviceNs: new Float64Array(requests),
    warmupRunNs: new Float64Array(warmup), warmupE2eNs: new Float64Array(warmup), coldRunNs: NaN, coldE2eNs: NaN,
    ...(open ? { sendDelayNs: new Float64Array(requests) } : {}), intendedSpanNs: 0, sentSpanNs: 0, spanGaps: 0,
  };
}

/**
 * The measurement loop. Each call: t0 | build feeds | t1 | await run | t2 | read outputs | t3;
 * run-only = t2 - t1, end to end = t3 - t0, nothing allocated by the loop between t1 and t2.
 *
 * Order: one cold-start call per model (order drawn by the seed), then warm-up and measured
 * requests in ABBA blocks of two requests (closed loop). Open loop: warm-up as in the closed loop,
 * then the measured requests in segments; each model replays a segment on its own schedule
 * (intended send times shifted to the episode start), the segments in ABBA blocks, and the
 * end-to-end latency is completion minus intended send, so a backlog shows as latency.
 * `input(dataIndex)` gives the rows of a request: cold start 0, warm-up k -> k, measured i -> warmup + i.
 */
export async function measureLoop<I>(targets: Record<ModelRole, LatencyTarget<I>>, input: (dataIndex: number) => I, clock: LatencyClock, opts: LoopOptions): Promise<LoopResult> {
  const { requests, warmup } = opts;
  const open = opts.mode === 'open';
  if (open && (!opts.intendedNs || opts.intendedNs.length !== requests)) throw new RangeError('open loop needs one intended send time per measured request');
  const coin = seededCoin(opts.seed);
  const res: Record<ModelRole, LoopSamples> = { production: samples(requests, warmup, open), candidate: samples(requests, warmup, open) };
  const order: OrderEntry[] = [];
  const total = 2 * (1 + warmup + requests);
  const step = Math.max(1, Math.floor(total / 200));
  let done = 0;

  // Results of the last call, kept outside objects so the loop allocates nothing per call.
  let start = 0, runNs = 0, end = 0;
  const call = async (role: ModelRole, phase: OrderEntry['phase'], request: number, dataIndex: number, rows: I): Promise<void> => {
    const t = targets[role];
    order.push({ model: role, request, phase });
    try {
      const t0 = clock.now();
      const feeds = t.build(rows);
      const t1 = clock.now();
      const out = await t.run(feeds);
      const t2 = clock.now();
      t.read(out);
      const t3 = clock.now();
      start = t0; runNs = t2 - t1; end = t3;
    } catch (e) {
      throw new LatencyCallError(role, phase, request, dataIndex, e);
    }
    if (++done % step === 0 || done === total) opts.onProgress?.(done, total);
  };
  const checkAbort = (what: string) => {
    if (opts.signal?.aborted) throw new WorkbenchError('CANCELLED', `Latency replay cancelled during ${what}; nothing was recorded.`, { done, total });
  };

  const coldFirst: ModelRole = coin() ? 'candidate' : 'production';
  for (const role of [coldFirst, coldFirst === 'production' ? 'candidate' : 'production'] as ModelRole[]) {
    await call(role, 'cold', 0, 0, input(0));
    res[role].coldRunNs = runNs;
    res[role].coldE2eNs = end - start;
  }

  const warm = abbaOrder(warmup, coin);
  for (let k = 0; k < warmup; k++) {
    checkAbort('warm-up');
    const rows = input(k);
    for (const role of warm.order[k]!) {
      await call(role, 'warmup', k, k, rows);
      res[role].warmupRunNs[k] = runNs;
      res[role].warmupE2eNs[k] = end - start;
    }
  }

  if (!open) {
    const measured = abbaOrder(requests, coin);
    for (let i = 0; i < requests; i++) {
      checkAbort('the measured requests');
      const rows = input(warmup + i);
      for (const role of measured.order[i]!) {
        await call(role, 'measured', i, warmup + i, rows);
        const s = res[role];
        s.runNs[i] = runNs;
        s.e2eNs[i] = end - start;
        s.serviceNs[i] = end - start;
      }
    }
    return { ...res, order, blockFirst: measured.blockFirst };
  }

  const intended = opts.intendedNs!;
  const segment = Math.max(1, Math.floor(opts.segment ?? 200));
  const segments = Math.ceil(requests / segment);
  const blocks = abbaOrder(segments, coin);
  for (let g = 0; g < segments; g++) {
    const from = g * segment;
    const to = Math.min(requests, from + segment);
    for (const role of blocks.order[g]!) {
      const s = res[role];
      const base = clock.now();
      const origin = intended[from]!;
      for (let i = from; i < to; i++) {
        checkAbort('the open-loop requests');
        const rows = input(warmup + i);
        const due = base + (intended[i]! - origin);
        if (clock.now() < due) await clock.sleepUntil(due);
        await call(role, 'measured', i, warmup + i, rows);
        s.runNs[i] = runNs;
        s.e2eNs[i] = end - due;
        s.serviceNs[i] = end - start;
        s.sendDelayNs![i] = start - due;
      }
      s.intendedSpanNs += intended[to - 1]! - origin;
      s.sentSpanNs += intended[to - 1]! - origin + s.sendDelayNs![to - 1]!; // the last request's actual send, from the episode start
      s.spanGaps += to - 1 - from;
    }
  }
  return { ...res, order, blockFirst: blocks.blockFirst };
}
