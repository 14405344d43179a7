import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { FAMILY_LABELS, humanize } from '../metrics/definitions.js';
import { byFamily, fairnessAttributes, pivot } from '../metrics/group.js';
import { useAppState } from '../state/hooks.js';
import { ConfusionMatrices } from './compare/ConfusionMatrix.js';
import { CurvesPanel } from './compare/CurvesPanel.js';
import { DriftSection } from './compare/DriftSection.js';
import { driftColumns } from './compare/DriftTable.js';
import { FairnessPanel } from './compare/FairnessPanel.js';
import { FamilyTable } from './compare/FamilyTable.js';
import { HeadlineCards } from './compare/HeadlineCards.js';
import { LatencyChart } from './compare/LatencyChart.js';
import { OutcomeTable } from './compare/OutcomeTable.js';
import { TimeSeriesPanel } from './compare/TimeSeriesPanel.js';

/** Compare: headline cards, outcomes, fairness, then every other metric family as a table. */
export function CompareScreen() {
  const metrics = useAppState((s) => s.metrics);
  const curves = useAppState((s) => s.curves);
  const criteria = useAppState((s) => s.criteria);
  const run = useAppState((s) => s.run);
  const theme = useAppState((s) => s.theme);
  const error = useAppState((s) => s.errors.metrics);
  const busy = useAppState((s) => s.busy.metrics);
  if (!metrics) {
    return (
      <>
        <h1>Compare</h1>
        <ErrorNote error={error} />
        <p className="empty">{busy ? 'Loading metrics…' : run?.status === 'running' ? 'The run is still going; results appear here when it finishes.' : 'No results yet: start a run on the Run screen (Ctrl+3).'}</p>
      </>
    );
  }
  const total = run?.rowsTotal;
  const families = byFamily(pivot(metrics));
  const outcome = families.find(([f]) => f === 'outcome')?.[1].filter((r) => !r.group) ?? [];
  const outcomeGrouped = families.find(([f]) => f === 'outcome')?.[1].filter((r) => r.group) ?? [];
  const fairness = fairnessAttributes(metrics);
  const fairnessOther = (families.find(([f]) => f === 'fairness')?.[1] ?? []).filter((r) => !r.group || Object.keys(r.group).length !== 1);
  const rest = families.filter(([f]) => f !== 'outcome' && f !== 'fairness' && f !== 'time');
  return (
    <>
      <h1>Compare</h1>
      <p className="lede">
        <span className="swatch production" aria-hidden="true" /> production vs <span className="swatch candidate" aria-hidden="true" /> candidate on the same rows{run ? <> (run <span className="mono">{run.id}</span>)</> : null}.
        Δ is candidate minus production with a paired 95% interval; ▲ better / ▼ worse / = no clear change (interval includes 0).
      </p>
      <HeadlineCards metrics={metrics} criteria={criteria} total={total} />
      {outcome.length > 0 && (
        <Panel id="outcomes" title="Outcomes" aside={`threshold ${run?.map.threshold ?? 0.5}`}>
          <OutcomeTable rows={outcome} total={total} tests={{ mcnemar: metrics.find((r) => r.id === 'shadow.mcnemar_p')?.value }} />
          {outcomeGrouped.length > 0 && <div style={{ marginTop: 10 }}><FamilyTable rows={outcomeGrouped} label="Outcome metrics by group" total={total} /></div>}
        </Panel>
      )}
      {curves && <CurvesPanel curves={curves} theme={theme} ids={['roc', 'pr', 'calibration', 'score_hist']} title="Curves" />}
      {fairness.length > 0 && <FairnessPanel attributes={fairness} theme={theme} total={total} />}
      {fairnessOther.length > 0 && <Panel id="fairness-other" title="Fairness, other"><FamilyTable rows={fairnessOther} label="Other fairness metrics" total={total} /></Panel>}
      <TimeSeriesPanel metrics={metrics} theme={theme} rows={families.find(([f]) => f === 'time')?.[1] ?? []} total={total} />
      {rest.map(([family, rows]) => (
        <Panel key={family} id={`family-${family}`} title={FAMILY_LABELS[family] ?? humanize(family)} aside={`${rows.length} metric(s)`}>
          {family === 'latency' && <div style={{ marginBottom: 10 }}><LatencyChart metrics={metrics} theme={theme} /></div>}
          {(family === 'regression' || family === 'multiclass') ? (
            <>
              <OutcomeTable rows={rows.filter((r) => !r.group && (r.byModel.production || r.byModel.candidate))} total={total} label={`${FAMILY_LABELS[family]} metrics`} tests={{ mcnemar: metrics.find((r) => r.id === 'multiclass.mcnemar_p')?.value, ttest: metrics.find((r) => r.id === 'regression.paired_test')?.value, wilcoxon: metrics.find((r) => r.id === 'regression.wilcoxon_p')?.value }} />
              {rows.some((r) => !r.group && !r.byModel.production && !r.byModel.candidate) && <div style={{ marginTop: 10 }}><FamilyTable rows={rows.filter((r) => !r.group && !r.byModel.production && !r.byModel.candidate)} label={`${FAMILY_LABELS[family]} paired tests`} total={total} /></div>}
              {family === 'multiclass' && <ConfusionMatrices records={metrics} />}
              {rows.some((r) => r.group && r.id !== 'multiclass.confusion') && <details style={{ marginTop: 8 }} open={family === 'multiclass'}><summary className="soft">{family === 'multiclass' ? 'Per class' : 'Per group and residual quantiles'}</summary><FamilyTable rows={rows.filter((r) => r.group && r.id !== 'multiclass.confusion')} label={`${FAMILY_LABELS[family]} metrics by group`} total={total} /></details>}
            </>
          ) : family === 'drift' && driftColumns(metrics).length > 0 ? <DriftSection metrics={metrics} rows={rows} runId={run?.id} theme={theme} total={total} />
            : <FamilyTable rows={rows} label={`${FAMILY_LABELS[family] ?? humanize(family)} metrics`} total={total} />}
        </Panel>
      ))}
      {curves && <CurvesPanel curves={curves} theme={theme} ids={['latency_cdf']} title="Latency distribution" />}
      {curves && <CurvesPanel curves={curves} theme={theme} ids={[...new Set(curves.map((c) => c.id))].filter((id) => !['roc', 'pr', 'calibration', 'score_hist', 'latency_cdf'].includes(id))} title="Other curves" />}
    </>
  );
}
