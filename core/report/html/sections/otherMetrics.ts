import { esc } from '../escape.js';
import { genericMetricTable } from '../genericTable.js';
import { curveCharts } from '../curveCharts.js';
import type { RenderContext } from '../renderContext.js';

/** Families with a dedicated section; every other id prefix is rendered here generically. */
export const DEDICATED = ['data.', 'outcome.', 'shadow.', 'calibration.', 'fairness.', 'drift.', 'latency.', 'noise.', 'process.'];
const DEDICATED_CURVES = /^(roc|pr|calibration|score_hist|latency.*|drift.*)$/;

/** Metric families and curves no dedicated section knows yet; returns '' when there are none. */
export function otherMetricsSection(ctx: RenderContext): string {
  const recs = ctx.report.metrics.filter((m) => m.model !== 'noise' && !DEDICATED.some((p) => m.id.startsWith(p)));
  const curves = ctx.report.curves.filter((c) => !DEDICATED_CURVES.test(c.id));
  if (!recs.length && !curves.length) return '';
  const families = [...new Set(recs.map((r) => r.id.split('.')[0]))].sort();
  let html = '<p>Measurements recorded in report.json that have no dedicated section in this version of the report.</p>';
  for (const f of families) html += `<h3>${esc(f)}.*</h3>${genericMetricTable(recs.filter((r) => r.id.split('.')[0] === f))}`;
  const charts = curveCharts(curves);
  if (charts.length) html += `<div class="chart-grid">${charts.map((c) => ctx.chart(c.spec, c.spec.title)).join('')}</div>`;
  return html;
}
