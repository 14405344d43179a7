import type { LineChartSpec } from './chartSpec.js';
import { H, M, W, axes, legend, pt, svgOpen } from './svgFrame.js';
import { logTicks, niceTicks, tickLabel } from './ticks.js';

function extent(vals: number[], log: boolean): [number, number] {
  const v = vals.filter((x) => Number.isFinite(x) && (!log || x > 0));
  if (!v.length) return log ? [1, 10] : [0, 1];
  let lo = Math.min(...v), hi = Math.max(...v);
  if (lo === hi) { lo = log ? lo / 2 : lo - 0.5; hi = log ? hi * 2 : hi + 0.5; }
  return [lo, hi];
}

/** A static SVG line / step chart (deterministic text for equal input). */
export function lineChartSvg(spec: LineChartSpec, id = 'chart'): string {
  const log = !!spec.logX;
  const [xl, xh] = spec.xRange ?? extent(spec.series.flatMap((s) => s.x), log);
  const [yl0, yh0] = spec.yRange ?? extent(spec.series.flatMap((s) => s.y), false);
  const yl = spec.yRange ? yl0 : Math.min(0, yl0), yh = yh0;
  const fx = (x: number) => M.left + ((log ? Math.log10(x) - Math.log10(xl) : x - xl) / (log ? Math.log10(xh) - Math.log10(xl) : xh - xl)) * (W - M.left - M.right);
  const fy = (y: number) => H - M.bottom - ((y - yl) / (yh - yl || 1)) * (H - M.top - M.bottom);
  const xt = (log ? logTicks(xl, xh) : niceTicks(xl, xh)).map((v) => ({ v, x: fx(v), label: tickLabel(v) }));
  const yt = niceTicks(yl, yh).map((v) => ({ v, y: fy(v), label: tickLabel(v) }));
  let s = svgOpen(spec.title) + axes({ xTicks: xt, yTicks: yt, xLabel: spec.xLabel, yLabel: spec.yLabel });
  s += `<clipPath id="${id}-clip"><rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}"/></clipPath><g clip-path="url(#${id}-clip)">`;
  if (spec.diagonal) s += `<line x1="${fx(Math.max(xl, yl))}" y1="${fy(Math.max(xl, yl))}" x2="${fx(Math.min(xh, yh))}" y2="${fy(Math.min(xh, yh))}" stroke="#9aa5b1" stroke-dasharray="3 3"/>`;
  for (const h of spec.hlines ?? []) s += `<line x1="${M.left}" x2="${W - M.right}" y1="${pt(0, fy(h.y)).split(',')[1]}" y2="${pt(0, fy(h.y)).split(',')[1]}" stroke="#B2182B" stroke-dasharray="5 3"/>`;
  for (const se of spec.series) {
    const pts: string[] = [];
    for (let i = 0; i < se.x.length; i++) {
      const x = se.x[i], y = se.y[i];
      if (!Number.isFinite(x) || !Number.isFinite(y) || (log && x <= 0)) continue;
      if (se.shape === 'step' && pts.length) pts.push(pt(fx(x), fy(se.y[i - 1])));
      pts.push(pt(fx(x), fy(y)));
    }
    if (pts.length) s += `<polyline fill="none" stroke="${se.color}" stroke-width="2" stroke-linejoin="round"${se.dash ? ' stroke-dasharray="6 3"' : ''} points="${pts.join(' ')}"/>`;
  }
  s += '</g>';
  s += legend(spec.series.map((x) => ({ name: x.name, color: x.color, ...(x.dash ? { dash: true } : {}) })));
  return s + '</svg>';
}
