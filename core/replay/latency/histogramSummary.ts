import { createHistogram } from 'node:perf_hooks';
import type { HistogramSummary } from './latencyTypes.js';

const QUANTILES: readonly [string, number][] = [['p50', 50], ['p90', 90], ['p95', 95], ['p99', 99], ['p999', 99.9]];
const FIGURES = 3;

/**
 * Records nanosecond samples (rounded to integers, at least 1) in a perf_hooks histogram, Node's
 * HdrHistogram, with 3 significant figures, and reads its summary back in microseconds.
 */
export function histogramSummary(samplesNs: ArrayLike<number>): HistogramSummary {
  const h = createHistogram({ lowest: 1, highest: Number.MAX_SAFE_INTEGER, figures: FIGURES });
  for (let i = 0; i < samplesNs.length; i++) h.record(Math.max(1, Math.round(samplesNs[i]!)));
  const count = samplesNs.length;
  const us = (ns: number) => (count ? ns / 1000 : NaN);
  return {
    count,
    min: us(h.min),
    max: us(h.max),
    mean: us(h.mean),
    stddev: us(h.stddev),
    percentiles: Object.fromEntries(QUANTILES.map(([id, p]) => [id, us(h.percentile(p))])),
    figures: FIGURES,
  };
}
