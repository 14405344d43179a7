import type { MetricRecord } from '../../../contract/index.js';
import { COLORS, type BarChartSpec } from '../../charts/chartSpec.js';
import { esc } from '../escape.js';
import { int, num } from '../format.js';
import { empty, table } from '../fragments.js';
import { genericMetricTable } from '../genericTable.js';
import type { RenderContext } from '../renderContext.js';

const RATES: [string, string][] = [['fairness.selection_rate', 'Selection rate'], ['fairness.tpr', 'True positive rate'], ['fairness.fpr', 'False positive rate'], ['fairness.impact_ratio', 'Impact ratio']];
const SHOWN = new Set(['fairness.count', ...RATES.map(([id]) => id)]);

/** Fairness by group: per sensitive attribute, rates per group with CIs, parity summaries, grouped bar charts. */
export function fairnessSection(ctx: RenderContext): string {
  const recs = ctx.metrics('fairness.');
  if (!recs.length) return empty('No fairness metrics: map one or more sensitive attribute columns (sensitive: in the map) and rerun.');
  const attrs = [...new Set(recs.flatMap((r) => Object.keys(r.group ?? {})))].sort();
  let html = `<p>Groups are the distinct values of each sensitive attribute (NULL is the group "missing"). Selection rates use every scored row; TPR and FPR use labelled rows. The impact ratio is a group's selection rate over the highest group's; the four-fifths band [0.8, 1.25] is shaded.</p>`;
  for (const attr of attrs) {
    const inAttr = recs.filter((r) => r.group && attr in r.group);
    const groups = [...new Set(inAttr.map((r) => r.group![attr]).filter((g) => g !== '*'))].sort();
    const get = (id: string, g: string, m: string): MetricRecord | undefined => inAttr.find((r) => r.id === id && r.model === m && r.group![attr] === g);
    html += `<h3>Attribute <code>${esc(attr)}</code></h3>`;
    const rows = groups.map((g) => [
      esc(g), esc(int(get('fairness.count', g, 'both')?.value)),
      ...RATES.flatMap(([id]) => ['production', 'candidate'].map((m) => {
        const r = get(id, g, m);
        const flag = id === 'fairness.impact_ratio' && r?.value != null && (r.value < 0.8 || r.value > 1.25) ? ' <span class="flag">⚑ outside band</span>' : '';
        return `<span class="num">${esc(num(r?.value))}</span>${r?.ci ? `<br><span class="p">[${esc(num(r.ci.low))}, ${esc(num(r.ci.high))}]</span>` : ''}${flag}`;
      })),
    ]);
    const head = ['Group', 'n', ...RATES.flatMap(([, name]) => [`${name}<br><span class="prod-dot"></span>prod.`, `${name}<br><span class="cand-dot"></span>cand.`])];
    html += table(head, rows, 'metrics fairness');
    const charts = RATES.filter(([id]) => groups.some((g) => get(id, g, 'production') || get(id, g, 'candidate'))).map(([id, name]) => {
      const spec: BarChartSpec = {
        kind: 'bar', title: `${name} by ${attr}`, yLabel: name, categories: groups,
        series: (['production', 'candidate'] as const).map((m) => ({
          name: m, color: COLORS[m], values: groups.map((g) => get(id, g, m)?.value ?? null),
          lo: groups.map((g) => get(id, g, m)?.ci?.low ?? null), hi: groups.map((g) => get(id, g, m)?.ci?.high ?? null),
        })),
        ...(id === 'fairness.impact_ratio' ? { band: { from: 0.8, to: 1.25, label: 'four-fifths band 0.8–1.25' } } : {}),
      };
      return ctx.chart(spec, `${name} per group of ${attr}, production and candidate, with ${Math.round(ctx.report.settings.bootstrap.level * 100)} % bootstrap intervals.`);
    });
    html += `<div class="chart-grid">${charts.join('')}</div>`;
    const summary = inAttr.filter((r) => r.group![attr] === '*');
    if (summary.length) html += `<h4>Parity summaries for ${esc(attr)}</h4>${genericMetricTable(summary)}`;
  }
  const other = recs.filter((r) => !SHOWN.has(r.id) && !Object.values(r.group ?? {}).includes('*'));
  if (other.length) html += `<h3>Other fairness measurements</h3>${genericMetricTable(other)}`;
  return html;
}
