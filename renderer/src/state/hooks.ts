/** React access to the controller and the store. */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { AppState } from './appState.js';
import type { Workbench } from './workbench.js';

export const WorkbenchContext = createContext<Workbench | null>(null);

export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('useWorkbench outside WorkbenchContext');
  return wb;
}

/** Subscribes to one slice of the state. */
export function useAppState<T>(select: (s: AppState) => T): T {
  const wb = useWorkbench();
  return useSyncExternalStore(wb.store.subscribe, () => select(wb.store.get()));
}
