import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { fmtCount, fmtProgress } from '../format/number.js';
import { useAppState, useWorkbench } from '../state/hooks.js';

/** Run: options, start, live progress with cancel, the outcome. */
export function RunScreen() {
  const wb = useWorkbench();
  const ws = useAppState((s) => s.workspace);
  const datasetId = useAppState((s) => s.datasetId);
  const resolved = useAppState((s) => s.resolved);
  const map = useAppState((s) => s.map);
  const run = useAppState((s) => s.run);
  const progress = useAppState((s) => s.progress);
  const error = useAppState((s) => s.errors.run);
  const busy = useAppState((s) => s.busy.run);
  const [chunkRows, setChunkRows] = useState(65536);
  const [noiseFloor, setNoiseFloor] = useState(true);
  const [referenceId, setReferenceId] = useState('');
  const ds = ws?.datasets.find((d) => d.id === datasetId);
  const models = ws?.models.length ?? 0;
  const running = run?.status === 'running' || run?.status === 'pending';
  const why = !ds ? 'Import a dataset on the Workspace screen first.' : models < 2 ? 'Open both models on the Workspace screen first.' : !resolved && !map ? 'Check the mapping first (Ctrl+2).' : null;
  const done = progress && running ? progress.done : run?.rowsDone ?? 0;
  const total = progress && running ? progress.total : run?.rowsTotal ?? 0;
  const pct = total > 0 ? Math.min(100, (100 * done) / total) : 0;
  return (
    <>
      <h1>Run</h1>
      <p className="lede">Replays every row of the dataset through both models in batches, then computes the metrics.</p>
      <Panel id="run-options" title="Options">
        <div className="field">
          <label htmlFor="run-dataset">Dataset</label>
          <select id="run-dataset" value={datasetId ?? ''} onChange={(e) => wb.store.set({ datasetId: e.target.value, resolved: null })} disabled={!ws?.datasets.length}>
            {ws?.datasets.map((d) => <option key={d.id} value={d.id}>{d.name} · {fmtCount(d.rows)} rows</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="run-reference">Reference dataset</label>
          <div className="row">
            <select id="run-reference" value={referenceId} onChange={(e) => setReferenceId(e.target.value)} disabled={(ws?.datasets.length ?? 0) < 2}>
              <option value="">— none (no input drift) —</option>
              {ws?.datasets.filter((d) => d.id !== datasetId).map((d) => <option key={d.id} value={d.id}>{d.name} · {fmtCount(d.rows)} rows</option>)}
            </select>
            <span className="faint">{(ws?.datasets.length ?? 0) < 2 ? 'import a second dataset (training data, an earlier window) to measure input drift' : 'input drift of every model input column, against this dataset'}</span>
          </div>
        </div>
        <div className="field">
          <label htmlFor="run-chunk">Rows per batch</label>
          <div className="row"><input id="run-chunk" type="number" min={1} step={1024} value={chunkRows} onChange={(e) => setChunkRows(Math.max(1, Number(e.target.value) || 65536))} style={{ maxWidth: 120 }} /><span className="faint">rows sent to each model at a time; the replay holds a few batches, whatever the dataset size</span></div>
        </div>
        <div className="field">
          <label htmlFor="run-noise">Noise floor</label>
          <label className="row" style={{ gap: 6 }}><input id="run-noise" type="checkbox" checked={noiseFloor} onChange={(e) => setNoiseFloor(e.target.checked)} />replay production twice, so non-determinism is not called a regression</label>
        </div>
        <div className="row">
          <button type="button" className="btn primary" disabled={!!why || running || busy} onClick={() => void wb.startRun({ chunkRows, noiseFloor, ...(referenceId && referenceId !== datasetId ? { referenceDatasetId: referenceId } : {}) })}>Start run</button>
          {why && <span className="soft">{why}</span>}
        </div>
      </Panel>
      <Panel id="run-progress" title="Progress" aside={run ? <span className="mono">{run.id}</span> : undefined}>
        <ErrorNote error={error} />
        {run?.error && <ErrorNote error={{ code: run.error.code as never, message: run.error.message }} />}
        {!run && <p className="empty">No run yet. Set the options above and press Start run.</p>}
        {run && (
          <>
            <div className="progress" role="progressbar" aria-label="Run progress" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={running && progress ? fmtProgress(progress) : `${fmtCount(done)} of ${fmtCount(total)} rows`}>
              <div style={{ width: `${pct}%` }} />
            </div>
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <span>
                <strong>{running ? progress?.stage ?? 'starting' : run.status}</strong> · {running && progress ? fmtProgress(progress) : `${fmtCount(done)} / ${fmtCount(total)} rows`}
                {run.finishedAt && <span className="soft"> · finished {run.finishedAt.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC')}</span>}
              </span>
              <span className="row">
                {running && <button type="button" className="btn" onClick={() => void wb.cancelRun()}>Cancel run</button>}
                {run.status === 'done' && <button type="button" className="btn primary" onClick={() => wb.go('compare')}>Compare results →</button>}
              </span>
            </div>
          </>
        )}
      </Panel>
    </>
  );
}
