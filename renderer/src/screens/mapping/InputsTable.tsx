import type { ColumnInfo, ColumnMap, ErrorInfo, InputSource, ModelInfo, ModelRole } from '../../../../core/contract/index.js';
import { checkInput, inputWidth } from '../../state/typeCheck.js';

function sourceText(s: InputSource | undefined): string {
  return s === undefined ? '' : Array.isArray(s) ? s.join(', ') : s;
}

function parseSource(text: string, multi: boolean): InputSource {
  const parts = text.split(',').map((x) => x.trim()).filter(Boolean);
  return multi || parts.length > 1 ? parts : parts[0] ?? '';
}

/** Model inputs <- dataset columns, with an inline type check per row and the host's error on its row. */
export function InputsTable(props: { role: ModelRole; model: ModelInfo; map: ColumnMap; columns: ColumnInfo[]; error: ErrorInfo | null | undefined; onChange: (m: ColumnMap) => void }) {
  const { role, model, map, columns } = props;
  const inputs = map.models[role].inputs;
  const set = (name: string, src: InputSource) =>
    props.onChange({ ...map, models: { ...map.models, [role]: { ...map.models[role], inputs: { ...inputs, [name]: src } } } });
  const errInput = props.error?.details?.role === role ? props.error?.details?.input : undefined;
  return (
    <table className="grid" aria-label={`${role} model inputs`}>
      <thead>
        <tr><th scope="col">Input</th><th scope="col">Tensor</th><th scope="col">Column(s)</th><th scope="col">Check</th></tr>
      </thead>
      <tbody>
        {model.signature.inputs.map((t) => {
          const width = inputWidth(t);
          const multi = width !== null && width > 1;
          const chk = checkInput(t, inputs[t.name], columns);
          const hostErr = errInput === t.name && chk.ok ? props.error!.message : null;
          const id = `map-${role}-${t.name}`;
          return (
            <tr key={t.name}>
              <td className="mono"><label htmlFor={id}>{t.name}</label></td>
              <td className="mono soft">{t.type} [{t.shape.map((d) => d ?? '?').join(', ')}]</td>
              <td>
                {multi ? (
                  <div className="row" style={{ flexWrap: 'nowrap' }}>
                    <input id={id} type="text" className="path" style={{ minWidth: 220 }} value={sourceText(inputs[t.name])} onChange={(e) => set(t.name, parseSource(e.target.value, true))} placeholder={`${width} columns, comma-separated, in order`} aria-invalid={!chk.ok} />
                    <select aria-label={`Append a column to ${t.name}`} value="" onChange={(e) => { const cur = inputs[t.name]; const list = Array.isArray(cur) ? cur : cur ? [cur] : []; if (e.target.value) set(t.name, [...list, e.target.value]); }}>
                      <option value="">+ column</option>
                      {columns.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.type})</option>)}
                    </select>
                  </div>
                ) : (
                  <select id={id} value={sourceText(inputs[t.name])} onChange={(e) => set(t.name, e.target.value)} aria-invalid={!chk.ok}>
                    <option value="">— not mapped —</option>
                    {columns.map((c) => <option key={c.name} value={c.name}>{c.name} ({c.type})</option>)}
                  </select>
                )}
              </td>
              <td>
                {hostErr ? <span className="warn" role="alert">⚠ {hostErr}</span>
                  : chk.ok ? <span className="ok">✓ {chk.message}</span> : <span className="warn">⚠ {chk.message}</span>}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
