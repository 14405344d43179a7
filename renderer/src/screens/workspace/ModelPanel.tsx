import type { ModelRole, TensorInfo } from '../../../../core/contract/index.js';
import { FILTERS } from '../../api/shell.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Panel } from '../../components/Panel.js';
import { PathField } from '../../components/PathField.js';
import { fmtBytes, fmtNum } from '../../format/number.js';
import { useAppState, useWorkbench } from '../../state/hooks.js';

function shapeText(t: TensorInfo): string {
  return `[${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

function TensorTable({ tensors, label }: { tensors: TensorInfo[]; label: string }) {
  return (
    <table className="grid" aria-label={label}>
      <thead><tr><th scope="col">{label}</th><th scope="col">Type</th><th scope="col">Shape</th></tr></thead>
      <tbody>
        {tensors.map((t) => (
          <tr key={t.name}>
            <td className="mono">{t.name}</td>
            <td>{t.kind === 'tensor' ? t.type : `${t.kind}${t.feeds ? ` (reads ${t.feeds})` : ''}`}</td>
            <td className="mono">{shapeText(t)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Open one model and show what the file declares: identity, producer, opsets, inputs and outputs. */
export function ModelPanel({ role }: { role: ModelRole }) {
  const wb = useWorkbench();
  const ws = useAppState((s) => s.workspace);
  const busy = useAppState((s) => s.busy[`model.${role}`]);
  const error = useAppState((s) => s.errors[`model.${role}`]);
  const m = ws?.models.find((x) => x.role === role);
  const title = role === 'production' ? 'Production model' : 'Candidate model';
  return (
    <Panel id={`model-${role}`} title={<><span className={`swatch ${role}`} aria-hidden="true" /> {title}</>} aside={m ? m.name : 'not opened'}>
      <PathField label="ONNX file" action="Open" name={`${role}-path`} placeholder={`/path/to/${role}.onnx`} initial={m?.path} filters={FILTERS.model} busy={busy} onSubmit={(p) => void wb.openModel(role, p)} />
      <ErrorNote error={error} />
      {!m && !error && <p className="empty">Open the {role} model's .onnx file (or drop it on the window in the desktop app).</p>}
      {m && (
        <>
          <dl className="kv">
            <dt>sha256</dt><dd className="mono">{m.sha256}</dd>
            <dt>Size</dt><dd>{fmtBytes(m.sizeBytes)}{m.loadMs !== undefined && <span className="soft"> · session created in {fmtNum(m.loadMs, { sig: 3 })} ms</span>}</dd>
            <dt>Producer</dt><dd>{m.signature.producerName} {m.signature.producerVersion}{m.signature.modelVersion ? <span className="soft"> · model version {m.signature.modelVersion}</span> : null}</dd>
            <dt>Format</dt><dd>IR {m.signature.irVersion} · opsets {Object.entries(m.signature.opsets).map(([d, v]) => `${d || 'ai.onnx'} ${v}`).join(', ')}</dd>
          </dl>
          <div className="cols" style={{ marginTop: 8 }}>
            <div className="scroll" style={{ maxHeight: 220 }}><TensorTable tensors={m.signature.inputs} label="Inputs" /></div>
            <div className="scroll" style={{ maxHeight: 220 }}><TensorTable tensors={m.signature.outputs} label="Outputs" /></div>
          </div>
        </>
      )}
    </Panel>
  );
}
