import type { ConfidenceInterval, MetricRecord } from '../../contract/index.js';

/** A confidence interval record field. */
export function interval(low: number, high: number, level: number, method: string): ConfidenceInterval {
  return { low, high, level, method };
}

/**
 * Normal (CLT) interval mean ± z sqrt(variance / n); undefined when n < 2 or the variance is not
 * finite.
 */
export function normalInterval(mean: number, variance: number, n: number, level: number, z: number, method: string): ConfidenceInterval | undefined {
  if (!(n >= 2) || !Number.isFinite(variance) || !Number.isFinite(mean) || variance < 0) return undefined;
  const half = z * Math.sqrt(variance / n);
  return interval(mean - half, mean + half, level, method);
}

/** Joins the defined notes with "; ". */
export function joinNotes(...notes: (string | undefined)[]): string | undefined {
  const s = notes.filter(Boolean).join('; ');
  return s || undefined;
}

/** NaN -> null value, undefined fields dropped (the shape computeMetrics emits). */
export function cleanRecord(r: MetricRecord): MetricRecord {
  const out: MetricRecord = { id: r.id, model: r.model, value: r.value === null || Number.isNaN(r.value) ? null : r.value };
  if (r.group) out.group = r.group;
  if (r.ci && Number.isFinite(r.ci.low) && Number.isFinite(r.ci.high)) out.ci = r.ci;
  if (r.n !== undefined && Number.isFinite(r.n)) out.n = r.n;
  if (r.p !== undefined && Number.isFinite(r.p)) out.p = r.p;
  if (r.note) out.note = r.note;
  if (r.unit) out.unit = r.unit;
  return out;
}
