import type { MetricRecord } from '../../../../core/contract/index.js';
import { Panel } from '../../components/Panel.js';
import { baseLayout, Plot, themeColors } from '../../components/Plot.js';
import { fmtNum } from '../../format/number.js';
import { definitionOf } from '../../metrics/definitions.js';
import { type FairnessAttribute, type FairnessPoint, fourFifths } from '../../metrics/group.js';
import { FamilyTable } from './FamilyTable.js';

/** Per-group metrics drawn as grouped bars, in this order; the rest are in the per-group table. */
const CHARTED = ['selection_rate', 'tpr', 'fpr', 'precision'];

function barTrace(points: FairnessPoint[], model: 'production' | 'candidate', color: string) {
  const recs = points.map((p) => p[model]);
  return {
    type: 'bar', name: model === 'production' ? 'Production' : 'Candidate', x: points.map((p) => p.group),
    y: recs.map((r) => r?.value ?? null), marker: { color },
    error_y: {
      type: 'data', symmetric: false, color: themeColors().fg, thickness: 1, width: 4,
      array: recs.map((r) => (r?.ci && r.value !== null ? r.ci.high - r.value : 0)),
      arrayminus: recs.map((r) => (r?.ci && r.value !== null ? r.value - r.ci.low : 0)),
    },
    hovertemplate: `%{x}: %{y:.4f}<extra>${model}</extra>`,
  };
}

function describe(attr: string, metric: string, points: FairnessPoint[]): string {
  const parts = points.map((p) => `${p.group}: production ${fmtNum(p.production?.value)}, candidate ${fmtNum(p.candidate?.value)}`);
  return `${definitionOf('fairness.' + metric).label} by ${attr}. ${parts.join('; ')}.`;
}

/** One attribute: grouped bars per metric with CI whiskers, the four-fifths ratio chart with the 0.8-1.25 band, the summary table. */
function AttributeBlock({ fa, theme, total }: { fa: FairnessAttribute; theme: string; total?: number }) {
  const sel = fa.metrics.find((m) => m.name === 'selection_rate');
  const impact = fa.metrics.find((m) => m.name === 'impact_ratio');
  const charted = CHARTED.flatMap((n) => fa.metrics.filter((m) => m.name === n));
  // The engine's impact_ratio records (with CIs) when present, else computed from the selection rates.
  const ratios = impact
    ? impact.points.map((p) => ({ group: p.group, production: p.production?.value ?? null, candidate: p.candidate?.value ?? null, pr: p.production, cr: p.candidate }))
    : sel ? fourFifths(sel.points).map((r) => ({ ...r, pr: undefined, cr: undefined })) : [];
  return (
    <Panel id={`fairness-${fa.attribute}`} title={<>Fairness by <span className="mono">{fa.attribute}</span></>} aside={`${fa.groups.length} groups: ${fa.groups.join(', ')}`}>
      <div className="legend" aria-hidden="true"><span><span className="swatch production" /> Production</span><span><span className="swatch candidate" /> Candidate</span><span>whiskers: 95% CI</span></div>
      <div className="plots">
        {charted.map((m) => (
          <Plot key={m.name} theme={theme} deps={[m.points]} describe={describe(fa.attribute, m.name, m.points)} build={() => {
            const c = themeColors();
            return {
              data: [barTrace(m.points, 'production', c.prod), barTrace(m.points, 'candidate', c.cand)],
              layout: baseLayout(`${definitionOf('fairness.' + m.name).label} by ${fa.attribute}`, { barmode: 'group', yaxis: { rangemode: 'tozero', tickformat: '.2f' }, xaxis: { type: 'category' } }),
            };
          }} />
        ))}
        {ratios.length > 0 && (
          <Plot theme={theme} deps={[ratios]} describe={`Selection rate relative to the highest group, by ${fa.attribute}; the four-fifths band is 0.8 to 1.25. ${ratios.map((r) => `${r.group}: production ${fmtNum(r.production, { decimals: 3 })}, candidate ${fmtNum(r.candidate, { decimals: 3 })}`).join('; ')}.`} build={() => {
            const c = themeColors();
            const mk = (model: 'production' | 'candidate', color: string) => ({
              type: 'bar', name: model === 'production' ? 'Production' : 'Candidate', x: ratios.map((r) => r.group), y: ratios.map((r) => r[model]),
              marker: { color },
              error_y: { type: 'data', symmetric: false, color: c.fg, thickness: 1, width: 4, visible: ratios.some((r) => (model === 'production' ? r.pr : r.cr)?.ci),
                array: ratios.map((r) => { const x = model === 'production' ? r.pr : r.cr; return x?.ci && x.value !== null ? x.ci.high - x.value : 0; }),
                arrayminus: ratios.map((r) => { const x = model === 'production' ? r.pr : r.cr; return x?.ci && x.value !== null ? x.value - x.ci.low : 0; }) },
              text: ratios.map((r) => { const v = r[model]; return v === null ? '' : (v < 0.8 || v > 1.25 ? '⚠ ' : '') + v.toFixed(3); }),
              textposition: 'outside', cliponaxis: false, hovertemplate: `%{x}: %{y:.3f}<extra>${model}</extra>`,
            });
            return {
              data: [mk('production', c.prod), mk('candidate', c.cand)],
              layout: baseLayout(`Four-fifths check: selection rate ÷ highest group`, {
                barmode: 'group', xaxis: { type: 'category' }, yaxis: { range: [0, 1.4], tickformat: '.2f' },
                shapes: [
                  { type: 'rect', xref: 'paper', x0: 0, x1: 1, y0: 0.8, y1: 1.25, fillcolor: c.band, opacity: 0.6, line: { width: 0 }, layer: 'below' },
                  { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 0.8, y1: 0.8, line: { color: c.soft, width: 1, dash: 'dash' } },
                  { type: 'line', xref: 'paper', x0: 0, x1: 1, y0: 1.25, y1: 1.25, line: { color: c.soft, width: 1, dash: 'dash' } },
                ],
                annotations: [{ xref: 'paper', x: 1, y: 0.8, yanchor: 'top', xanchor: 'right', text: '0.8', showarrow: false, font: { size: 10, color: c.soft } }, { xref: 'paper', x: 1, y: 1.25, yanchor: 'bottom', xanchor: 'right', text: '1.25', showarrow: false, font: { size: 10, color: c.soft } }],
              }),
            };
          }} />
        )}
      </div>
      {fa.summary.length > 0 && (
        <div style={{ marginTop: 10 }}>
          <FamilyTable rows={fa.summary} label={`Parity differences and ratios by ${fa.attribute}`} total={total} />
        </div>
      )}
      <details style={{ marginTop: 8 }}>
        <summary className="soft">Per-group values</summary>
        <FamilyTable rows={fa.metrics.flatMap((m) => m.points.map((p) => ({ id: `fairness.${m.name}`, family: 'fairness', name: m.name, group: { [fa.attribute]: p.group }, groupKey: `${fa.attribute}=${p.group}`, byModel: { ...(p.production ? { production: p.production } : {}), ...(p.candidate ? { candidate: p.candidate } : {}) } as Partial<Record<'production' | 'candidate', MetricRecord>> })))} label={`Per-group fairness metrics by ${fa.attribute}`} total={total} />
      </details>
    </Panel>
  );
}

export function FairnessPanel({ attributes, theme, total }: { attributes: FairnessAttribute[]; theme: string; total?: number }) {
  return <>{attributes.map((fa) => <AttributeBlock key={fa.attribute} fa={fa} theme={theme} total={total} />)}</>;
}
