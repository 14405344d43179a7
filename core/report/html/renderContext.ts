import type { CriteriaResult, MetricRecord } from '../../contract/index.js';
import type { ReportModel } from '../reportModel.js';
import type { ChartSpec } from '../charts/chartSpec.js';
import { chartSvg } from '../charts/chartSvg.js';
import { esc } from './escape.js';

/** State shared by the section renderers: the report, the charts drawn so far, the rendering mode. */
export class RenderContext {
  readonly charts: { id: string; spec: ChartSpec }[] = [];
  constructor(readonly report: ReportModel, readonly interactive: boolean) {}

  /** A figure: static SVG always (print), plus a Plotly target in interactive HTML. */
  chart(spec: ChartSpec, caption: string): string {
    const id = `fig-${this.charts.length + 1}`;
    this.charts.push({ id, spec });
    const target = this.interactive ? `<div class="plotly" data-chart="${id}"></div>` : '';
    return `<figure class="chart-fig" id="${id}"><div class="svg-chart">${chartSvg(spec, id)}</div>${target}<figcaption>Figure ${this.charts.length}. ${esc(caption)}</figcaption></figure>`;
  }

  metrics(prefix: string): MetricRecord[] {
    return this.report.metrics.filter((m) => m.id.startsWith(prefix));
  }

  /** The criteria results that cover a metric id, for pass/fail marks next to numbers. */
  criteriaFor(id: string): CriteriaResult[] {
    return (this.report.criteria ?? []).filter((c) => c.metric === id || c.rule.split(' ')[0] === id);
  }
}

export const groupKey = (g: Record<string, string> | undefined): string => (g ? JSON.stringify(Object.entries(g).sort()) : '');
export const groupText = (g: Record<string, string> | undefined | null): string => (g ? Object.entries(g).map(([k, v]) => `${k} = ${v}`).join(', ') : '');
