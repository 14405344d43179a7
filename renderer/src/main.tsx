import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connect } from './api/connect.js';
import { App } from './App.js';
import { initialState } from './state/appState.js';
import { WorkbenchContext } from './state/hooks.js';
import { createStore } from './state/store.js';
import { Workbench } from './state/workbench.js';
import './styles.css';

function initialTheme(): 'light' | 'dark' {
  try {
    const saved = localStorage.getItem('shadowbench.theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* storage may be disabled */
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

const { client, shell } = connect();
const theme = initialTheme();
document.documentElement.dataset.theme = theme;
const wb = new Workbench(client, shell, createStore(initialState(theme)));
void wb.start();
window.matchMedia?.('(prefers-color-scheme: dark)').addEventListener('change', (e) => {
  let saved: string | null = null;
  try { saved = localStorage.getItem('shadowbench.theme'); } catch { /* ignore */ }
  if (!saved) wb.store.set({ theme: e.matches ? 'dark' : 'light' });
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <WorkbenchContext.Provider value={wb}>
      <App />
    </WorkbenchContext.Provider>
  </StrictMode>,
);
