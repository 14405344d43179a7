import { useEffect, useState, type ReactElement } from 'react';
import { Rail } from './components/Rail.js';
import { StatusLine } from './components/StatusLine.js';
import { TopBar } from './components/TopBar.js';
import { CompareScreen } from './screens/CompareScreen.js';
import { DisagreementsScreen } from './screens/DisagreementsScreen.js';
import { MappingScreen } from './screens/MappingScreen.js';
import { ReportScreen } from './screens/ReportScreen.js';
import { RunScreen } from './screens/RunScreen.js';
import { WorkspaceScreen } from './screens/WorkspaceScreen.js';
import { SCREEN_LABELS, SCREENS, type ScreenId } from './state/appState.js';
import { useAppState, useWorkbench } from './state/hooks.js';

const VIEWS: Record<ScreenId, () => ReactElement> = {
  workspace: WorkspaceScreen, mapping: MappingScreen, run: RunScreen, compare: CompareScreen, disagreements: DisagreementsScreen, report: ReportScreen,
};

/** The window: top bar, rail, the current screen, status line; Ctrl/Cmd+1..6; file drops. */
export function App() {
  const wb = useWorkbench();
  const screen = useAppState((s) => s.screen);
  const theme = useAppState((s) => s.theme);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    document.title = `${SCREEN_LABELS[screen]} · Shadowbench`;
    const main = document.getElementById('main');
    if (main) {
      main.scrollTop = 0;
      main.focus({ preventScroll: true });
    }
  }, [screen]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const i = Number(e.key) - 1;
      if (i >= 0 && i < SCREENS.length) {
        e.preventDefault();
        wb.go(SCREENS[i]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [wb]);
  const View = VIEWS[screen];
  return (
    <div
      className={`app ${dragging ? 'droptarget' : ''}`}
      onDragOver={(e) => { if (e.dataTransfer.types.includes('Files')) { e.preventDefault(); setDragging(true); } }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        for (const f of Array.from(e.dataTransfer.files)) {
          const p = wb.shell.pathForFile(f);
          if (p) void wb.openDropped(p);
          else wb.log('warn', `Cannot read the path of ${f.name} in a browser: paste its path in the box instead.`);
        }
      }}
    >
      <TopBar />
      <Rail />
      <main className="screen" id="main" tabIndex={-1} aria-label={SCREEN_LABELS[screen]}>
        <View />
      </main>
      <StatusLine />
    </div>
  );
}
