/**
 * The closed set of user-facing error codes. Every error that reaches a user
 * (CLI, UI, HTTP) carries one of these, a message that says what is wrong and
 * what to do, and details naming the file, column, input or rule involved.
 */
export type ErrorCode =
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'BAD_MODEL'
  | 'BAD_DATASET'
  | 'EMPTY_DATASET'
  | 'BAD_MAP'
  | 'MAPPING_MISMATCH'
  | 'BAD_LABEL'
  | 'BAD_CRITERIA'
  | 'BAD_CONTEXT'
  | 'BAD_ARGUMENT'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'INFERENCE_FAILED'
  | 'CANCELLED'
  | 'BAD_KEY'
  | 'SIGNATURE_INVALID'
  | 'DIGEST_MISMATCH'
  | 'UNAUTHORIZED'
  | 'PATH_NOT_ALLOWED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export const ERROR_CODES: readonly ErrorCode[] = [
  'FILE_NOT_FOUND', 'FILE_UNREADABLE', 'BAD_MODEL', 'BAD_DATASET', 'EMPTY_DATASET', 'BAD_MAP',
  'MAPPING_MISMATCH', 'BAD_LABEL', 'BAD_CRITERIA', 'BAD_CONTEXT', 'BAD_ARGUMENT', 'UNKNOWN_METHOD',
  'NOT_FOUND', 'INFERENCE_FAILED', 'CANCELLED', 'BAD_KEY', 'SIGNATURE_INVALID', 'DIGEST_MISMATCH',
  'UNAUTHORIZED', 'PATH_NOT_ALLOWED', 'UNAVAILABLE', 'INTERNAL',
];

/** Serialisable form of an error, as it crosses IPC/HTTP. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

/** The one error class for user-facing failures. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.details = details;
  }

  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message, details: this.details };
  }

  static is(e: unknown): e is WorkbenchError {
    return e instanceof WorkbenchError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'WorkbenchError');
  }
}

/** Result of a dispatched call. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
