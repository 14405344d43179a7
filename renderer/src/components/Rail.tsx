import { SCREEN_LABELS, SCREENS } from '../state/appState.js';
import { useAppState, useWorkbench } from '../state/hooks.js';
import { railStates, STEP_STATE_LABELS } from '../state/railStates.js';

const MOD = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl+';

/** The left rail: the six steps in order, each with its state; Ctrl/Cmd+1..6 switch. */
export function Rail() {
  const wb = useWorkbench();
  const screen = useAppState((s) => s.screen);
  const workspace = useAppState((s) => s.workspace);
  const datasetId = useAppState((s) => s.datasetId);
  const resolved = useAppState((s) => s.resolved);
  const run = useAppState((s) => s.run);
  const metrics = useAppState((s) => s.metrics);
  const criteria = useAppState((s) => s.criteria);
  const errors = useAppState((s) => s.errors);
  const states = railStates({ workspace, datasetId, resolved, run, metrics, criteria, errors });
  return (
    <nav className="rail" aria-label="Steps">
      <ol>
        {SCREENS.map((id, i) => (
          <li key={id}>
            <button
              type="button"
              aria-current={screen === id ? 'page' : undefined}
              aria-keyshortcuts={`Control+${i + 1} Meta+${i + 1}`}
              aria-label={`${SCREEN_LABELS[id]}, ${STEP_STATE_LABELS[states[id]]}`}
              onClick={() => wb.go(id)}
              data-screen={id}
            >
              <span className={`dot ${states[id]}`} aria-hidden="true" />
              <span>{SCREEN_LABELS[id]}</span>
              <span className="key" aria-hidden="true">{MOD}{i + 1}</span>
              <span className="state" aria-hidden="true">{STEP_STATE_LABELS[states[id]]}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
