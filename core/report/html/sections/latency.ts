import { COLORS } from '../../charts/chartSpec.js';
import { esc } from '../escape.js';
import { empty } from '../fragments.js';
import { genericMetricTable } from '../genericTable.js';
import { curveCharts } from '../curveCharts.js';
import type { RenderContext } from '../renderContext.js';

const PCT = ['p50', 'p90', 'p95', 'p99', 'p999', 'max', 'mean'];

/** Latency: percentile tables with paired deltas and ratios, histograms / CDFs on a log axis. */
export function latencySection(ctx: RenderContext): string {
  const recs = ctx.metrics('latency.');
  if (!recs.length) return empty('Latency was not measured in this run; rerun with latency replay enabled to compare the models\' speed.');
  const busy = recs.find((r) => r.id === 'latency.machine_busy');
  let html = '<p>Paired replay: both models receive the same requests in alternating (ABBA) order. Percentiles are nearest-rank values of the raw samples; warm-up requests are excluded and reported apart; intervals are paired bootstrap intervals over requests.</p>';
  if (busy?.value === 1) html += `<p class="warn">⚠ The machine was busy during the measurement${busy.note ? `: ${esc(busy.note)}` : ''}. Treat the latency figures with caution.</p>`;
  const run = recs.filter((r) => PCT.some((p) => r.id === `latency.${p}`));
  const e2e = recs.filter((r) => PCT.some((p) => r.id === `latency.e2e.${p}`));
  const rest = recs.filter((r) => !run.includes(r) && !e2e.includes(r));
  if (run.length) html += `<h3>session.run time</h3>${genericMetricTable(run, { withDirection: true })}`;
  if (e2e.length) html += `<h3>End-to-end time</h3>${genericMetricTable(e2e, { withDirection: true })}`;
  const charts = curveCharts(ctx.report.curves.filter((c) => c.id.startsWith('latency')));
  const figs = charts.map((c) => ctx.chart(c.spec, `${c.spec.title} of both models on a logarithmic time axis.`));
  const pcts = PCT.filter((p) => p !== 'mean' && run.some((r) => r.id === `latency.${p}`));
  if (pcts.length) {
    const v = (p: string, m: string) => run.find((r) => r.id === `latency.${p}` && r.model === m);
    figs.unshift(ctx.chart({
      kind: 'bar', title: 'Latency percentiles (session.run)', yLabel: `time (${v(pcts[0], 'production')?.unit ?? 'µs'})`, categories: pcts,
      series: (['production', 'candidate'] as const).map((m) => ({ name: m, color: COLORS[m], values: pcts.map((p) => v(p, m)?.value ?? null), lo: pcts.map((p) => v(p, m)?.ci?.low ?? null), hi: pcts.map((p) => v(p, m)?.ci?.high ?? null) })),
    }, 'Nearest-rank percentiles of session.run time per model, with bootstrap intervals.'));
  }
  if (figs.length) html += `<div class="chart-grid">${figs.join('')}</div>`;
  if (rest.length) html += `<h3>Other latency measurements</h3>${genericMetricTable(rest)}`;
  return html;
}
