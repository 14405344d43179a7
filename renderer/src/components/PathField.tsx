import { useId, useState } from 'react';
import type { FileFilter } from '../api/shell.js';
import { useWorkbench } from '../state/hooks.js';

/**
 * A path box with an action button; in Electron also a Browse… button that opens the native
 * dialog. Enter submits.
 */
export function PathField(props: {
  label: string;
  action: string;
  placeholder?: string;
  initial?: string;
  filters?: FileFilter[];
  directory?: boolean;
  busy?: boolean;
  onSubmit: (path: string) => void;
  name?: string;
}) {
  const wb = useWorkbench();
  const [path, setPath] = useState(props.initial ?? '');
  const id = useId();
  const browse = async () => {
    const p = props.directory
      ? await wb.shell.openDirectory({ title: props.label })
      : await wb.shell.openFile({ title: props.label, ...(props.filters ? { filters: props.filters } : {}) });
    if (p) {
      setPath(p);
      props.onSubmit(p);
    }
  };
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <form className="row" onSubmit={(e) => { e.preventDefault(); if (path.trim()) props.onSubmit(path.trim()); }}>
        <input id={id} name={props.name} className="path" type="text" value={path} placeholder={props.placeholder} onChange={(e) => setPath(e.target.value)} spellCheck={false} autoComplete="off" />
        {wb.shell.native && <button type="button" className="btn" onClick={browse} aria-label={`Browse for ${props.label.toLowerCase()}`}>Browse…</button>}
        <button type="submit" className="btn primary" disabled={props.busy || !path.trim()}>{props.busy ? 'Working…' : props.action}</button>
      </form>
    </div>
  );
}
