/**
 * Number formatting for a validator: 4 significant digits, intervals beside values
 * (`0.8330 [0.8121, 0.8517]`), signed deltas, `p = 0.044`, thousands separators, units.
 * Pure functions, no locale dependence (the output must be the same on every machine).
 */

import type { StageProgress } from '../../../core/contract/index.js';

/** Placeholder for a missing value. */
export const NA = '—';

/** Decimals that give `sig` significant digits for a number of this magnitude (0 for |v| >= 10^(sig-1)). */
export function decimalsFor(v: number, sig = 4): number {
  if (!Number.isFinite(v) || v === 0) return sig - 1;
  const mag = Math.floor(Math.log10(Math.abs(v)));
  return Math.max(0, Math.min(8, sig - 1 - mag));
}

/** Inserts thousands separators (commas) into the integer part of a plain decimal string. */
export function groupThousands(s: string): string {
  const neg = s.startsWith('-');
  const body = neg ? s.slice(1) : s;
  const [int, frac] = body.split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (neg ? '-' : '') + grouped + (frac !== undefined ? '.' + frac : '');
}

/**
 * A number with `sig` significant digits (or fixed `decimals`), thousands separators, and
 * scientific notation only for tiny non-zero magnitudes (< 1e-4).
 */
export function fmtNum(v: number | null | undefined, opts: { sig?: number; decimals?: number } = {}): string {
  if (v === null || v === undefined || Number.isNaN(v)) return NA;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '-∞';
  const sig = opts.sig ?? 4;
  if (opts.decimals === undefined && v !== 0 && Math.abs(v) < 1e-4) return v.toExponential(sig - 1).replace('e', 'e');
  const d = opts.decimals ?? decimalsFor(v, sig);
  let s = v.toFixed(d);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return groupThousands(s);
}

/** A value with its interval, all at the value's precision: `0.8330 [0.8121, 0.8517]`. */
export function fmtInterval(v: number | null | undefined, ci?: { low: number; high: number } | null, opts: { sig?: number; decimals?: number; signed?: boolean } = {}): string {
  if (v === null || v === undefined) return NA;
  const d = opts.decimals ?? decimalsFor(v, opts.sig ?? 4);
  const main = opts.signed ? fmtSigned(v, { decimals: d }) : fmtNum(v, { decimals: d });
  if (!ci) return main;
  return `${main} [${fmtNum(ci.low, { decimals: d })}, ${fmtNum(ci.high, { decimals: d })}]`;
}

/** A delta with an explicit sign: `+0.0041`, `-0.0120`, `0.0000`. */
export function fmtSigned(v: number | null | undefined, opts: { sig?: number; decimals?: number } = {}): string {
  if (v === null || v === undefined || Number.isNaN(v)) return NA;
  const s = fmtNum(v, opts);
  if (/^0(\.0*)?$/.test(s)) return s;
  return v > 0 ? '+' + s : s;
}

/** A p-value with 2 significant digits: `p = 0.044`, `p = 0.44`, `p < 0.0001`. */
export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return NA;
  if (p < 0.0001) return 'p < 0.0001';
  if (p >= 0.995) return 'p = 1.0';
  return `p = ${Number(p.toPrecision(2)).toString()}`;
}

/** A count with thousands separators: `12,810`. */
export function fmtCount(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return NA;
  return groupThousands(Math.round(n).toString());
}

/** `12,810 of 15,537`. */
export function fmtOf(part: number, whole: number): string {
  return `${fmtCount(part)} of ${fmtCount(whole)}`;
}

/** Rows per second: `9,120 rows/s`. */
export function fmtRate(r: number | null | undefined): string {
  if (r === null || r === undefined || !Number.isFinite(r)) return NA;
  return `${r >= 100 ? fmtCount(r) : fmtNum(r, { sig: 3 })} rows/s`;
}

/** A duration for ETAs: `<1 s`, `42 s`, `3 min 05 s`, `1 h 02 min`. */
export function fmtDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return NA;
  if (seconds < 1) return '<1 s';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * A stage's progress in words: `12,810 / 15,537 rows · 9,120 rows/s · ETA 42 s` for a pass over rows,
 * `step 2 of 4` (or `computing`, `done`) for a stage counted in steps (metrics, drift, ...).
 */
export function fmtProgress(p: Omit<StageProgress, 'stage'>): string {
  if (p.unit === 'steps') return p.done >= p.total ? 'done' : p.total > 1 ? `step ${p.done + 1} of ${p.total}` : 'computing';
  return `${fmtCount(p.done)} / ${fmtCount(p.total)} rows · ${fmtRate(p.rate)} · ETA ${fmtDuration(p.etaSeconds)}`;
}

/** Bytes in decimal units: `50.4 kB`, `611.9 kB`, `1.2 GB`. */
export function fmtBytes(b: number | null | undefined): string {
  if (b === null || b === undefined || !Number.isFinite(b)) return NA;
  if (b < 1000) return `${fmtCount(b)} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = b / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${fmtNum(v, { sig: 3 })} ${units[i]}`;
}

/** A value with its unit, always shown: `540.0 µs`, `12.40 ms`. */
export function fmtUnit(v: number | null | undefined, unit?: string): string {
  const s = fmtNum(v);
  return unit && s !== NA ? `${s} ${unit}` : s;
}

/** Short form of a sha256 for headers (12 hex digits); the full one goes in the tooltip. */
export function shortSha(sha: string | undefined | null): string {
  return sha ? sha.slice(0, 12) : NA;
}

/** A share as a percentage: `16.67 %`. */
export function fmtPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return NA;
  return `${fmtNum(share * 100, { sig: 4 })} %`;
}
