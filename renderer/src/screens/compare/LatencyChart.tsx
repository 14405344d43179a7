import type { MetricRecord } from '../../../../core/contract/index.js';
import { baseLayout, Plot, themeColors } from '../../components/Plot.js';

/** Percentiles of both models as grouped bars on a log axis (from latency.pNN records). */
export function LatencyChart({ metrics, theme }: { metrics: MetricRecord[]; theme: string }) {
  const pct = metrics.filter((r) => /^latency\.p\d+(_\d+)?$/.test(r.id) && !r.group && (r.model === 'production' || r.model === 'candidate'));
  if (pct.length === 0) return null;
  const ids = [...new Set(pct.map((r) => r.id))];
  const label = (id: string) => id.slice('latency.'.length).replace('_', '.');
  const unit = pct[0]?.unit ?? 'µs';
  return (
    <Plot theme={theme} deps={[pct]} describe={`Latency percentiles in ${unit}: ${ids.map((id) => `${label(id)} production ${pct.find((r) => r.id === id && r.model === 'production')?.value}, candidate ${pct.find((r) => r.id === id && r.model === 'candidate')?.value}`).join('; ')}.`} build={() => {
      const c = themeColors();
      const trace = (model: 'production' | 'candidate', color: string) => ({
        type: 'bar', name: model === 'production' ? 'Production' : 'Candidate', x: ids.map(label),
        y: ids.map((id) => pct.find((r) => r.id === id && r.model === model)?.value ?? null), marker: { color },
        hovertemplate: `%{x}: %{y:,.1f} ${unit}<extra>${model}</extra>`,
      });
      return { data: [trace('production', c.prod), trace('candidate', c.cand)], layout: baseLayout(`Latency percentiles (${unit})`, { barmode: 'group', yaxis: { rangemode: 'tozero', title: { text: unit } }, xaxis: { type: 'category' } }) };
    }} />
  );
}
