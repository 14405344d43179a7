/**
 * The browser transport: `POST /api/<method>` with the per-launch token in a header, events
 * over SSE. fetch and EventSource are injected so the module stays testable without a DOM.
 */
import type { CallResult, WorkbenchEvent } from '../../../core/contract/index.js';
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
  fetch: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<{ status: number; json(): Promise<unknown> }>;
  eventSource: (url: string) => EventSourceLike;
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
      let res: { status: number; json(): Promise<unknown> };
      try {
        res = await opts.fetch(`${opts.base}api/${encodeURIComponent(method)}`, {
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
