import type { Curve } from '../../../../core/contract/index.js';
import { Panel } from '../../components/Panel.js';
import { baseLayout, Plot, themeColors } from '../../components/Plot.js';
import { humanize } from '../../metrics/definitions.js';

const TITLES: Record<string, string> = { roc: 'ROC curve', pr: 'Precision-recall curve', calibration: 'Calibration (reliability)', score_hist: 'Score distribution', latency_cdf: 'Latency CDF (log axis)' };
const ORDER = ['roc', 'pr', 'calibration', 'score_hist', 'latency_cdf'];

/** Overlaid curves of both models, one chart per curve id; unknown ids are drawn as lines. */
export function CurvesPanel({ curves, theme, ids, title }: { curves: Curve[]; theme: string; ids?: string[]; title: string }) {
  const groups = [...new Set(curves.map((c) => c.id))].filter((id) => !ids || ids.includes(id)).sort((a, b) => (ORDER.indexOf(a) + 99) % 99 - (ORDER.indexOf(b) + 99) % 99);
  if (groups.length === 0) return null;
  return (
    <Panel id={`curves-${title.toLowerCase().replace(/\W+/g, '-')}`} title={title}>
      <div className="plots">
        {groups.map((id) => {
          const rank = (m: Curve['model']) => ['production', 'candidate', 'both', 'reference', 'noise'].indexOf(m);
          const cs = curves.filter((c) => c.id === id).sort((a, b) => rank(a.model) - rank(b.model));
          return (
            <Plot key={id} theme={theme} deps={[cs]} describe={`${TITLES[id] ?? humanize(id)} of production and candidate (${cs[0]?.xLabel ?? 'x'} against ${cs[0]?.yLabel ?? 'y'}).`} build={() => {
              const c = themeColors();
              const hist = id === 'score_hist';
              const colour = (m: Curve['model']) => (m === 'production' ? c.prod : m === 'candidate' ? c.cand : c.soft);
              const log = id === 'latency_cdf';
              // A log axis cannot place x <= 0: those points are left out (latencies are positive).
              const keep = (cv: Curve) => cv.x.map((x, i) => i).filter((i) => !log || cv.x[i]! > 0);
              const data: unknown[] = cs.map((cv) => ({
                type: hist ? 'bar' : 'scatter', mode: 'lines', x: keep(cv).map((i) => cv.x[i]), y: keep(cv).map((i) => cv.y[i]),
                ...(log ? { hovertemplate: `%{x:,.0f} µs: %{y:.1%}<extra>${cv.model}</extra>` } : {}),
                name: `${cv.model.charAt(0).toUpperCase()}${cv.model.slice(1)}${cv.group ? ` · ${Object.values(cv.group).join(', ')}` : ''}`,
                line: { color: colour(cv.model), width: 2, dash: cv.model === 'candidate' ? 'dash' : cv.model === 'production' ? 'solid' : 'dot' },
                marker: { color: colour(cv.model) },
              }));
              if (id === 'roc' || id === 'calibration') data.push({ type: 'scatter', mode: 'lines', x: [0, 1], y: [0, 1], name: id === 'roc' ? 'chance' : 'perfect', line: { color: c.soft, width: 1, dash: 'dot' }, hoverinfo: 'skip' });
              return {
                data,
                layout: baseLayout(TITLES[id] ?? humanize(id), {
                  barmode: 'group', bargap: 0.15,
                  xaxis: { title: { text: cs[0]?.xLabel ?? '' }, ...(log ? { type: 'log', dtick: 'D2' } : {}) },
                  yaxis: { title: { text: cs[0]?.yLabel ?? '' }, ...(log ? { tickformat: '.0%', range: [0, 1.02] } : {}) },
                }),
              };
            }} />
          );
        })}
      </div>
    </Panel>
  );
}
