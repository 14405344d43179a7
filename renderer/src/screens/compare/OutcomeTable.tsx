import { DeltaText, Judge } from '../../components/Delta.js';
import { MetricLabel } from '../../components/MetricLabel.js';
import { fmtCount, fmtP, NA } from '../../format/number.js';
import { groupLabel, judge, type MetricRow } from '../../metrics/group.js';
import { rowDecimals, ValueCell } from './cells.js';

/** Outcome metrics side by side: production, candidate, the paired change with CI, the paired test. */
/** The paired test behind a row: DeLong p on the AUC delta, McNemar p (a shadow.* record) for accuracy. */
function pairedTest(row: MetricRow, tests: Record<string, number | null | undefined>): string | null {
  if (row.byModel.delta?.p !== undefined) return `${row.id === 'outcome.roc_auc' ? 'DeLong ' : ''}${fmtP(row.byModel.delta.p)}`;
  if ((row.id === 'outcome.accuracy' || row.id === 'multiclass.accuracy') && typeof tests.mcnemar === 'number') return `McNemar ${fmtP(tests.mcnemar)}`;
  if (row.id === 'regression.rmse' && (typeof tests.ttest === 'number' || typeof tests.wilcoxon === 'number')) {
    // Both tests compare the per-row squared errors, so they sit with RMSE.
    return [typeof tests.ttest === 'number' ? `paired t ${fmtP(tests.ttest)}` : '', typeof tests.wilcoxon === 'number' ? `Wilcoxon ${fmtP(tests.wilcoxon)}` : ''].filter(Boolean).join(' · ') + ' (squared errors)';
  }
  return null;
}

export function OutcomeTable({ rows, total, tests = {}, label = 'Outcome metrics' }: { rows: MetricRow[]; total?: number; tests?: Record<string, number | null | undefined>; label?: string }) {
  return (
    <table className="grid" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num prod">Production [95% CI]</th>
          <th scope="col" className="num cand">Candidate [95% CI]</th>
          <th scope="col" className="num">Δ candidate − production [95% CI]</th>
          <th scope="col">Change</th>
          <th scope="col" className="num">Paired test</th>
          <th scope="col" className="num">n</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const d = rowDecimals(row);
          const delta = row.byModel.delta;
          const n = row.byModel.candidate?.n ?? row.byModel.production?.n ?? delta?.n;
          return (
            <tr key={row.id + row.groupKey} data-metric={row.id}>
              <th scope="row" style={{ fontWeight: 400 }}><MetricLabel id={row.id} record={row.byModel.candidate ?? row.byModel.production} total={total} />{row.group && <span className="soft"> · {groupLabel(row.group)}</span>}</th>
              <td className="num"><ValueCell rec={row.byModel.production} decimals={d} /></td>
              <td className="num"><ValueCell rec={row.byModel.candidate} decimals={d} /></td>
              <td className="num"><DeltaText rec={delta} decimals={d} withP={false} /></td>
              <td><Judge verdict={judge(row)} /></td>
              <td className="num">{pairedTest(row, tests) ?? <span className="faint">{NA}</span>}</td>
              <td className="num">{n !== undefined ? fmtCount(n) : NA}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
