import { WorkbenchError, type ErrorCode } from '../contract/index.js';

/** The message of a DuckDB (or any) error, kept whole: it names the failing part. */
export function duckdbMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Wrap a DuckDB error as a WorkbenchError (pass WorkbenchErrors through unchanged). */
export function wrapError(e: unknown, code: ErrorCode, message: string, details: Record<string, unknown> = {}): WorkbenchError {
  if (WorkbenchError.is(e)) return e;
  const cause = duckdbMessage(e);
  return new WorkbenchError(code, `${message}: ${cause}`, { ...details, cause });
}

/** The error thrown when an AbortSignal fires. */
export function cancelled(what: string): WorkbenchError {
  return new WorkbenchError('CANCELLED', `${what} was cancelled.`, {});
}
