/**
 * The browser transport: `POST /api/<method>` with the per-launch token in a header, events
 * over SSE. fetch and EventSource are injected so the module stays testable without a DOM.
 */
import type { CallResult, RowPage, WorkbenchEvent } from '../../../core/contract/index.js';
import { ARROW_METHODS, ARROW_STREAM } from './arrowPage.js';
import type { Transport } from './client.js';

/** The part of EventSource this transport uses. */
export interface EventSourceLike {
  onmessage: ((e: { data: string }) => void) | null;
  onerror: ((e: unknown) => void) | null;
  close(): void;
}

export interface HttpTransportOptions {
  /** Base URL ending in '/', e.g. `http://127.0.0.1:5173/`. */
  base: string;
  token: string;
  fetch: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<HttpResponseLike>;
  eventSource: (url: string) => EventSourceLike;
  /**
   * Decoder of Arrow IPC answers: when given, RowPage methods (query, getDisagreements,
   * previewDataset) are fetched from `api/arrow/<method>` and decoded with it.
   */
  arrow?: (bytes: Uint8Array) => Promise<RowPage>;
}

/** The part of a fetch Response this transport reads. */
export interface HttpResponseLike {
  status: number;
  json(): Promise<unknown>;
  headers?: { get(name: string): string | null };
  arrayBuffer?(): Promise<ArrayBuffer>;
}

/** Header carrying the token (same as core/host/http/token.ts). */
export const TOKEN_HEADER = 'x-shadowbench-token';

export function createHttpTransport(opts: HttpTransportOptions): Transport {
  const listeners = new Set<(e: WorkbenchEvent) => void>();
  let source: EventSourceLike | null = null;
  const ensureSource = () => {
    if (source) return;
    source = opts.eventSource(`${opts.base}api/events?token=${encodeURIComponent(opts.token)}`);
    source.onmessage = (m) => {
      let e: WorkbenchEvent;
      try {
        e = JSON.parse(m.data) as WorkbenchEvent;
      } catch {
        return;
      }
      listeners.forEach((l) => l(e));
    };
  };
  return {
    name: 'HTTP',
    async call(method, args) {
      const arrow = opts.arrow && ARROW_METHODS.has(method) ? opts.arrow : null;
      let res: HttpResponseLike;
      try {
        res = await opts.fetch(`${opts.base}api/${arrow ? 'arrow/' : ''}${encodeURIComponent(method)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: opts.token },
          body: JSON.stringify(args ?? {}),
        });
      } catch (e) {
        return { ok: false, error: { code: 'UNAVAILABLE', message: `Cannot reach the Shadowbench server (${e instanceof Error ? e.message : String(e)}). Is \`shadowbench serve\` still running?` } };
      }
      if (res.status === 401) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'This page has no valid token. Open the URL `shadowbench serve` printed (it ends in ?token=...).' } };
      }
      if (arrow && res.status === 200 && res.arrayBuffer && res.headers?.get('content-type')?.startsWith(ARROW_STREAM)) {
        try {
          return { ok: true, value: await arrow(new Uint8Array(await res.arrayBuffer())) };
        } catch (e) {
          return { ok: false, error: { code: 'INTERNAL', message: `Cannot decode the Arrow answer of ${method}: ${e instanceof Error ? e.message : String(e)}.` } };
        }
      }
      try {
        return (await res.json()) as CallResult<unknown>;
      } catch {
        return { ok: false, error: { code: 'INTERNAL', message: `The server answered ${res.status} without JSON for ${method}.` } };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      ensureSource();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
