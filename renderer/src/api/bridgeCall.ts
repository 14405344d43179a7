/** The Electron preload's bridge, and how calls cross it (no DOM here, so tests can import it). */
import type { CallResult, ErrorInfo, WorkbenchEvent } from '../../../core/contract/index.js';
import type { RowPage } from '../../../core/contract/api.js';
import { ARROW_METHODS, rowPageFromIPC } from './arrowPage.js';
import type { ShellBridge } from './shell.js';

/** What the Electron preload exposes on `window.workbench`. */
export interface PreloadBridge {
  call(method: string, args: unknown): Promise<CallResult<unknown>>;
  /** Table answers as Arrow IPC bytes (newer preloads). */
  callArrow?(method: string, args: unknown): Promise<{ ok: true; arrow: Uint8Array } | { ok: false; error: ErrorInfo }>;
  onEvent(cb: (e: WorkbenchEvent) => void): () => void;
  shell?: ShellBridge;
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

