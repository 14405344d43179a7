/** Picks the transport: the Electron preload's `window.workbench` if present, HTTP otherwise. */
import { type Client, createClient } from './client.js';
import { rowPageFromIPC } from './arrowPage.js';
import { bridgeCall, type PreloadBridge } from './bridgeCall.js';
import { createHttpTransport, type EventSourceLike } from './httpTransport.js';
import { createShell, type Shell } from './shell.js';

export type { PreloadBridge } from './bridgeCall.js';

declare global {
  interface Window {
    workbench?: PreloadBridge;
  }
}

const TOKEN_KEY = 'shadowbench.token';

/** The token from `?token=` (then removed from the address bar) or from sessionStorage. */
export function readToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The client and the shell for this page. */
export function connect(): { client: Client; shell: Shell } {
  const bridge = window.workbench;
  if (bridge) {
    return { client: createClient({ name: 'Electron', call: bridgeCall(bridge), onEvent: bridge.onEvent }), shell: createShell(bridge.shell) };
  }
  const base = new URL('./', window.location.href).href;
  const transport = createHttpTransport({
    base,
    token: readToken(),
    fetch: (u, init) => window.fetch(u, init),
    eventSource: (u) => new EventSource(u) as unknown as EventSourceLike,
    // Large tables travel as Arrow IPC bytes.
    arrow: rowPageFromIPC,
  });
  return { client: createClient(transport), shell: createShell(undefined) };
}
