import type { MetricRecord } from '../../../contract/index.js';
import { esc } from '../escape.js';
import { pValue, withCi } from '../format.js';
import { deltaMark, empty, statusBadge, table } from '../fragments.js';
import { genericMetricTable } from '../genericTable.js';
import { higherIsBetter, metricName, metricTitle } from '../metricInfo.js';
import { curveCharts } from '../curveCharts.js';
import type { RenderContext } from '../renderContext.js';

export const OUTCOME_CURVES = ['roc', 'pr', 'calibration', 'score_hist'];

function testCell(id: string, d: MetricRecord | undefined, all: MetricRecord[]): string {
  if (d?.p !== undefined) return esc(`${pValue(d.p)}${d.ci?.method?.startsWith('delong') ? ' (DeLong)' : ''}`);
  if (id === 'outcome.accuracy') {
    const mc = all.find((m) => m.id === 'shadow.mcnemar_p');
    if (mc) return esc(`${pValue(mc.value)} (McNemar)`);
  }
  return d?.ci ? '<span class="small">interval only</span>' : '–';
}

/** Outcomes and benchmarking: side-by-side table with deltas, CIs and tests; agreement; ROC/PR/calibration/score charts. */
export function outcomesSection(ctx: RenderContext): string {
  const all = ctx.report.metrics;
  const recs = ctx.metrics('outcome.');
  const ids = [...new Set(recs.map((r) => r.id))];
  const rows = ids.map((id) => {
    const by = (m: string) => recs.find((r) => r.id === id && r.model === m && !r.group);
    const p = by('production'), c = by('candidate'), d = by('delta');
    const crit = ctx.criteriaFor(id);
    return [
      `<span title="${esc(metricTitle(id))}">${esc(metricName(id))}</span><br><code class="id">${esc(id)}</code>`,
      `<span class="num" title="${esc(p?.note ?? '')}">${esc(withCi(p?.value, p?.ci))}</span>`,
      `<span class="num" title="${esc(c?.note ?? '')}">${esc(withCi(c?.value, c?.ci))}</span>`,
      `<span class="num">${esc(withCi(d?.value, d?.ci, true))}</span>`,
      testCell(id, d, all),
      deltaMark(d?.value, d?.ci?.low, d?.ci?.high, higherIsBetter(id)),
      crit.map((x) => statusBadge(x.status)).join(' '),
    ];
  });
  const level = recs.find((r) => r.ci)?.ci?.level ?? ctx.report.settings.bootstrap.level;
  let html = recs.length
    ? `<p>Both models scored the same ${esc(String(ctx.report.data.labelled ?? '–'))} labelled rows; delta = candidate − production. Intervals are ${esc(String(Math.round(level * 100)))} %; the method of each is in the methods appendix. A change is called better or worse only when its interval excludes 0.</p>` +
      table(['Metric', '<span class="prod-dot"></span>Production', '<span class="cand-dot"></span>Candidate', 'Delta [CI]', 'Paired test', 'Change', 'Criteria'], rows, 'metrics outcomes')
    : empty('No outcome metrics: map a label column (--map) so outcome metrics can be computed.');
  const shadow = ctx.metrics('shadow.');
  if (shadow.length) html += `<h3>Agreement between the models (all scored rows)</h3>${genericMetricTable(shadow)}`;
  const calib = ctx.metrics('calibration.');
  if (calib.length) html += `<h3>Calibration</h3>${genericMetricTable(calib, { withDirection: true })}`;
  const charts = curveCharts(ctx.report.curves.filter((c) => OUTCOME_CURVES.includes(c.id))).sort((a, b) => OUTCOME_CURVES.indexOf(a.id) - OUTCOME_CURVES.indexOf(b.id));
  if (charts.length) html += `<h3>Curves</h3><div class="chart-grid">${charts.map((c) => ctx.chart(c.spec, captionFor(c.id))).join('')}</div>`;
  else html += empty('No ROC, PR, calibration or score-distribution curves are stored in report.json; re-run with a version that records curves to draw them.');
  return html;
}

function captionFor(id: string): string {
  return ({
    roc: 'ROC curves of both models on the labelled rows; the dashed diagonal is chance.',
    pr: 'Precision–recall curves of both models on the labelled rows.',
    calibration: 'Observed positive share against mean predicted score per bin; the dashed diagonal is perfect calibration.',
    score_hist: 'Distribution of the positive-class score of both models over all scored rows.',
  } as Record<string, string>)[id] ?? id;
}
