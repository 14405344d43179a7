import type { MetricRecord } from '../../../../core/contract/index.js';
import { Panel } from '../../components/Panel.js';
import { baseLayout, Plot, themeColors } from '../../components/Plot.js';
import { fmtCount, fmtInterval } from '../../format/number.js';
import { definitionOf } from '../../metrics/definitions.js';
import type { MetricRow } from '../../metrics/group.js';
import { FamilyTable } from './FamilyTable.js';

/** One metric over the windows: per model the values and intervals, windows ascending. */
export interface TimeSeries {
  id: string;
  windows: string[];
  production: (MetricRecord | undefined)[];
  candidate: (MetricRecord | undefined)[];
  delta: (MetricRecord | undefined)[];
  /** A property of the pair (agreement rate). */
  both: (MetricRecord | undefined)[];
}

/** `time.<metric>` records with group {window}, one series per metric in first-seen order (time.rows and time.window left out). */
export function timeSeries(records: MetricRecord[]): { series: TimeSeries[]; rows: MetricRecord[]; window: MetricRecord | undefined } {
  const timed = records.filter((r) => r.id.startsWith('time.') && r.group?.window !== undefined);
  const windows = [...new Set(timed.map((r) => r.group!.window!))].sort();
  const ids = [...new Set(timed.map((r) => r.id))].filter((id) => id !== 'time.rows');
  const pick = (id: string, model: string) => windows.map((w) => timed.find((r) => r.id === id && r.model === model && r.group!.window === w));
  return {
    series: ids.map((id) => ({ id, windows, production: pick(id, 'production'), candidate: pick(id, 'candidate'), delta: pick(id, 'delta'), both: pick(id, 'both') })),
    rows: windows.map((w) => timed.find((r) => r.id === 'time.rows' && r.group!.window === w)).filter((r): r is MetricRecord => !!r),
    window: records.find((r) => r.id === 'time.window'),
  };
}

const short = (id: string) => definitionOf(id).label.replace(/, per window$/, '');

/** A small multiple: production (blue) then candidate (orange) over the windows, with interval whiskers. */
function SeriesChart({ s, theme }: { s: TimeSeries; theme: string }) {
  const both = !s.production.some(Boolean) && !s.candidate.some(Boolean);
  const describe = `${short(s.id)} per window: ${s.windows.map((w, i) => (both ? `${w} ${fmtInterval(s.both[i]?.value ?? null, s.both[i]?.ci)}` : `${w} production ${fmtInterval(s.production[i]?.value ?? null, s.production[i]?.ci)}, candidate ${fmtInterval(s.candidate[i]?.value ?? null, s.candidate[i]?.ci)}`)).join('; ')}.`;
  return (
    <Plot theme={theme} deps={[s]} describe={describe} build={() => {
      const c = themeColors();
      const trace = (recs: (MetricRecord | undefined)[], name: string, color: string, dash: string) => ({
        type: 'scatter', mode: 'lines+markers', name, x: s.windows, y: recs.map((r) => r?.value ?? null),
        line: { color, width: 2, dash }, marker: { color, size: 5 },
        error_y: { type: 'data', symmetric: false, visible: recs.some((r) => r?.ci), color, thickness: 1, width: 3,
          array: recs.map((r) => (r?.ci && r.value !== null ? r.ci.high - r.value : null)), arrayminus: recs.map((r) => (r?.ci && r.value !== null ? r.value - r.ci.low : null)) },
        hovertemplate: `window from %{x|%Y-%m-%d}: %{y:.4f}<extra>${name}</extra>`,
      });
      const data = both
        ? [trace(s.both, 'Both models', c.soft, 'solid')]
        : [trace(s.production, 'Production', c.prod, 'solid'), trace(s.candidate, 'Candidate', c.cand, 'dash')];
      return { data, layout: baseLayout(short(s.id), { height: 250, margin: { l: 48, r: 12, t: 44, b: 34 }, xaxis: { type: 'date', tickformat: '%b %d', hoverformat: '%Y-%m-%d', tickangle: 0, nticks: 6 }, yaxis: { tickformat: '.3~f' } }) };
    }} />
  );
}

/** Metrics over time: one small multiple per metric, the rows per window, the window rule. */
export function TimeSeriesPanel({ metrics, theme, rows: tableRows, total }: { metrics: MetricRecord[]; theme: string; rows: MetricRow[]; total?: number }) {
  const { series, rows, window } = timeSeries(metrics);
  if (series.length === 0) return tableRows.length ? <Panel id="over-time" title="Metrics over time"><FamilyTable rows={tableRows} label="Metrics per time window" total={total} /></Panel> : null;
  return (
    <Panel id="over-time" title="Metrics over time" aside={window ? `${fmtCount(window.value)} window(s)` : undefined}>
      <p className="soft" style={{ marginTop: 0 }}>
        <span className="swatch production" aria-hidden="true" /> production, <span className="swatch candidate" aria-hidden="true" /> candidate (dashed), per time window with 95% intervals.
        {window?.note ? ` Windows: ${window.note}.` : ''}
        {rows.length > 0 && ` Rows per window: ${rows.map((r) => `${r.group!.window} ${fmtCount(r.value)}`).join(', ')}.`}
      </p>
      <div className="plots" style={{ gridTemplateColumns: 'repeat(auto-fill, minmax(300px, 1fr))' }}>
        {series.map((s) => <div key={s.id} data-series={s.id}><SeriesChart s={s} theme={theme} /></div>)}
      </div>
      <details style={{ marginTop: 8 }}><summary className="soft">Every metric per window, as a table</summary><FamilyTable rows={tableRows} label="Metrics per time window" total={total} /></details>
    </Panel>
  );
}
