import type { StageProgress } from '../contract/index.js';
import { int } from './format.js';

function duration(s: number | null): string {
  if (s === null || !Number.isFinite(s)) return '?';
  if (s < 60) return `${Math.ceil(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * Prints progress to stderr: one rewritten line on a terminal, a line every few seconds otherwise.
 * A stage counted in steps (metrics, drift, ...) prints every step: there are few.
 */
export function progressPrinter(write: (t: string) => void, isTTY: boolean, quiet = false): { update: (p: StageProgress) => void; end: () => void } {
  let last = 0;
  let stage = '';
  let open = false;
  return {
    update(p) {
      if (quiet) return;
      const now = Date.now();
      const finished = p.total > 0 && p.done >= p.total;
      const inSteps = p.unit === 'steps';
      if (!finished && !inSteps && p.stage === stage && now - last < (isTTY ? 200 : 5000)) return;
      if (p.stage !== stage && open) { write('\n'); open = false; }
      last = now;
      stage = p.stage;
      const pct = p.total > 0 ? ` ${((100 * p.done) / p.total).toFixed(1)}%` : '';
      const rate = p.rate > 0 ? `  ${int(p.rate)} rows/s` : '';
      const eta = p.total > 0 && !finished ? `  ETA ${duration(p.etaSeconds)}` : '';
      const text = inSteps
        ? `${p.stage}: ${finished ? 'done' : p.total > 1 ? `step ${p.done + 1} of ${p.total}...` : 'computing...'}`
        : `${p.stage}: ${int(p.done)}${p.total ? ' / ' + int(p.total) : ''} rows${pct}${rate}${eta}`;
      if (isTTY) { write('\r\x1b[2K' + text); open = true; } else write(text + '\n');
    },
    end() {
      if (open) write('\n');
      open = false;
    },
  };
}
