import { useEffect } from 'react';
import type { ColumnMap, DatasetInfo, ModelInfo } from '../../../core/contract/index.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { useAppState, useWorkbench } from '../state/hooks.js';
import { InputsTable } from './mapping/InputsTable.js';
import { TargetsPanel } from './mapping/TargetsPanel.js';

/** A first draft when the host cannot fill defaults: inputs by name, nothing else. */
function draftMap(ds: DatasetInfo, prod: ModelInfo, cand: ModelInfo): ColumnMap {
  const byName = (m: ModelInfo) => Object.fromEntries(m.signature.inputs.map((t) => [t.name, ds.columns.some((c) => c.name === t.name) ? t.name : '']));
  return { models: { production: { inputs: byName(prod) }, candidate: { inputs: byName(cand) } }, sensitive: [], threshold: 0.5 };
}

/** Mapping: dataset columns -> model inputs, label, sensitive attributes, time, id, threshold. */
export function MappingScreen() {
  const wb = useWorkbench();
  const ws = useAppState((s) => s.workspace);
  const datasetId = useAppState((s) => s.datasetId);
  const map = useAppState((s) => s.map);
  const resolved = useAppState((s) => s.resolved);
  const error = useAppState((s) => s.errors.map);
  const busy = useAppState((s) => s.busy.map);
  const saveBusy = useAppState((s) => s.busy.saveMap);
  const saveError = useAppState((s) => s.errors.saveMap);
  const ds = ws?.datasets.find((d) => d.id === datasetId);
  const prod = ws?.models.find((m) => m.role === 'production');
  const cand = ws?.models.find((m) => m.role === 'candidate');
  const ready = !!(ds && prod && cand);

  useEffect(() => {
    if (ready && !map && !busy && !error) {
      void wb.resolveMap(null).then(() => {
        if (!wb.store.get().map) wb.store.set({ map: draftMap(ds!, prod!, cand!) });
      });
    }
  }, [ready, map, busy, error, wb, ds, prod, cand]);

  if (!ready) {
    return (
      <>
        <h1>Mapping</h1>
        <p className="empty">Open both models and import a dataset on the Workspace screen first (Ctrl+1).</p>
      </>
    );
  }
  const current = map ?? draftMap(ds, prod, cand);
  return (
    <>
      <h1>Mapping</h1>
      <p className="lede">Which columns of <span className="mono">{ds.name}</span> feed each model, and which carry the label, the groups, the time and the row id.</p>
      <div className="row" style={{ marginBottom: 10 }}>
        <button type="button" className="btn primary" onClick={() => void wb.resolveMap(current)} disabled={busy}>{busy ? 'Checking…' : 'Check mapping'}</button>
        <button type="button" className="btn" onClick={() => void wb.saveMap()} disabled={saveBusy || !map}>Save map</button>
        <button type="button" className="btn" onClick={() => { wb.setMap(draftMap(ds, prod, cand)); void wb.resolveMap(null); }}>Reset to defaults</button>
        {resolved && !error && <span className="ok" role="status">✓ Mapping checked against both models and the dataset. Scores: production <span className="mono">{resolved.models.production.score}</span>, candidate <span className="mono">{resolved.models.candidate.score}</span>.</span>}
      </div>
      <ErrorNote error={error} label="Mapping error" />
      <ErrorNote error={saveError} />
      <div className="cols" style={{ marginBottom: 14 }}>
        {([['production', prod], ['candidate', cand]] as const).map(([role, model]) => (
          <Panel key={role} id={`inputs-${role}`} title={<><span className={`swatch ${role}`} aria-hidden="true" /> {role === 'production' ? 'Production' : 'Candidate'} inputs</>} aside={`${model.signature.inputs.length} input(s)`}>
            <div className="scroll" style={{ maxHeight: 360 }}>
              <InputsTable role={role} model={model} map={current} columns={ds.columns} error={error} onChange={(m) => wb.setMap(m)} />
            </div>
          </Panel>
        ))}
      </div>
      <Panel id="targets" title="Label, groups, time">
        <TargetsPanel map={current} columns={ds.columns} error={error} onChange={(m) => wb.setMap(m)} />
      </Panel>
    </>
  );
}
