import type { ErrorInfo } from '../../../core/contract/index.js';

/** An error where it happened: its code, its message (which says what to do next). */
export function ErrorNote({ error, label }: { error: ErrorInfo | null | undefined; label?: string }) {
  if (!error) return null;
  return (
    <div className="error" role="alert" aria-label={label}>
      <span className="code">{error.code}</span>
      {error.message}
    </div>
  );
}
