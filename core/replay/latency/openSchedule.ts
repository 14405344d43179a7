import { WorkbenchError } from '../../contract/index.js';

/** Intended send times (ns from the first request) and how they were made. */
export interface OpenSchedule {
  intendedNs: Float64Array;
  source: 'rate' | 'timestamps';
  /** Requests per second the schedule asks for (null when every gap is zero). */
  intendedRate: number | null;
  /** Gaps that were negative (out of order, or the dataset wrapping round) or missing, replaced by the median gap. */
  gapsReplaced: number;
}

/** Refuses a rate or speed that is not a positive finite number, naming the flag. */
export function checkPositive(value: number | undefined, flag: string, what: string): void {
  if (value === undefined) return;
  if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) {
    throw new WorkbenchError('BAD_ARGUMENT', `${flag} must be a positive number of ${what}, got ${String(value)}. Give e.g. ${flag} ${flag === '--speed' ? '10' : '200'}.`, { flag, value });
  }
}

/** A fixed-rate schedule: request i is due at i / rate seconds. */
export function rateSchedule(requests: number, rate: number): OpenSchedule {
  checkPositive(rate, '--rate', 'requests per second');
  const intendedNs = new Float64Array(requests);
  for (let i = 0; i < requests; i++) intendedNs[i] = (i * 1e9) / rate;
  return { intendedNs, source: 'rate', intendedRate: rate, gapsReplaced: 0 };
}

function median(values: number[]): number {
  if (!values.length) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * A schedule from recorded timestamps (epoch ms, one per measured request, NaN when missing),
 * replayed `speed` times faster. A negative or missing gap (rows out of time order, or the replay
 * wrapping round to the start of a small dataset) is replaced by the median of the valid gaps.
 */
export function timestampSchedule(timestampsMs: Float64Array, speed: number): OpenSchedule {
  checkPositive(speed, '--speed', 'times real time');
  const n = timestampsMs.length;
  const gaps: number[] = [];
  const valid: number[] = [];
  for (let i = 1; i < n; i++) {
    const g = timestampsMs[i]! - timestampsMs[i - 1]!;
    gaps.push(g);
    if (Number.isFinite(g) && g >= 0) valid.push(g);
  }
  const fill = median(valid);
  const intendedNs = new Float64Array(n);
  let replaced = 0;
  for (let i = 1; i < n; i++) {
    let g = gaps[i - 1]!;
    if (!(Number.isFinite(g) && g >= 0)) { g = fill; replaced++; }
    intendedNs[i] = intendedNs[i - 1]! + (g * 1e6) / speed;
  }
  const span = n > 1 ? intendedNs[n - 1]! / 1e9 : 0;
  return { intendedNs, source: 'timestamps', intendedRate: span > 0 ? (n - 1) / span : null, gapsReplaced: replaced };
}
