import type { ConfidenceInterval } from '../../contract/index.js';

const MINUS = '−';

/** 4 significant digits (UI.md), thousands separators for integers, "–" for null. */
export function num(x: number | null | undefined, opts: { signed?: boolean; digits?: number } = {}): string {
  if (x === null || x === undefined || Number.isNaN(x)) return '–';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : `${MINUS}∞`;
  const sign = x < 0 ? MINUS : opts.signed && x > 0 ? '+' : '';
  const a = Math.abs(x);
  let body: string;
  if (Number.isInteger(a) && a >= 1000) body = int(a);
  else if (a === 0) body = '0';
  else if (a >= 1e-4 && a < 1e6) {
    body = a.toPrecision(opts.digits ?? 4);
    if (body.includes('e')) body = String(Number(body));
    if (a >= 1000) body = int(Math.round(a));
  } else body = a.toExponential((opts.digits ?? 4) - 1).replace('e', '×10^').replace(/\^\+?(-?)(\d+)$/, (_, s: string, d: string) => `^${s ? MINUS : ''}${d}`);
  return sign + body;
}

/** Integer with thousands separators: 12,810. */
export function int(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = Math.round(Math.abs(x)).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return (x < 0 ? MINUS : '') + s;
}

/** `0.8330 [0.8121, 0.8517]`; deltas signed. */
export function withCi(x: number | null | undefined, ci: ConfidenceInterval | undefined, signed = false): string {
  const v = num(x, { signed });
  return ci ? `${v} [${num(ci.low, { signed })}, ${num(ci.high, { signed })}]` : v;
}

/** `p = 0.044`, `p < 0.001`. */
export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '–';
  if (p < 0.001) return 'p < 0.001';
  return `p = ${p >= 0.0995 ? p.toFixed(2) : p.toPrecision(2)}`;
}

/** A share as a percentage: 12.3 %. */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return `${(x * 100).toPrecision(3)} %`;
}

/** Bytes in KiB / MiB. */
export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '–';
  if (n < 1024) return `${int(n)} B`;
  if (n < 1024 * 1024) return `${num(n / 1024, { digits: 3 })} KiB`;
  return `${num(n / 1024 / 1024, { digits: 3 })} MiB`;
}

/** Microseconds with the unit adapted: 812 µs, 1.204 ms. */
export function micros(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return Math.abs(x) >= 1000 ? `${num(x / 1000)} ms` : `${num(x)} µs`;
}
