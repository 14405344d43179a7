import { type CallResult, type WorkbenchApi, WORKBENCH_METHODS, WorkbenchError } from '../contract/index.js';

const METHODS = new Set<string>(WORKBENCH_METHODS);

/**
 * The one entry point both transports (Electron IPC, HTTP) use: checks the method name and the
 * argument shape, calls the service, and turns every failure into `{ok: false, error}`.
 */
export async function dispatch(service: WorkbenchApi, method: string, args: unknown): Promise<CallResult<unknown>> {
  try {
    if (typeof method !== 'string' || !METHODS.has(method)) {
      throw new WorkbenchError('UNKNOWN_METHOD', `"${String(method)}" is not a Shadowbench API method.`, { method });
    }
    const a = args ?? {};
    if (typeof a !== 'object' || Array.isArray(a)) {
      throw new WorkbenchError('BAD_ARGUMENT', `${method} takes one object argument.`, { method });
    }
    const fn = (service as unknown as Record<string, (x: unknown) => Promise<unknown>>)[method];
    if (typeof fn !== 'function') throw new WorkbenchError('UNAVAILABLE', `${method} is not available in this host.`, { method });
    const value = await fn.call(service, a);
    return { ok: true, value };
  } catch (e) {
    if (WorkbenchError.is(e)) return { ok: false, error: { code: e.code, message: e.message, details: e.details } };
    const message = e instanceof Error ? e.message : String(e);
    return { ok: false, error: { code: 'INTERNAL', message: `Unexpected error in ${method}: ${message}`, details: {} } };
  }
}
