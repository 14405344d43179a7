import type { ModelInfo, ModelRole } from '../../../core/contract/index.js';
import { shortSha } from '../format/number.js';
import { useAppState, useWorkbench } from '../state/hooks.js';
import { verdictOf } from '../state/railStates.js';

function ModelChip({ role, model }: { role: ModelRole; model: ModelInfo | undefined }) {
  const label = role === 'production' ? 'Production' : 'Candidate';
  return (
    <span className="model-chip" title={model ? `${label}: ${model.path}\nsha256 ${model.sha256}` : `${label}: not opened`}>
      <span className={`swatch ${role}`} aria-hidden="true" />
      <span className="soft">{label}</span>
      {model ? (
        <>
          <span>{model.name}</span>
          <span className="mono faint" aria-label={`sha256 starts ${shortSha(model.sha256)}`}>{shortSha(model.sha256)}</span>
        </>
      ) : <span className="faint">not opened</span>}
    </span>
  );
}

/** Workspace name, both models (name + short sha256), verdict, theme toggle. */
export function TopBar() {
  const wb = useWorkbench();
  const ws = useAppState((s) => s.workspace);
  const criteria = useAppState((s) => s.criteria);
  const theme = useAppState((s) => s.theme);
  const verdict = verdictOf(criteria);
  const prod = ws?.models.find((m) => m.role === 'production');
  const cand = ws?.models.find((m) => m.role === 'candidate');
  return (
    <header className="topbar">
      <span className="brand">Shadowbench</span>
      <span className="ws" title={ws?.path}>{ws ? ws.name : 'No workspace'}</span>
      <span className="models" aria-label="Models">
        <ModelChip role="production" model={prod} />
        <ModelChip role="candidate" model={cand} />
      </span>
      {verdict && (
        <button type="button" className={`verdict ${verdict.kind}`} onClick={() => wb.go('report')} aria-label={`Verdict: ${verdict.text}. Open the report.`} style={{ background: 'none', cursor: 'pointer' }}>
          {verdict.kind === 'pass' ? '✓' : verdict.kind === 'fail' ? '✗' : '?'} {verdict.text}
        </button>
      )}
      <button type="button" className="iconbtn" onClick={() => wb.setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`} title="Toggle theme">
        {theme === 'dark' ? '☀' : '☾'}
      </button>
    </header>
  );
}
