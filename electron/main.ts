/**
 * The Electron main process: one hardened window showing the built renderer over a private
 * app:// scheme, one IPC handler that forwards calls to dispatch(), events on one channel,
 * native menus and dialogs, recent workspaces and window state in userData.
 */
import { existsSync } from 'node:fs';
import { dirname, extname, join, normalize, relative, isAbsolute } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import { ARROW_METHODS, createWorkbenchService, CSP, dispatch, packageRoot, rowPageToIPC, type RowPage, type WorkbenchService } from '../core/index.js';
import { buildMenu } from './menu.js';
import { PrefsFile } from './userData.js';

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://shadowbench`;
const EVENT_CHANNEL = 'workbench:event';
const here = dirname(fileURLToPath(import.meta.url));
const root = packageRoot(fileURLToPath(import.meta.url));
const rendererDir = join(root, 'renderer', 'dist');

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** dist/electron/preload.cjs (copied by the build), else the source file when running unbuilt. */
function preloadPath(): string {
  const built = join(here, 'preload.cjs');
  return existsSync(built) ? built : join(root, 'electron', 'preload.cjs');
}

/** Serves renderer/dist on app://shadowbench/ with the CSP; refuses anything outside it. */
function registerAppProtocol(): void {
  protocol.handle(SCHEME, async (req) => {
    const url = new URL(req.url);
    if (url.host !== 'shadowbench') return new Response('Not found', { status: 404 });
    const rel = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = normalize(join(rendererDir, rel));
    const r = relative(rendererDir, file);
    if (r.startsWith('..') || isAbsolute(r) || rel.includes('\0')) return new Response('Not found', { status: 404 });
    if (!existsSync(file)) {
      return rel === 'index.html'
        ? new Response('<!doctype html><meta charset="utf-8"><p style="font:14px system-ui;margin:2em">The UI is not built. Run <code>npm run build</code>.</p>', { headers: { 'content-type': 'text/html' } })
        : new Response('Not found', { status: 404 });
    }
    const res = await net.fetch(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    if (extname(file) === '.html') headers.set('content-security-policy', CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

/** Only our own top frame may call the API. */
function trusted(e: IpcMainInvokeEvent): boolean {
  const url = e.senderFrame?.url ?? '';
  return url.startsWith(`${ORIGIN}/`) && e.senderFrame === e.sender.mainFrame;
}

function createWindow(prefs: PrefsFile): BrowserWindow {
  const st = prefs.get().window;
  const win = new BrowserWindow({
    ...(st.x !== undefined && st.y !== undefined ? { x: st.x, y: st.y } : {}),
    width: st.width, height: st.height, minWidth: 960, minHeight: 600, show: false,
    title: 'Shadowbench', backgroundColor: '#1e1f22',
    webPreferences: {
      preload: preloadPath(), contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true,
      allowRunningInsecureContent: false, spellcheck: false, navigateOnDragDrop: false,
    },
  });
  if (st.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (e, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) e.preventDefault();
  });
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  const saveState = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    prefs.setWindow({ x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  win.on('close', saveState);
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

async function main(): Promise<void> {
  await app.whenReady();
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  registerAppProtocol();
  const prefs = new PrefsFile(app.getPath('userData'));
  const service: WorkbenchService = await createWorkbenchService({ transport: 'electron' });
  let win: BrowserWindow | null = createWindow(prefs);
  const send = (payload: unknown) => {
    if (win && !win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, payload);
  };
  service.on((e) => send(e));
  const refreshMenu = () => Menu.setApplicationMenu(buildMenu((a) => send({ kind: 'shell', ...a }), prefs));
  refreshMenu();

  ipcMain.handle('workbench:call', async (e, method: unknown, args: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Calls are accepted from the workbench window only.' } };
    const result = await dispatch(service, String(method), args);
    if (result.ok && method === 'openWorkspace') {
      prefs.addRecent((result.value as { path: string }).path);
      refreshMenu();
    }
    return result;
  });
  // Large tables (RowPage answers) cross as Arrow IPC bytes, as over HTTP.
  ipcMain.handle('workbench:call-arrow', async (e, method: unknown, args: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Calls are accepted from the workbench window only.' } };
    if (!ARROW_METHODS.has(String(method))) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `${String(method)} does not answer with a table.` } };
    const result = await dispatch(service, String(method), args);
    return result.ok ? { ok: true, arrow: rowPageToIPC(result.value as RowPage) } : result;
  });
  const dialogHandler = (kind: 'file' | 'dir' | 'save') => async (e: IpcMainInvokeEvent, opts: { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] } = {}) => {
    if (!trusted(e) || !win) return null;
    const base = { title: typeof opts.title === 'string' ? opts.title : undefined, filters: Array.isArray(opts.filters) ? opts.filters : undefined };
    if (kind === 'save') {
      const r = await dialog.showSaveDialog(win, { ...base, ...(typeof opts.defaultPath === 'string' ? { defaultPath: opts.defaultPath } : {}) });
      return r.canceled ? null : r.filePath ?? null;
    }
    const o: OpenDialogOptions = { ...base, properties: kind === 'dir' ? ['openDirectory', 'createDirectory'] : ['openFile'] };
    const r = await dialog.showOpenDialog(win, o);
    return r.canceled ? null : r.filePaths[0] ?? null;
  };
  ipcMain.handle('shell:openFile', dialogHandler('file'));
  ipcMain.handle('shell:openDirectory', dialogHandler('dir'));
  ipcMain.handle('shell:saveFile', dialogHandler('save'));
  ipcMain.handle('shell:recentWorkspaces', (e) => (trusted(e) ? prefs.get().recentWorkspaces : []));

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow(prefs);
  });
  app.on('window-all-closed', () => {
    win = null;
    if (process.platform !== 'darwin') app.quit();
  });
  let closing = false;
  app.on('before-quit', (e) => {
    if (closing) return;
    closing = true;
    e.preventDefault();
    void service.close().finally(() => app.quit());
  });
}

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

if (!app.requestSingleInstanceLock()) app.quit();
else main().catch((e: unknown) => {
  dialog.showErrorBox('Shadowbench could not start', e instanceof Error ? e.message : String(e));
  app.exit(1);
});
