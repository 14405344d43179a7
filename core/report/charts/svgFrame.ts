import { esc } from '../html/escape.js';

export const W = 640;
export const H = 300;
export const M = { left: 62, right: 16, top: 30, bottom: 46 };

const r2 = (v: number) => Number(v.toFixed(2));

/** Coordinates rounded to 0.01 px so the SVG text is short and deterministic. */
export function pt(x: number, y: number): string {
  return `${r2(x)},${r2(y)}`;
}

export function svgOpen(title: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}" font-family="Helvetica, Arial, sans-serif" font-size="11">` +
    `<text x="${M.left}" y="16" font-size="12.5" font-weight="600" fill="#1b2733">${esc(title)}</text>`;
}

/** Axes, grid lines, tick labels and axis titles. */
export function axes(o: { xTicks: { v: number; x: number; label: string }[]; yTicks: { v: number; y: number; label: string }[]; xLabel: string; yLabel: string }): string {
  const x0 = M.left, x1 = W - M.right, y0 = H - M.bottom, y1 = M.top;
  let s = `<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="#fff" stroke="#9aa5b1" stroke-width="0.8"/>`;
  for (const t of o.yTicks) s += `<line x1="${x0}" x2="${x1}" y1="${r2(t.y)}" y2="${r2(t.y)}" stroke="#e3e7eb" stroke-width="0.7"/><text x="${x0 - 6}" y="${r2(t.y + 3.5)}" text-anchor="end" fill="#3d4852">${esc(t.label)}</text>`;
  for (const t of o.xTicks) s += `<line x1="${r2(t.x)}" x2="${r2(t.x)}" y1="${y1}" y2="${y0}" stroke="#eef1f4" stroke-width="0.7"/><text x="${r2(t.x)}" y="${y0 + 15}" text-anchor="middle" fill="#3d4852">${esc(t.label)}</text>`;
  s += `<text x="${r2((x0 + x1) / 2)}" y="${H - 8}" text-anchor="middle" fill="#1b2733">${esc(o.xLabel)}</text>`;
  s += `<text transform="translate(14 ${r2((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle" fill="#1b2733">${esc(o.yLabel)}</text>`;
  return s;
}

/** A legend in the top right corner: swatch + name per entry. */
export function legend(items: { name: string; color: string; dash?: boolean; box?: boolean }[]): string {
  let x = W - M.right;
  let s = '';
  for (const it of [...items].reverse()) {
    const w = 26 + it.name.length * 6;
    x -= w;
    s += it.box
      ? `<rect x="${x}" y="8" width="14" height="9" fill="${it.color}"/>`
      : `<line x1="${x}" x2="${x + 14}" y1="13" y2="13" stroke="${it.color}" stroke-width="2.4"${it.dash ? ' stroke-dasharray="4 3"' : ''}/>`;
    s += `<text x="${x + 18}" y="17" fill="#1b2733">${esc(it.name)}</text>`;
  }
  return s;
}
