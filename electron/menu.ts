import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import type { PrefsFile } from './userData.js';

/** Sends a shell action to the window's renderer, on the events channel. */
export type ShellSender = (action: Record<string, unknown>) => void;

const SCREENS = ['workspace', 'mapping', 'run', 'compare', 'disagreements', 'report'] as const;
const LABELS = ['Workspace', 'Mapping', 'Run', 'Compare', 'Disagreements', 'Report'];

async function pick(win: BrowserWindow | null, title: string, extensions: string[], name: string): Promise<string | null> {
  const opts = { title, properties: ['openFile' as const], filters: [{ name, extensions }] };
  const r = win ? await dialog.showOpenDialog(win, opts) : await dialog.showOpenDialog(opts);
  return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
}

/** The native menu: File (open workspace / models / dataset, recent), View (the six steps, theme), Help. */
export function buildMenu(send: ShellSender, prefs: PrefsFile): Menu {
  const win = () => BrowserWindow.getFocusedWindow();
  const openAnd = (title: string, ext: string[], name: string, action: Record<string, unknown>) => async () => {
    const path = await pick(win(), title, ext, name);
    if (path) send({ ...action, path });
  };
  const recent = prefs.get().recentWorkspaces;
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Workspace…', accelerator: 'CmdOrCtrl+O', click: openAnd('Open workspace', ['sbw', 'duckdb', 'db'], 'Shadowbench workspaces', { action: 'open-workspace' }) },
        {
          label: 'Recent Workspaces',
          enabled: recent.length > 0,
          submenu: recent.map((p) => ({ label: p, click: () => send({ action: 'open-workspace', path: p }) })),
        },
        { type: 'separator' },
        { label: 'Open Production Model…', click: openAnd('Open production model', ['onnx'], 'ONNX models', { action: 'open-model', role: 'production' }) },
        { label: 'Open Candidate Model…', click: openAnd('Open candidate model', ['onnx'], 'ONNX models', { action: 'open-model', role: 'candidate' }) },
        { label: 'Import Dataset…', accelerator: 'CmdOrCtrl+I', click: openAnd('Import dataset', ['parquet', 'csv', 'arrow', 'arrows', 'feather'], 'Datasets', { action: 'import-dataset' }) },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        ...SCREENS.map((screen, i) => ({ label: LABELS[i]!, accelerator: `CmdOrCtrl+${i + 1}`, click: () => send({ action: 'go', screen }) })),
        { type: 'separator' },
        { label: 'Toggle Dark Theme', accelerator: 'CmdOrCtrl+Shift+L', click: () => send({ action: 'toggle-theme' }) },
        { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(app.isPackaged ? [] : [{ type: 'separator' as const }, { role: 'reload' as const }, { role: 'toggleDevTools' as const }]),
      ],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'About Shadowbench',
          click: () => void dialog.showMessageBox({ type: 'info', title: 'Shadowbench', message: `Shadowbench ${app.getVersion()}`, detail: 'Compare a production and a candidate ONNX model on captured traffic, and sign the evidence. Offline; nothing leaves this machine.' }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
