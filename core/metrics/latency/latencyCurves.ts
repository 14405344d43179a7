import type { Curve } from '../../contract/api.js';
import type { LatencyResult } from '../../replay/latency/latencyTypes.js';

/** Points of the empirical CDF (nearest rank) at shares spaced finely in the tail: at most ~200 per model. */
function cdf(samples: Float64Array): { x: number[]; y: number[] } {
  const s = Float64Array.from(samples).sort();
  const n = s.length;
  if (!n) return { x: [], y: [] };
  const shares = new Set<number>();
  for (let i = 1; i <= 100; i++) shares.add(i / 100);
  for (const tail of [0.991, 0.992, 0.993, 0.994, 0.995, 0.996, 0.997, 0.998, 0.999, 0.9995, 0.9999]) shares.add(tail);
  const x: number[] = [s[0]];
  const y: number[] = [1 / n];
  for (const q of [...shares].sort((a, b) => a - b)) {
    const idx = Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1));
    if (s[idx] === x[x.length - 1]) { y[y.length - 1] = (idx + 1) / n; continue; }
    x.push(s[idx]);
    y.push((idx + 1) / n);
  }
  return { x, y };
}

/** Latency CDFs of session.run per model (`latency_cdf`, x in µs), for charts on a log axis. */
export function latencyCurves(r: LatencyResult): Curve[] {
  return (['production', 'candidate'] as const).map((model) => ({
    id: 'latency_cdf', model, ...cdf(r[model].runUs), xLabel: 'session.run latency (µs)', yLabel: 'share of requests at or below',
  }));
}
