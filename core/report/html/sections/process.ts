import { esc } from '../escape.js';
import { int } from '../format.js';
import { empty } from '../fragments.js';
import { genericMetricTable } from '../genericTable.js';
import type { RenderContext } from '../renderContext.js';

/** Process verification: does replaying production twice give the same scores (the noise floor)? */
export function processSection(ctx: RenderContext): string {
  const r = ctx.report;
  const recs = r.metrics.filter((m) => m.model === 'noise' || m.id.startsWith('noise.') || m.id.startsWith('process.'));
  const nan = r.data.nanScores;
  const intro = `<p>Before comparing models, the replay itself is checked: production is run a second time in a fresh session and its scores are compared with the first run. Differences there are the noise floor below which no model difference is meaningful.</p>`;
  const nanLine = `<p>Invalid (NULL/NaN/infinite) scores: ${Object.entries(nan).map(([k, v]) => `${esc(k)} ${esc(int(v))}`).join(', ') || 'none recorded'}.</p>`;
  if (!recs.length) return intro + empty('No noise floor was measured in this run; rerun with --noise-floor to replay production twice.') + nanLine;
  return intro + genericMetricTable(recs) + nanLine;
}
