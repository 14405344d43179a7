import { fmtProgress } from '../format/number.js';
import { useAppState, useWorkbench } from '../state/hooks.js';

/** The status line on every screen: live progress with cancel, else the last message; host and version. */
export function StatusLine() {
  const wb = useWorkbench();
  const progress = useAppState((s) => s.progress);
  const run = useAppState((s) => s.run);
  const log = useAppState((s) => s.log);
  const host = useAppState((s) => s.host);
  const connErr = useAppState((s) => s.errors.connect);
  const last = log[log.length - 1];
  const running = run && (run.status === 'running' || run.status === 'pending');
  const pct = progress && progress.total > 0 ? (100 * progress.done) / progress.total : 0;
  return (
    <footer className="status" role="status" aria-live="polite">
      {running && progress ? (
        <>
          <span>{progress.stage}</span>
          <span className="mini" aria-hidden="true"><div style={{ width: `${pct}%` }} /></span>
          <span className="grow">{fmtProgress(progress)}</span>
          <button type="button" className="iconbtn" onClick={() => void wb.cancelRun()} aria-label="Cancel the run">Cancel</button>
        </>
      ) : (
        <span className={`grow ${last?.level === 'error' ? 'err' : ''}`}>{connErr ? connErr.message : last ? last.message : 'Ready.'}</span>
      )}
      <span>{host ? `${host.transport} · v${host.version}` : 'connecting…'}</span>
    </footer>
  );
}
