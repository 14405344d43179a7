import type { MetricRecord } from '../contract/index.js';

/** 4 significant digits, as the UI and report print numbers. */
export function num(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  if (!Number.isFinite(v)) return v > 0 ? '+inf' : '-inf';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(digits - 1);
  return v.toFixed(Math.max(0, digits - 1 - Math.floor(Math.log10(a))));
}

export function signed(v: number | null | undefined, digits = 4): string {
  if (v === null || v === undefined || Number.isNaN(v)) return 'n/a';
  return (v > 0 ? '+' : v < 0 ? '' : '±') + num(v, digits);
}

export function interval(r: MetricRecord | undefined, sign = false): string {
  if (!r?.ci) return '';
  const f = sign ? signed : num;
  return `[${f(r.ci.low)}, ${f(r.ci.high)}]`;
}

export function pValue(p: number | null | undefined): string {
  if (p === null || p === undefined || Number.isNaN(p)) return '';
  if (p < 0.0001) return 'p < 0.0001';
  return `p = ${p < 0.001 ? p.toExponential(1) : num(p, 2)}`;
}

export const int = (v: number | null | undefined) => (v === null || v === undefined ? 'n/a' : Math.round(v).toLocaleString('en-US'));

/** Left-aligned text table with two spaces between columns. */
export function table(rows: string[][], header?: string[]): string {
  const all = header ? [header, ...rows] : rows;
  const widths = all[0].map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd();
  const out = all.map(line);
  if (header) out.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return out.join('\n') + '\n';
}
