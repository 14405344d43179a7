import { FILTERS } from '../../api/shell.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Panel } from '../../components/Panel.js';
import { PathField } from '../../components/PathField.js';
import { fmtNum, NA } from '../../format/number.js';
import { useAppState, useWorkbench } from '../../state/hooks.js';
import { verdictOf } from '../../state/railStates.js';

const MARK = { pass: '✓ pass', fail: '✗ fail', not_evaluable: '? not evaluable' } as const;

/** Evaluate a criteria file against the run; each rule with its status and the numbers behind it. */
export function CriteriaPanel() {
  const wb = useWorkbench();
  const criteria = useAppState((s) => s.criteria);
  const path = useAppState((s) => s.criteriaPath);
  const error = useAppState((s) => s.errors.criteria);
  const busy = useAppState((s) => s.busy.criteria);
  const verdict = verdictOf(criteria);
  return (
    <Panel id="criteria" title="Acceptance criteria" aside={verdict ? <span className={`status-${verdict.kind}`}>{verdict.text}</span> : undefined}>
      <PathField label="Criteria file" action="Evaluate" name="criteria-path" placeholder="/path/to/criteria.yaml" initial={path} filters={FILTERS.criteria} busy={busy} onSubmit={(p) => void wb.evaluateCriteria(p)} />
      <ErrorNote error={error} />
      {!criteria && !error && <p className="empty">Evaluate the criteria file written before the run (YAML or JSON) to get a verdict.</p>}
      {criteria && (
        <table className="grid" aria-label="Criteria results">
          <thead><tr><th scope="col" className="num">Line</th><th scope="col">Rule</th><th scope="col">Result</th><th scope="col" className="num">Observed</th><th scope="col" className="num">Bound</th><th scope="col">Reason</th></tr></thead>
          <tbody>
            {criteria.map((c, i) => (
              <tr key={i}>
                <td className="num faint">{c.line ?? NA}</td>
                <td className="mono">{c.rule}</td>
                <td className={`status-${c.status}`}>{MARK[c.status]}</td>
                <td className="num">{fmtNum(c.observed)}</td>
                <td className="num">{fmtNum(c.bound)}</td>
                <td className="soft">{c.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}
