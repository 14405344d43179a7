import { useEffect, useState } from 'react';
import type { DriftDistribution, ErrorInfo } from '../../../../core/contract/index.js';
import { WorkbenchError } from '../../../../core/contract/index.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { baseLayout, Plot, themeColors } from '../../components/Plot.js';
import { fmtCount, fmtNum, fmtPercent } from '../../format/number.js';
import { useWorkbench } from '../../state/hooks.js';
import type { DriftColumnRow } from './DriftTable.js';

/** Largest absolute change in share between the two sides, and where. */
function largestShift(d: DriftDistribution): { label: string; ref: number; cur: number } | null {
  let best: { label: string; ref: number; cur: number } | null = null;
  d.reference.forEach((r, i) => {
    const c = d.current[i] ?? 0;
    if (!best || Math.abs(c - r) > Math.abs(best.cur - best.ref)) {
      const label = d.kind === 'numeric' && d.edges ? `${fmtNum(d.edges[i]!)} to ${fmtNum(d.edges[i + 1]!)}` : String(d.bins[i]);
      best = { label, ref: r, cur: c };
    }
  });
  return best;
}

/** Reference vs current distribution of one drift-table column: bars of the reference, current as a step line (numeric) or bars (categorical). */
export function DriftDistributionView({ runId, row, theme }: { runId: string; row: DriftColumnRow; theme: string }) {
  const wb = useWorkbench();
  const [dist, setDist] = useState<DriftDistribution | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  useEffect(() => {
    let alive = true;
    setDist(null);
    setError(null);
    wb.client.getDriftDistribution({ runId, column: row.column })
      .then((d) => { if (alive) setDist(d); })
      .catch((e: unknown) => { if (alive) setError(WorkbenchError.is(e) ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: String(e) }); });
    return () => { alive = false; };
  }, [wb, runId, row.column]);
  const shift = dist ? largestShift(dist) : null;
  return (
    <section className="drift-detail" aria-label={`Distribution of ${row.column}`} data-distribution={row.column}>
      <h3 style={{ margin: '12px 0 4px', fontSize: 13 }}>
        Distribution of <span className="mono">{row.column}</span>
        <span className="soft" style={{ fontWeight: 400 }}> · <span className="swatch reference" aria-hidden="true" /> reference{dist ? ` (${dist.datasets.reference})` : ''} vs <span className="swatch current" aria-hidden="true" /> current{dist ? ` (${dist.datasets.current})` : ''}</span>
      </h3>
      <ErrorNote error={error} />
      {!dist && !error && <p className="soft">Loading the distributions…</p>}
      {dist && (
        <div className="split" style={{ gridTemplateColumns: 'minmax(0, 1fr) 360px' }}>
          <Plot theme={theme} deps={[dist]} describe={`Shares of ${row.column} per ${dist.kind === 'numeric' ? 'bin' : 'value'}, reference then current: ${dist.bins.map((b, i) => `${typeof b === 'number' ? fmtNum(b) : b} ${fmtPercent(dist.reference[i]!)} vs ${fmtPercent(dist.current[i]!)}`).join('; ')}.`} build={() => {
            const c = themeColors();
            const numeric = dist.kind === 'numeric';
            const width = numeric && dist.edges && dist.edges.length > 1 ? dist.edges[1]! - dist.edges[0]! : undefined;
            const ref = { type: 'bar', name: 'Reference', x: dist.bins, y: dist.reference, marker: { color: c.ref, opacity: numeric ? 0.55 : 0.8 }, ...(width ? { width } : {}), hovertemplate: `%{x}: %{y:.2%}<extra>reference</extra>` };
            const cur = numeric
              ? { type: 'scatter', mode: 'lines', line: { shape: 'hvh', color: c.cur, width: 2 }, name: 'Current', x: dist.bins, y: dist.current, hovertemplate: `%{x}: %{y:.2%}<extra>current</extra>` }
              : { type: 'bar', name: 'Current', x: dist.bins, y: dist.current, marker: { color: c.cur }, hovertemplate: `%{x}: %{y:.2%}<extra>current</extra>` };
            return { data: [ref, cur], layout: baseLayout(`${row.column}: share of rows`, { barmode: numeric ? 'overlay' : 'group', bargap: numeric ? 0 : 0.2, height: 260, yaxis: { tickformat: '.0%', rangemode: 'tozero' }, xaxis: numeric ? {} : { type: 'category' } }) };
          }} />
          <dl className="kv" style={{ alignSelf: 'start' }}>
            <dt>Method</dt><dd>{row.method ?? '—'}{row.rule ? <span className="soft"> · {row.rule}</span> : null}</dd>
            <dt>Statistic</dt><dd className="num" style={{ textAlign: 'left' }}>{row.statistic?.value === null || row.statistic === undefined ? '—' : fmtNum(row.statistic.value)}</dd>
            <dt>Drifted</dt><dd>{row.drifted === null ? 'not evaluable' : row.drifted ? '▲ yes' : 'no'}</dd>
            <dt>PSI</dt><dd className="num" style={{ textAlign: 'left' }}>{row.psi?.value === null || row.psi === undefined ? '—' : fmtNum(row.psi.value)}</dd>
            <dt>Rows</dt><dd className="num" style={{ textAlign: 'left' }}>{fmtCount(dist.n.reference)} reference · {fmtCount(dist.n.current)} current</dd>
            {dist.kind === 'numeric' && <><dt>Missing</dt><dd className="num" style={{ textAlign: 'left' }}>{fmtCount(dist.missing.reference)} reference · {fmtCount(dist.missing.current)} current</dd></>}
            {shift && <><dt>Largest shift</dt><dd>{shift.label}: {fmtPercent(shift.ref)} → {fmtPercent(shift.cur)}</dd></>}
            <dt>Bins</dt><dd className="soft" style={{ fontSize: 11.5 }}>{dist.note}</dd>
          </dl>
        </div>
      )}
    </section>
  );
}
