import type { LatencyResult } from '../../replay/latency/latencyTypes.js';
import { exactSummary } from './nearestRank.js';

/**
 * A JSON-safe summary of a latency replay for the report's latency and environment sections: the
 * settings, machine, busy check, interleaving counts, one-off times and the histogram views, without
 * the raw sample arrays (those stay in LatencyResult for the bootstrap).
 */
export function latencySummary(r: LatencyResult) {
  const model = (m: LatencyResult['production']) => ({
    model: m.model, loadMs: m.loadMs, coldStartUs: m.coldStartUs, coldStartE2eUs: m.coldStartE2eUs,
    warmup: { n: m.warmupRunUs.length, runUs: exactSummary(m.warmupRunUs) },
    histogram: m.histogram, ...(m.open ? { open: m.open } : {}),
  });
  const measured = r.order.filter((o) => o.phase === 'measured');
  return {
    mode: r.mode, requests: r.requests, warmup: r.warmup, batch: r.batch, seed: r.seed, datasetId: r.datasetId, rowsRead: r.rowsRead,
    method: {
      timing: `${r.environment.clock}; run-only = session.run() alone; end to end = tensor build + run + output read${r.mode === 'open' ? ', measured from the intended send time (coordinated omission corrected)' : ''}`,
      percentiles: 'nearest rank (HdrHistogram rule): sorted[ceil(q*n) - 1], microseconds, warm-up and cold start excluded',
      interleaving: `ABBA blocks of two ${r.mode === 'open' ? 'segments' : 'requests'}, the opener of each block drawn with seed ${r.seed}; both models on the same rows`,
    },
    interleaving: {
      blocks: r.blockFirst.length,
      openedByProduction: r.blockFirst.filter((x) => x === 'production').length,
      openedByCandidate: r.blockFirst.filter((x) => x === 'candidate').length,
      calls: r.order.length,
      measuredCalls: measured.length,
    },
    loadOrder: r.loadOrder,
    threads: r.threads,
    ...(r.schedule ? { schedule: r.schedule } : {}),
    busy: r.busy,
    environment: r.environment,
    production: model(r.production),
    candidate: model(r.candidate),
    startedAt: r.startedAt,
    durationMs: r.durationMs,
  };
}

export type LatencySummary = ReturnType<typeof latencySummary>;
