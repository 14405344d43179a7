import { useEffect, useState } from 'react';
import { FILTERS } from '../api/shell.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { PathField } from '../components/PathField.js';
import { fmtCount } from '../format/number.js';
import { useAppState, useWorkbench } from '../state/hooks.js';
import { DatasetPanel } from './workspace/DatasetPanel.js';
import { ModelPanel } from './workspace/ModelPanel.js';

function RecentRuns() {
  const wb = useWorkbench();
  const ws = useAppState((s) => s.workspace);
  const current = useAppState((s) => s.run);
  if (!ws || ws.runs.length === 0) return <p className="empty">No runs yet. Map the columns, then start a run.</p>;
  return (
    <table className="grid" aria-label="Recent runs">
      <thead><tr><th scope="col">Run</th><th scope="col">Status</th><th scope="col">Started</th><th scope="col" className="num">Rows</th><th scope="col">Dataset</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
      <tbody>
        {ws.runs.map((r) => (
          <tr key={r.id} aria-selected={current?.id === r.id}>
            <td className="mono">{r.id}</td>
            <td>{r.status}</td>
            <td>{r.startedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</td>
            <td className="num">{fmtCount(r.rowsDone)} / {fmtCount(r.rowsTotal)}</td>
            <td className="mono">{r.datasetId}</td>
            <td><button type="button" className="btn" onClick={() => { void wb.selectRun(r.id).then(() => wb.go(r.status === 'done' ? 'compare' : 'run')); }} aria-label={`Open run ${r.id}`}>Open</button></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Workspace: the file, both models, the dataset, recent runs. */
export function WorkspaceScreen() {
  const wb = useWorkbench();
  const ws = useAppState((s) => s.workspace);
  const busy = useAppState((s) => s.busy.workspace);
  const error = useAppState((s) => s.errors.workspace);
  const [recent, setRecent] = useState<string[]>([]);
  useEffect(() => {
    void wb.shell.recentWorkspaces().then(setRecent).catch(() => setRecent([]));
  }, [wb, ws?.path]);
  return (
    <>
      <h1>Workspace</h1>
      <p className="lede">Open the two models and the captured traffic. Everything stays in one workspace file on this machine.</p>
      <Panel id="workspace" title="Workspace file" aside={ws ? ws.path : undefined}>
        <PathField label="Workspace (.sbw)" action="Open" name="workspace-path" placeholder="/path/to/validation.sbw (created if missing)" initial={ws?.path} filters={FILTERS.workspace} busy={busy} onSubmit={(p) => void wb.openWorkspace(p)} />
        <ErrorNote error={error} />
        {recent.length > 0 && (
          <div className="row"><span className="soft">Recent:</span>{recent.slice(0, 5).map((p) => <button key={p} type="button" className="btn mono" onClick={() => void wb.openWorkspace(p)}>{p.split(/[\\/]/).pop()}</button>)}</div>
        )}
        {!ws && !error && <p className="empty">Open or create a workspace file first: the models, the dataset and the runs are kept in it.</p>}
      </Panel>
      <div className="cols" style={{ marginBottom: 14 }}>
        <ModelPanel role="production" />
        <ModelPanel role="candidate" />
      </div>
      <DatasetPanel />
      <Panel id="runs" title="Recent runs" aside={ws ? `${fmtCount(ws.runs.length)} run(s)` : undefined}>
        <RecentRuns />
      </Panel>
    </>
  );
}
