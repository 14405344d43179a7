import type { BarChartSpec } from './chartSpec.js';
import { H, M, W, axes, legend, pt, svgOpen } from './svgFrame.js';
import { niceTicks, tickLabel } from './ticks.js';

/** Grouped bars (one group per category, one bar per series) with interval whiskers and an optional band. */
export function barChartSvg(spec: BarChartSpec): string {
  const vals = spec.series.flatMap((s) => [...s.values, ...(s.hi ?? []), ...(s.lo ?? [])]).filter((v): v is number => v !== null && Number.isFinite(v));
  const extra = [...(spec.refLines ?? []).map((r) => r.y), ...(spec.band ? [spec.band.from] : [])];
  let [yl, yh] = spec.yRange ?? [Math.min(0, ...vals), Math.max(...vals, ...extra, 1e-9)];
  if (!spec.yRange) yh = yh * 1.08;
  if (spec.band && !spec.yRange) yh = Math.max(yh, Math.min(spec.band.to, yh * 1.3));
  const fy = (y: number) => H - M.bottom - ((Math.min(Math.max(y, yl), yh) - yl) / (yh - yl || 1)) * (H - M.top - M.bottom);
  const n = Math.max(1, spec.categories.length);
  const slot = (W - M.left - M.right) / n;
  const bw = Math.min(36, (slot * 0.7) / Math.max(1, spec.series.length));
  const yt = niceTicks(yl, yh).map((v) => ({ v, y: fy(v), label: tickLabel(v) }));
  const xt = spec.categories.map((c, i) => ({ v: i, x: M.left + slot * (i + 0.5), label: c.length > 18 ? c.slice(0, 17) + '…' : c }));
  let s = svgOpen(spec.title) + axes({ xTicks: xt, yTicks: yt, xLabel: '', yLabel: spec.yLabel });
  if (spec.band) {
    const top = fy(spec.band.to), bot = fy(spec.band.from);
    s += `<rect x="${M.left}" y="${pt(0, top).split(',')[1]}" width="${W - M.left - M.right}" height="${Number((bot - top).toFixed(2))}" fill="#2E7D32" fill-opacity="0.08"/>`;
    s += `<text x="${W - M.right - 4}" y="${Number((top + 11).toFixed(2))}" text-anchor="end" fill="#2E7D32" font-size="10">${spec.band.label}</text>`;
  }
  for (const r of spec.refLines ?? []) {
    const y = pt(0, fy(r.y)).split(',')[1];
    s += `<line x1="${M.left}" x2="${W - M.right}" y1="${y}" y2="${y}" stroke="#B2182B" stroke-dasharray="5 3"/><text x="${W - M.right - 4}" y="${Number(y) - 3}" text-anchor="end" fill="#B2182B" font-size="10">${r.label}</text>`;
  }
  spec.categories.forEach((_, i) => {
    spec.series.forEach((se, j) => {
      const v = se.values[i];
      const x = M.left + slot * (i + 0.5) + (j - spec.series.length / 2) * bw;
      if (v === null || v === undefined || !Number.isFinite(v)) {
        s += `<text x="${pt(x + bw / 2, 0).split(',')[0]}" y="${H - M.bottom - 4}" text-anchor="middle" fill="#6b7785" font-size="9">n/a</text>`;
        return;
      }
      const y0 = fy(Math.max(0, yl)), y1 = fy(v);
      s += `<rect x="${pt(x + 1, 0).split(',')[0]}" y="${pt(0, Math.min(y0, y1)).split(',')[1]}" width="${Number((bw - 2).toFixed(2))}" height="${Number(Math.abs(y0 - y1).toFixed(2))}" fill="${se.color}"/>`;
      const lo = se.lo?.[i], hi = se.hi?.[i];
      if (lo != null && hi != null && Number.isFinite(lo) && Number.isFinite(hi)) {
        const cx = x + bw / 2;
        s += `<path d="M${pt(cx, fy(lo))}V${pt(0, fy(hi)).split(',')[1]}M${pt(cx - 4, fy(lo))}h8M${pt(cx - 4, fy(hi))}h8" stroke="#1b2733" stroke-width="1.2" fill="none"/>`;
      }
    });
  });
  s += legend(spec.series.map((x) => ({ name: x.name, color: x.color, box: true })));
  return s + '</svg>';
}
