import type { Curve } from '../../contract/index.js';
import { COLORS, type LineChartSpec, type LineSeries } from '../charts/chartSpec.js';
import { groupText } from './renderContext.js';

const ORDER: Record<string, number> = { production: 0, candidate: 1, reference: 2, noise: 3, both: 4 };

export function seriesOf(curves: Curve[]): LineSeries[] {
  return [...curves].sort((a, b) => (ORDER[a.model] ?? 9) - (ORDER[b.model] ?? 9)).map((c) => ({
    name: c.model === 'both' ? 'both' : c.model, color: (COLORS as Record<string, string>)[c.model] ?? '#555', x: c.x, y: c.y,
    ...(c.model === 'reference' || c.model === 'noise' ? { dash: true } : {}),
  }));
}

const PRESETS: Record<string, Partial<LineChartSpec> & { title: string }> = {
  roc: { title: 'ROC curve', xLabel: 'False positive rate', yLabel: 'True positive rate', diagonal: true, xRange: [0, 1], yRange: [0, 1] },
  pr: { title: 'Precision–recall curve', xLabel: 'Recall', yLabel: 'Precision', xRange: [0, 1], yRange: [0, 1] },
  calibration: { title: 'Calibration (reliability) curve', xLabel: 'Mean predicted score in bin', yLabel: 'Observed positive share', diagonal: true, xRange: [0, 1], yRange: [0, 1] },
  score_hist: { title: 'Score distribution', xLabel: 'Score p', yLabel: 'Share of rows' },
  latency_cdf: { title: 'Latency CDF', xLabel: 'Latency (µs, log scale)', yLabel: 'Share of requests at or below', logX: true, yRange: [0, 1] },
  latency_hist: { title: 'Latency histogram', xLabel: 'Latency (µs, log scale)', yLabel: 'Share of requests', logX: true },
};

/** Chart specs for every (curve id, group) in `curves`, with presets for known ids and generic ones otherwise. */
export function curveCharts(curves: Curve[]): { key: string; id: string; spec: LineChartSpec }[] {
  const by = new Map<string, Curve[]>();
  for (const c of curves) {
    const k = c.id + '|' + (c.group ? JSON.stringify(Object.entries(c.group).sort()) : '');
    if (!by.has(k)) by.set(k, []);
    by.get(k)!.push(c);
  }
  return [...by.entries()].sort((a, b) => a[0].localeCompare(b[0])).map(([key, cs]) => {
    const id = cs[0].id;
    const p = PRESETS[id];
    const g = groupText(cs[0].group);
    const step = id.endsWith('_cdf') || id.endsWith('_hist') || id === 'score_hist';
    const series = seriesOf(cs).map((s) => (step ? { ...s, shape: 'step' as const } : s));
    return {
      key, id,
      spec: {
        kind: 'line', title: `${p?.title ?? id.replace(/_/g, ' ')}${g ? ` (${g})` : ''}`,
        xLabel: p?.xLabel ?? cs[0].xLabel ?? 'x', yLabel: p?.yLabel ?? cs[0].yLabel ?? 'y', series,
        ...(p?.diagonal ? { diagonal: true } : {}), ...(p?.xRange ? { xRange: p.xRange } : {}), ...(p?.yRange ? { yRange: p.yRange } : {}), ...(p?.logX ? { logX: true } : {}),
      },
    };
  });
}
