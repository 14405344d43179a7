/**
 * The typed client: a Proxy that turns `client.openModel(args)` into `transport.call('openModel', args)`
 * and a `{ok: false, error}` result into a thrown WorkbenchError. Works over any transport.
 */
import type { CallResult, WorkbenchApi, WorkbenchEvent } from '../../../core/contract/index.js';
import { WorkbenchError } from '../../../core/contract/index.js';

/** What a transport provides: one call and one event stream. */
export interface Transport {
  /** Short name for the status line: 'Electron', 'HTTP', ... */
  readonly name: string;
  call(method: string, args: unknown): Promise<CallResult<unknown>>;
  onEvent(listener: (e: WorkbenchEvent) => void): () => void;
}

type Fn<F> = F extends (args: infer A) => infer R ? (args?: A) => R : never;

/** Every API method (optional ones included: hosts without them throw UNAVAILABLE), plus events. */
export type Client = { [K in keyof WorkbenchApi]-?: Fn<NonNullable<WorkbenchApi[K]>> } & {
  onEvent(listener: (e: WorkbenchEvent) => void): () => void;
  readonly transportName: string;
};

/** Builds the client over a transport. */
export function createClient(transport: Transport): Client {
  const cache = new Map<string, unknown>();
  return new Proxy({} as Client, {
    get(_target, prop) {
      if (typeof prop !== 'string' || prop === 'then' || prop === 'toJSON') return undefined;
      if (prop === 'onEvent') return transport.onEvent.bind(transport);
      if (prop === 'transportName') return transport.name;
      let fn = cache.get(prop);
      if (!fn) {
        fn = async (args: unknown = {}) => {
          const r = await transport.call(prop, args);
          if (r.ok) return r.value;
          throw new WorkbenchError(r.error.code, r.error.message, { ...(r.error.details ?? {}), method: prop });
        };
        cache.set(prop, fn);
      }
      return fn;
    },
  });
}
