import type { ModelRole } from '../../contract/index.js';

/** Options of a latency replay (see latencyReplay). */
export interface LatencyOptions {
  /** Measured requests per model, after warm-up (default 2000). */
  requests: number;
  /** Warm-up requests per model (default 100): run, interleaved, then discarded and reported apart. */
  warmup: number;
  /** Rows per request (default 1). */
  batch: number;
  /** closed: back-to-back requests; open: requests sent on a schedule (rate, or recorded timestamps at a speed). */
  mode: 'closed' | 'open';
  /** Open loop at a fixed rate, requests per second (> 0). */
  rate?: number;
  /** Open loop from the map's timestamp column, replayed `speed` times faster (> 0; 1 by default). */
  speed?: number;
  /** Seed of the ABBA block order (and of the model load order). */
  seed: number;
  /** Open loop: requests per episode; each model replays each segment on its own schedule (default 200). */
  segment?: number;
  /** onnxruntime threads inside / across operators; 1 and 1 by default (same for both models). */
  intraOpNumThreads?: number;
  interOpNumThreads?: number;
  signal?: AbortSignal;
  /** Model calls done and total (cold starts, warm-up and measured, both models). */
  onProgress?: (done: number, total: number) => void;
}

/** A monotonic clock in nanoseconds (a double) and a precise wait; injectable for tests. */
export interface LatencyClock {
  now(): number;
  /** Resolves at (not before) clock time `ns`. */
  sleepUntil(ns: number): Promise<void>;
}

/**
 * One model as the measurement loop sees it. `I` is a request's input rows (shared by both models
 * of a pair), `F` the model's feeds, `O` its outputs.
 */
export interface LatencyTarget<I = unknown, F = unknown, O = unknown> {
  readonly role: ModelRole;
  /** Builds the model's input tensors from the request's rows (inside the end-to-end time only). */
  build(input: I): F;
  /** The inference call itself: the run-only time is measured around this call and nothing else. */
  run(feeds: F): Promise<O>;
  /** Reads the outputs as a client would (inside the end-to-end time only). */
  read(out: O): void;
}

/** Summary of a perf_hooks (HdrHistogram) histogram, converted to microseconds. */
export interface HistogramSummary {
  count: number;
  min: number;
  max: number;
  mean: number;
  stddev: number;
  /** p50, p90, p95, p99, p999 as the histogram reports them (3 significant figures). */
  percentiles: Record<string, number>;
  /** Significant figures of the histogram (value precision about 10^-figures, relative). */
  figures: number;
}

/** Open-loop pacing as one model achieved it. */
export interface OpenLoopStats {
  /** Requests per second asked for (from the rate or the recorded gaps at the speed). */
  intendedRate: number | null;
  /** Requests per second actually sent (send span of each episode); lower than intended when the model cannot keep up. */
  achievedRate: number | null;
  /** Requests sent more than 1 ms after their intended time (the model or harness was behind). */
  lateSends: number;
  /** Largest delay between intended and actual send, µs. */
  maxSendDelayUs: number;
}

/** What the measurement loop produced for one model. Times in microseconds. */
export interface ModelLatency {
  role: ModelRole;
  model: { path: string; name: string; sha256: string };
  /** Milliseconds to create the inference session. */
  loadMs: number;
  /** The first inference of the fresh session (run-only), µs: the cold start, never in the samples. */
  coldStartUs: number;
  /** The first inference end to end (tensor build + run + output read), µs. */
  coldStartE2eUs: number;
  /** Run-only time of measured request i (around session.run only). */
  runUs: Float64Array;
  /**
   * End to end of measured request i. Closed loop: tensor build + run + output read. Open loop:
   * completion minus the intended send time (coordinated-omission corrected: queueing shows).
   */
  e2eUs: Float64Array;
  /** Tensor build + run + output read of request i, from its actual start (equal to e2eUs in closed loop). */
  serviceUs: Float64Array;
  /** Warm-up requests, run-only and end to end (excluded from every statistic above). */
  warmupRunUs: Float64Array;
  warmupE2eUs: Float64Array;
  /** HdrHistogram view of the measured samples (perf_hooks.createHistogram, ns integers). */
  histogram: { run: HistogramSummary; e2e: HistogramSummary };
  open?: OpenLoopStats;
}

/** One model call in execution order (proves interleaving and warm-up exclusion). */
export interface OrderEntry {
  model: ModelRole;
  /** Request index within its phase. */
  request: number;
  phase: 'cold' | 'warmup' | 'measured';
}

/** Whether the machine looked busy: a fixed calibration loop timed before and after, and the load average. */
export interface BusyCheck {
  busy: boolean;
  /** Calibration loop median, µs, before and after the replay. */
  calibrationBeforeUs: number;
  calibrationAfterUs: number;
  /** Coefficient of variation of the calibration runs (before and after together). */
  calibrationCv: number;
  /** os.loadavg()[0] before and after, and the core count. */
  loadBefore: number;
  loadAfter: number;
  cores: number;
  /** Plain-words reasons when busy (empty otherwise). */
  reasons: string[];
}

/** The machine and settings the numbers were measured on. */
export interface LatencyEnvironment {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  arch: string;
  node: string;
  onnxruntime: string;
  clock: string;
}

/** Session settings, the same for both models. */
export interface ThreadSettings {
  intraOpNumThreads: number;
  interOpNumThreads: number;
  executionProviders: string[];
  graphOptimizationLevel: string;
  /** Sessions run on the calling thread (no worker messaging in the timings). */
  inProcess: true;
}

/** Everything a latency replay measured; latencyMetrics turns it into MetricRecords. */
export interface LatencyResult {
  mode: 'closed' | 'open';
  requests: number;
  warmup: number;
  batch: number;
  seed: number;
  datasetId: string;
  /** The first dataset row id of each measured request (requests cycle through the dataset when it is smaller). */
  requestRowIds: Float64Array;
  /** Dataset rows read (the requests cycle through them). */
  rowsRead: number;
  production: ModelLatency;
  candidate: ModelLatency;
  /** Every model call in execution order. */
  order: OrderEntry[];
  /** Which model opened each ABBA block (closed loop: per 2 requests; open loop: per 2 segments). */
  blockFirst: ModelRole[];
  /** Order the sessions were created in (seeded). */
  loadOrder: ModelRole[];
  threads: ThreadSettings;
  /** Open loop only: how the schedule was made. */
  schedule?: {
    source: 'rate' | 'timestamps';
    rate?: number;
    speed?: number;
    segment: number;
    intendedRate: number | null;
    /** Gaps between recorded timestamps that were negative or missing (replaced by the median gap). */
    gapsReplaced: number;
  };
  busy: BusyCheck;
  environment: LatencyEnvironment;
  startedAt: string;
  durationMs: number;
}
