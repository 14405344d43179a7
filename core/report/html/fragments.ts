import { esc } from './escape.js';

/** A table from a header row and body rows of already-escaped HTML cells. */
export function table(head: string[], rows: string[][], cls = ''): string {
  if (!rows.length) return '';
  return `<table class="${cls}"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;
}

/** Key / value rows (keys and values already escaped). */
export function kv(rows: [string, string][]): string {
  return `<table class="kv"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>`;
}

/** "What to do next" note for an empty section. */
export function empty(text: string): string {
  return `<p class="empty">${esc(text)}</p>`;
}

export function statusBadge(status: string | null | undefined): string {
  const s = status ?? 'not_evaluated';
  const label = s === 'pass' ? '✔ PASS' : s === 'fail' ? '✘ FAIL' : s === 'not_evaluable' ? '? NOT EVALUABLE' : '– NO CRITERIA';
  return `<span class="badge ${esc(s)}">${label}</span>`;
}

/** A delta with its direction in words and an arrow, never colour alone. */
export function deltaMark(delta: number | null | undefined, ciLow: number | undefined, ciHigh: number | undefined, higherIsBetter: boolean | null): string {
  if (delta === null || delta === undefined || !Number.isFinite(delta) || higherIsBetter === null) return '';
  const sure = ciLow !== undefined && ciHigh !== undefined && (ciLow > 0 || ciHigh < 0);
  if (!sure) return '<span class="dir same" title="the interval contains 0">≈ no clear change</span>';
  const better = (delta > 0) === higherIsBetter;
  const arrow = delta > 0 ? '▲' : '▼';
  return better ? `<span class="dir better">${arrow} better</span>` : `<span class="dir worse">${arrow} worse</span>`;
}

export function code(s: unknown): string {
  return `<code>${esc(s)}</code>`;
}
