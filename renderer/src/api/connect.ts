/** Picks the transport: the Electron preload's `window.workbench` if present, HTTP otherwise. */
import type { CallResult, ErrorInfo, WorkbenchEvent } from '../../../core/contract/index.js';
import { type Client, createClient } from './client.js';
import { ARROW_METHODS, rowPageFromIPC } from './arrowPage.js';
import type { RowPage } from '../../../core/contract/api.js';
import { createHttpTransport, type EventSourceLike } from './httpTransport.js';
import { createShell, type Shell, type ShellBridge } from './shell.js';

/** What the Electron preload exposes on `window.workbench`. */
export interface PreloadBridge {
  call(method: string, args: unknown): Promise<CallResult<unknown>>;
  /** Table answers as Arrow IPC bytes (newer preloads). */
  callArrow?(method: string, args: unknown): Promise<{ ok: true; arrow: Uint8Array } | { ok: false; error: ErrorInfo }>;
  onEvent(cb: (e: WorkbenchEvent) => void): () => void;
  shell?: ShellBridge;
}

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

/** Electron calls: table answers through `callArrow` (Arrow IPC bytes, decoded here), the rest as JSON. */
export function bridgeCall(bridge: PreloadBridge, decode: (bytes: Uint8Array) => Promise<RowPage> = rowPageFromIPC): (method: string, args: unknown) => Promise<CallResult<unknown>> {
  return async (method, args) => {
    if (!bridge.callArrow || !ARROW_METHODS.has(method)) return bridge.call(method, args);
    const r = await bridge.callArrow(method, args);
    if (!r.ok) return r;
    try {
      return { ok: true, value: await decode(r.arrow) };
    } catch (e) {
      return { ok: false, error: { code: 'INTERNAL', message: `Cannot decode the Arrow answer of ${method}: ${e instanceof Error ? e.message : String(e)}.` } };
    }
  };
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
