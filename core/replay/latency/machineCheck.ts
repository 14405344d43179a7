import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { BusyCheck, LatencyEnvironment } from './latencyTypes.js';
import { CLOCK_DESCRIPTION } from './systemClock.js';

/** The machine the latency was measured on. */
export function latencyEnvironment(onnxruntime: string): LatencyEnvironment {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() || 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()}`,
    arch: process.arch,
    node: process.version,
    onnxruntime,
    clock: CLOCK_DESCRIPTION,
  };
}

let sink = 0;

/** A fixed CPU-bound kernel (~tens of µs): integer mixing that the JIT cannot remove. */
function kernel(): void {
  let x = sink | 1;
  for (let i = 0; i < 20000; i++) x = Math.imul(x ^ (x >>> 15), 0x2c1b3c6d) + i;
  sink = x;
}

/** Times the calibration kernel `runs` times, µs each. */
export function calibrate(runs = 60): Float64Array {
  const out = new Float64Array(runs);
  for (let i = 0; i < 5; i++) kernel();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    kernel();
    out[i] = (performance.now() - t0) * 1000;
  }
  return out;
}

function median(v: Float64Array): number {
  const s = Float64Array.from(v).sort();
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function cv(v: Float64Array): number {
  if (v.length < 2) return 0;
  let sum = 0;
  for (const x of v) sum += x;
  const mean = sum / v.length;
  let ss = 0;
  for (const x of v) ss += (x - mean) ** 2;
  return Math.sqrt(ss / (v.length - 1)) / mean;
}

/** Thresholds of the busy check. */
export const BUSY_LIMITS = { cv: 0.25, drift: 0.2, loadPerCore: 0.75 } as const;

/**
 * Judges whether the machine was busy: the calibration loop's spread (coefficient of variation of
 * all runs), its median drifting between before and after, or a 1-minute load average above
 * 0.75 per core (which includes this process's own single busy thread on small machines: read it
 * with the other two signals).
 */
export function assessBusy(before: Float64Array, after: Float64Array, loadBefore: number, loadAfter: number, cores: number): BusyCheck {
  const all = new Float64Array(before.length + after.length);
  all.set(before);
  all.set(after, before.length);
  const mb = median(before);
  const ma = median(after);
  const spread = cv(all);
  const reasons: string[] = [];
  if (spread > BUSY_LIMITS.cv) reasons.push(`a fixed calibration loop varied by ${(spread * 100).toFixed(0)}% (coefficient of variation; over ${BUSY_LIMITS.cv * 100}% means other work competed for the CPU)`);
  const drift = Math.abs(ma - mb) / Math.min(ma, mb);
  if (drift > BUSY_LIMITS.drift) reasons.push(`the calibration loop took ${mb.toFixed(1)} µs before and ${ma.toFixed(1)} µs after the replay (${(drift * 100).toFixed(0)}% apart)`);
  const load = Math.max(loadBefore, loadAfter);
  if (cores > 0 && load / cores > BUSY_LIMITS.loadPerCore) reasons.push(`the 1-minute load average was ${load.toFixed(2)} on ${cores} core${cores === 1 ? '' : 's'}`);
  return {
    busy: reasons.length > 0, calibrationBeforeUs: mb, calibrationAfterUs: ma, calibrationCv: spread,
    loadBefore, loadAfter, cores, reasons,
  };
}
