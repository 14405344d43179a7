import type { ConfidenceInterval, MetricRecord } from '../../contract/index.js';
import type { LatencyResult } from '../../replay/latency/latencyTypes.js';
import { percentileInterval } from '../percentileInterval.js';
import { exactSummary, LATENCY_QUANTILES } from './nearestRank.js';
import { pairedLatencyBootstrap, type PairedReplicates } from './pairedLatencyBootstrap.js';

/** Bootstrap settings; level 0.95 by default. */
export interface LatencyMetricOptions {
  B: number;
  seed: number;
  level?: number;
}

type Stat = string;
const STATS: readonly Stat[] = [...LATENCY_QUANTILES.map((x) => x.id), 'max', 'mean'];

function map(v: Float64Array, f: (x: number) => number): Float64Array {
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = f(v[i]!);
  return out;
}

function pairwise(a: Float64Array, b: Float64Array, f: (x: number, y: number) => number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = f(a[i]!, b[i]!);
  return out;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * Plain words for a paired difference: which model is faster, by how much, and whether the
 * interval excludes zero (lower is faster for times; higher is better for throughput).
 */
export function fasterText(what: string, prod: number, cand: number, ci: ConfidenceInterval | undefined, unit: string, higherIsBetter = false): string {
  const delta = cand - prod;
  const pct = prod !== 0 ? Math.abs(delta / prod) * 100 : NaN;
  const ciText = ci ? `; ${Math.round(ci.level * 100)}% CI of candidate minus production ${fmt(ci.low)} to ${fmt(ci.high)} ${unit}` : '';
  if (ci && ci.low <= 0 && ci.high >= 0) return `${what}: no clear difference (candidate minus production ${fmt(delta)} ${unit}${ciText}, which includes 0).`;
  if (delta === 0) return `${what}: both models equal (${fmt(prod)} ${unit}).`;
  const candidateBetter = higherIsBetter ? delta > 0 : delta < 0;
  const adj = higherIsBetter ? (candidateBetter ? 'higher' : 'lower') : (candidateBetter ? 'faster' : 'slower');
  return `${what}: the candidate is ${adj} by ${fmt(Math.abs(delta))} ${unit} (${pct.toFixed(1)}%)${ciText}.`;
}

interface SampleSet {
  prefix: string;
  label: string;
  a: Float64Array;
  b: Float64Array;
  note?: string;
}

function statRecords(set: SampleSet, boot: PairedReplicates, interval: (v: Float64Array) => ConfidenceInterval | undefined): MetricRecord[] {
  const sa = exactSummary(set.a);
  const sb = exactSummary(set.b);
  const value = (s: ReturnType<typeof exactSummary>, stat: Stat) => (stat === 'max' ? s.max : stat === 'mean' ? s.mean : s.percentiles[stat]!);
  const n = set.a.length;
  const out: MetricRecord[] = [];
  for (const stat of STATS) {
    const id = `${set.prefix}.${stat}`;
    const va = value(sa, stat);
    const vb = value(sb, stat);
    const q = LATENCY_QUANTILES.find((x) => x.id === stat)?.q;
    const notes: string[] = [];
    if (set.note) notes.push(set.note);
    // No bootstrap interval for the maximum: a resample can never exceed the observed maximum.
    const withCi = stat !== 'max';
    if (stat === 'max') notes.push('no interval: the bootstrap cannot see beyond the largest sample');
    else if (q !== undefined && n * (1 - q) < 10) notes.push(`fewer than 10 requests lie above this percentile (n = ${n}); its interval is rough`);
    const note = notes.length ? notes.join('; ') : undefined;
    const ci = (v: Float64Array) => (withCi ? interval(v) : undefined);
    const base = { id, n, unit: 'µs' };
    const dCi = ci(pairwise(boot.a[stat]!, boot.b[stat]!, (x, y) => y - x));
    out.push(
      { ...base, model: 'production', value: finite(va), ...opt('ci', ci(boot.a[stat]!)), ...opt('note', note) },
      { ...base, model: 'candidate', value: finite(vb), ...opt('ci', ci(boot.b[stat]!)), ...opt('note', note) },
      { ...base, model: 'delta', value: finite(vb - va), ...opt('ci', dCi), note: [fasterText(`${set.label} ${stat}`, va, vb, dCi, 'µs'), note].filter(Boolean).join(' ') },
      { ...base, unit: 'ratio', model: 'ratio', value: va > 0 ? vb / va : null, ...opt('ci', ci(pairwise(boot.a[stat]!, boot.b[stat]!, (x, y) => (x > 0 ? y / x : NaN)))), ...opt('note', note) },
    );
  }
  return out;
}

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

function opt<K extends string, V>(key: K, v: V | undefined): Partial<Record<K, V>> {
  return (v === undefined ? {} : { [key]: v }) as Partial<Record<K, V>>;
}

function single(id: string, unit: string, a: number, b: number, n: number | undefined, note: string): MetricRecord[] {
  const base = { id, unit, ...(n !== undefined ? { n } : {}), note };
  return [
    { ...base, model: 'production', value: finite(a) },
    { ...base, model: 'candidate', value: finite(b) },
    { ...base, model: 'delta', value: finite(b - a), note: `${fasterText(id, a, b, undefined, unit)} ${note}` },
    { ...base, unit: 'ratio', model: 'ratio', value: a > 0 ? finite(b / a) : null },
  ];
}

/**
 * MetricRecords of a latency replay. Ids: latency.{p50,p90,p95,p99,p999,max,mean} (run-only, around
 * session.run), latency.e2e.{...} (end to end; open loop: from the intended send time),
 * latency.throughput (requests/s of one caller, 1e6 / mean end-to-end service time),
 * latency.load_ms, latency.cold_start, latency.warmup.{mean,max}, latency.machine_busy and, in the
 * open loop, latency.open.{intended_rate,achieved_rate,late_sends}. Models production, candidate,
 * delta (candidate minus production) and ratio (candidate / production). Percentiles are exact
 * nearest-rank values of the raw samples; intervals are paired bootstrap percentile intervals
 * (pairs = both models' i-th request, on the same rows; B and seed recorded in the method).
 */
export function latencyMetrics(r: LatencyResult, opts: LatencyMetricOptions): MetricRecord[] {
  const level = opts.level ?? 0.95;
  const method = `paired bootstrap percentile interval over requests (B=${opts.B}, seed=${opts.seed})`;
  const interval = (v: Float64Array): ConfidenceInterval | undefined => {
    if (opts.B < 1) return undefined;
    const iv = percentileInterval(v, level);
    return iv.used ? { low: iv.low, high: iv.high, level, method } : undefined;
  };
  const P = r.production;
  const C = r.candidate;
  const open = r.mode === 'open';
  const openNote = open ? 'open loop: requests queue behind each other, so they are not independent and the interval is optimistic' : undefined;
  const runBoot = pairedLatencyBootstrap(P.runUs, C.runUs, opts);
  const e2eBoot = pairedLatencyBootstrap(P.e2eUs, C.e2eUs, opts);
  const serviceBoot = open ? pairedLatencyBootstrap(P.serviceUs, C.serviceUs, opts) : e2eBoot;
  const out: MetricRecord[] = [
    ...statRecords({ prefix: 'latency', label: 'session.run time', a: P.runUs, b: C.runUs }, runBoot, interval),
    ...statRecords({
      prefix: 'latency.e2e', label: open ? 'latency from the intended send time' : 'end-to-end time',
      a: P.e2eUs, b: C.e2eUs, ...(openNote ? { note: `from the intended send time (coordinated omission corrected); ${openNote}` } : {}),
    }, e2eBoot, interval),
  ];

  const rate = (meanUs: number) => (meanUs > 0 ? 1e6 / meanUs : NaN);
  const tA = rate(exactSummary(P.serviceUs).mean);
  const tB = rate(exactSummary(C.serviceUs).mean);
  const rA = map(serviceBoot.a.mean!, rate);
  const rB = map(serviceBoot.b.mean!, rate);
  const tNote = `requests per second of one caller sending back to back (1e6 / mean end-to-end service time); rows per second = this x ${r.batch}`;
  const dCi = interval(pairwise(rA, rB, (x, y) => y - x));
  const base = { id: 'latency.throughput', unit: 'req/s', n: r.requests };
  out.push(
    { ...base, model: 'production', value: finite(tA), ...opt('ci', interval(rA)), note: tNote },
    { ...base, model: 'candidate', value: finite(tB), ...opt('ci', interval(rB)), note: tNote },
    { ...base, model: 'delta', value: finite(tB - tA), ...opt('ci', dCi), note: fasterText('throughput', tA, tB, dCi, 'req/s', true) },
    { ...base, unit: 'ratio', model: 'ratio', value: tA > 0 ? finite(tB / tA) : null, ...opt('ci', interval(pairwise(rA, rB, (x, y) => (x > 0 ? y / x : NaN)))) },
  );

  out.push(...single('latency.load_ms', 'ms', P.loadMs, C.loadMs, undefined, 'time to create the inference session; one measurement per model, no interval.'));
  out.push(...single('latency.cold_start', 'µs', P.coldStartUs, C.coldStartUs, 1, 'the first session.run of a fresh session (run-only); one measurement per model, excluded from the percentiles.'));
  const wA = exactSummary(P.warmupRunUs);
  const wB = exactSummary(C.warmupRunUs);
  const wNote = `the ${r.warmup} warm-up requests per model (run-only), discarded from every other latency number.`;
  out.push(...single('latency.warmup.mean', 'µs', wA.mean, wB.mean, r.warmup, wNote));
  out.push(...single('latency.warmup.max', 'µs', wA.max, wB.max, r.warmup, wNote));

  if (open && r.schedule) {
    out.push({ id: 'latency.open.intended_rate', model: 'both', unit: 'req/s', value: finite(r.schedule.intendedRate ?? NaN), n: r.requests,
      note: r.schedule.source === 'rate' ? `fixed rate ${r.schedule.rate} req/s` : `recorded timestamps at speed x${r.schedule.speed}${r.schedule.gapsReplaced ? `; ${r.schedule.gapsReplaced} negative or missing gaps replaced by the median gap` : ''}` });
    for (const m of [P, C]) {
      const o = m.open;
      if (!o) continue;
      const behind = o.achievedRate !== null && o.intendedRate !== null && o.achievedRate < 0.95 * o.intendedRate;
      out.push({ id: 'latency.open.achieved_rate', model: m.role, unit: 'req/s', value: o.achievedRate, n: r.requests,
        note: behind ? `the ${m.role} model could not keep up: it sent at ${fmt(o.achievedRate!)} of ${fmt(o.intendedRate!)} req/s intended, and the backlog shows in latency.e2e` : 'kept up with the intended rate' });
      out.push({ id: 'latency.open.late_sends', model: m.role, unit: 'requests', value: o.lateSends, n: r.requests,
        note: `requests sent more than 1 ms after their intended time; the largest delay was ${fmt(o.maxSendDelayUs)} µs` });
    }
  }
  out.push({ id: 'latency.machine_busy', model: 'both', unit: 'flag', value: r.busy.busy ? 1 : 0,
    note: r.busy.busy ? `the machine looked busy, so treat these latencies with care: ${r.busy.reasons.join('; ')}` : `no sign of a busy machine (calibration loop spread ${(r.busy.calibrationCv * 100).toFixed(1)}%, load average ${r.busy.loadAfter.toFixed(2)} on ${r.busy.cores} cores)` });
  return out;
}
