import { useEffect, useState } from 'react';
import type { ColumnInfo, ColumnMap, ErrorInfo } from '../../../../core/contract/index.js';

function ColumnSelect(props: { id: string; label: string; value: string | undefined; columns: ColumnInfo[]; onChange: (v: string | undefined) => void; hint?: string; error?: string | null }) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <div className="row">
        <select id={props.id} value={props.value ?? ''} onChange={(e) => props.onChange(e.target.value || undefined)} aria-invalid={!!props.error}>
          <option value="">— none —</option>
          {props.columns.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.type})</option>)}
        </select>
        {props.error ? <span className="warn" role="alert">⚠ {props.error}</span> : props.hint && <span className="faint">{props.hint}</span>}
      </div>
    </div>
  );
}

/** Label, positive value, threshold, sensitive attributes, timestamp and row id. */
export function TargetsPanel(props: { map: ColumnMap; columns: ColumnInfo[]; error: ErrorInfo | null | undefined; onChange: (m: ColumnMap) => void }) {
  const { map, columns } = props;
  const field = props.error?.details?.field as string | undefined;
  const errFor = (f: string) => (field === f ? props.error!.message : null);
  const set = (patch: Partial<ColumnMap>) => props.onChange({ ...map, ...patch });
  const sensitive = new Set(map.sensitive ?? []);
  const task = map.task ?? 'binary';
  const joined = (map.classes ?? []).join(', ');
  const [classesText, setClassesText] = useState(joined);
  useEffect(() => {
    setClassesText((t) => (t.split(',').map((x) => x.trim()).filter(Boolean).join(', ') === joined ? t : joined));
  }, [joined]);
  return (
    <>
      <div className="field">
        <label htmlFor="map-task">Task</label>
        <div className="row">
          <select id="map-task" value={task} onChange={(e) => {
            const next = e.target.value as NonNullable<ColumnMap['task']>;
            set(next === 'binary' ? { task: undefined, classes: undefined } : next === 'regression' ? { task: next, classes: undefined, positive: undefined } : { task: next, positive: undefined });
          }} aria-invalid={!!errFor('task')}>
            <option value="binary">binary classification (a score and a threshold)</option>
            <option value="regression">regression (a number)</option>
            <option value="multiclass">multiclass classification (one of several classes)</option>
          </select>
          {errFor('task') ? <span className="warn" role="alert">⚠ {errFor('task')}</span> : <span className="faint">which outcome metrics apply: ROC AUC…, MAE/R²…, or accuracy/macro F1…</span>}
        </div>
      </div>
      {task === 'multiclass' && (
        <div className="field">
          <label htmlFor="map-classes">Classes</label>
          <div className="row">
            <input id="map-classes" type="text" value={classesText} placeholder="e.g. class_0, class_1, class_2 (blank: sorted label values)" style={{ minWidth: 360 }} aria-invalid={!!errFor('classes')}
              onChange={(e) => { setClassesText(e.target.value); const list = e.target.value.split(',').map((x) => x.trim()).filter(Boolean); set({ classes: list.length ? list : undefined }); }} />
            {errFor('classes') ? <span className="warn" role="alert">⚠ {errFor('classes')}</span> : <span className="faint">label values in the order of the models' probability columns</span>}
          </div>
        </div>
      )}
      <ColumnSelect id="map-label" label="Label column" value={map.label} columns={columns} onChange={(label) => set({ label })} hint="ground truth; outcome metrics use labelled rows only" error={errFor('label')} />
      {task === 'binary' && <>
      <div className="field">
        <label htmlFor="map-positive">Positive value</label>
        <div className="row">
          <input id="map-positive" type="text" value={map.positive === undefined ? '' : String(map.positive)} onChange={(e) => set({ positive: e.target.value === '' ? undefined : e.target.value })} placeholder="e.g. yes, 1, true" style={{ maxWidth: 160 }} aria-invalid={!!errFor('positive')} />
          {errFor('positive') ? <span className="warn" role="alert">⚠ {errFor('positive')}</span> : <span className="faint">value of the label column that means the positive class</span>}
        </div>
      </div>
      <div className="field">
        <label htmlFor="map-threshold">Threshold</label>
        <div className="row">
          <input id="map-threshold" type="number" min={0} max={1} step={0.01} value={map.threshold ?? 0.5} onChange={(e) => set({ threshold: e.target.value === '' ? undefined : Number(e.target.value) })} style={{ maxWidth: 100 }} aria-invalid={!!errFor('threshold')} />
          {errFor('threshold') ? <span className="warn" role="alert">⚠ {errFor('threshold')}</span> : <span className="faint">ŷ = 1 when the positive-class score ≥ threshold</span>}
        </div>
      </div>
      </>}
      <fieldset className="field" style={{ border: 0, padding: 0 }}>
        <legend className="soft" style={{ float: 'left', width: 150, padding: 0 }}>Sensitive attributes</legend>
        <div className="row" style={{ gap: 12 }}>
          {columns.filter((c) => !/^(DOUBLE|FLOAT|REAL|TIMESTAMP)/i.test(c.type)).map((c) => (
            <label key={c.name} className="row" style={{ gap: 4 }}>
              <input type="checkbox" checked={sensitive.has(c.name)} onChange={(e) => {
                const next = new Set(sensitive);
                if (e.target.checked) next.add(c.name); else next.delete(c.name);
                set({ sensitive: columns.map((x) => x.name).filter((n) => next.has(n)) });
              }} />
              {c.name}
            </label>
          ))}
          {errFor('sensitive') && <span className="warn" role="alert">⚠ {errFor('sensitive')}</span>}
        </div>
      </fieldset>
      <ColumnSelect id="map-timestamp" label="Timestamp" value={map.timestamp} columns={columns} onChange={(timestamp) => set({ timestamp })} hint="enables drift and metrics over time" error={errFor('timestamp')} />
      <ColumnSelect id="map-id" label="Row id" value={map.id} columns={columns} onChange={(id) => set({ id })} hint="names rows in the disagreements table" error={errFor('id')} />
    </>
  );
}
