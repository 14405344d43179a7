import type { MetricRecord } from '../../../contract/index.js';
import { COLORS } from '../../charts/chartSpec.js';
import { esc } from '../escape.js';
import { num, pValue } from '../format.js';
import { empty, table } from '../fragments.js';
import { genericMetricTable } from '../genericTable.js';
import { curveCharts } from '../curveCharts.js';
import type { RenderContext } from '../renderContext.js';

const COLUMN_IDS = ['drift.psi', 'drift.method_value', 'drift.p_adjusted', 'drift.drifted'];

/** Drift per column (reference vs current window): method, statistic, PSI band, corrected p, drifted; PSI bars. */
export function driftSection(ctx: RenderContext): string {
  const recs = ctx.metrics('drift.');
  if (!recs.length) return empty('Drift was not measured in this run; give a reference dataset (or a reference window) to compare input distributions.');
  const perCol = recs.filter((r) => r.group?.column !== undefined && r.group.window === undefined);
  const cols = [...new Set(perCol.map((r) => r.group!.column))].sort();
  const get = (id: string, col: string): MetricRecord | undefined => perCol.find((r) => r.id === id && r.group!.column === col && Object.keys(r.group!).length === 1);
  let html = '<p>Each input column of the current data is compared with the reference. PSI bands: below 0.1 stable, 0.1–0.25 monitor, 0.25 and above act. p-values are corrected for the number of columns.</p>';
  const share = recs.find((r) => r.id === 'drift.share_drifted');
  if (share) html += `<p class="lead-num">Share of drifted columns: <strong>${esc(num(share.value))}</strong>${share.note ? ` (${esc(share.note)})` : ''}.</p>`;
  if (cols.length) {
    const rows = cols.map((col) => {
      const psi = get('drift.psi', col), mv = get('drift.method_value', col), pa = get('drift.p_adjusted', col), dr = get('drift.drifted', col);
      const method = /method=([^;]+)/.exec(mv?.note ?? '')?.[1] ?? '–';
      const drifted = dr?.value === 1 ? '<span class="flag">⚑ drifted</span>' : dr?.value === 0 ? 'no' : '<span class="small">not evaluable</span>';
      return [esc(col), esc(method), `<span class="num" title="${esc(mv?.note ?? '')}">${esc(num(mv?.value))}</span>`, `<span class="num" title="${esc(psi?.note ?? '')}">${esc(num(psi?.value))}</span>`, esc(pa ? pValue(pa.value) : '–'), drifted];
    });
    html += table(['Column', 'Method', 'Statistic', 'PSI', 'Corrected p', 'Drifted'], rows, 'metrics drift');
    const psiCols = cols.filter((c) => get('drift.psi', c)?.value != null);
    if (psiCols.length) {
      html += ctx.chart({
        kind: 'bar', title: 'Population stability index per column', yLabel: 'PSI', categories: psiCols,
        series: [{ name: 'PSI (current vs reference)', color: COLORS.candidate, values: psiCols.map((c) => get('drift.psi', c)!.value) }],
        refLines: [{ y: 0.1, label: 'monitor 0.1' }, { y: 0.25, label: 'act 0.25' }],
      }, 'PSI of each column between the reference and the current window; dashed lines mark the 0.1 and 0.25 bands.');
    }
  }
  const shown = new Set(COLUMN_IDS);
  const rest = recs.filter((r) => !(r.group?.column !== undefined && r.group.window === undefined && shown.has(r.id)) && r.group?.window === undefined);
  if (rest.length) html += `<h3>All drift measurements</h3>${genericMetricTable(rest)}`;
  const overTime = recs.filter((r) => r.group?.window !== undefined);
  if (overTime.length) html += `<h3>Drift over time</h3>${genericMetricTable(overTime)}`;
  const charts = curveCharts(ctx.report.curves.filter((c) => c.id.startsWith('drift')));
  if (charts.length) html += `<div class="chart-grid">${charts.map((c) => ctx.chart(c.spec, `Reference and current distribution: ${c.spec.title}.`)).join('')}</div>`;
  return html;
}
