// The one preload of the workbench window. Sandboxed preloads must be CommonJS.
// Exposes only: call(method, args), onEvent(cb), and a small shell API (dialogs, recent files,
// the path of a dropped file). No Node, no ipcRenderer, no electron objects reach the page.
'use strict';
const { contextBridge, ipcRenderer, webUtils } = require('electron');

const EVENT_CHANNEL = 'workbench:event';

contextBridge.exposeInMainWorld('workbench', {
  /** Calls one WorkbenchApi method; resolves to {ok, value} | {ok: false, error}. */
  call: (method, args) => ipcRenderer.invoke('workbench:call', String(method), args ?? {}),
  /** Table answers (query, getDisagreements, previewDataset) as Arrow IPC bytes: {ok, arrow} | {ok: false, error}. */
  callArrow: (method, args) => ipcRenderer.invoke('workbench:call-arrow', String(method), args ?? {}),
  /** Subscribes to workbench events (progress, logs, run-finished, menu actions); returns an unsubscribe function. */
  onEvent: (cb) => {
    if (typeof cb !== 'function') return () => {};
    const listener = (_event, payload) => cb(payload);
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, listener);
  },
  shell: {
    openFile: (opts) => ipcRenderer.invoke('shell:openFile', opts ?? {}),
    openDirectory: (opts) => ipcRenderer.invoke('shell:openDirectory', opts ?? {}),
    saveFile: (opts) => ipcRenderer.invoke('shell:saveFile', opts ?? {}),
    recentWorkspaces: () => ipcRenderer.invoke('shell:recentWorkspaces'),
    pathForFile: (file) => webUtils.getPathForFile(file),
  },
});
