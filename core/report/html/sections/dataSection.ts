import { esc } from '../escape.js';
import { int, pct } from '../format.js';
import { kv, table } from '../fragments.js';
import { findMetric } from '../../reportModel.js';
import type { RenderContext } from '../renderContext.js';

/** Data description: rows, window, exclusions, missing labels, missing values per column. */
export function dataSection(ctx: RenderContext): string {
  const r = ctx.report;
  const d = r.data;
  const m = (id: string, model = 'both') => findMetric(r.metrics, id, model)?.value ?? null;
  const scored = m('data.scored');
  const invalidP = m('data.invalid_score', 'production');
  const invalidC = m('data.invalid_score', 'candidate');
  const window = (d as { window?: { column?: string; from?: string; to?: string } }).window;
  const c = r.context as { dataWindow?: unknown } | null;
  const rows: [string, string][] = [
    ['Rows in the traffic data', esc(int(d.rows))],
    ['Time window', window?.from ? `${esc(window.from)} to ${esc(window.to ?? '')}${window.column ? ` (column ${esc(window.column)})` : ''}` : c?.dataWindow ? esc(String(c.dataWindow)) : `not recorded${r.artefacts.map.resolved.timestamp ? ` (timestamp column ${esc(r.artefacts.map.resolved.timestamp)})` : ' (no timestamp column mapped)'}`],
    ['Labelled rows', d.labelled === null ? 'no label mapped' : `${esc(int(d.labelled))} (${esc(pct(d.rows ? d.labelled / d.rows : null))})`],
    ['Missing labels', d.unlabelled === null ? '–' : `${esc(int(d.unlabelled))} rows: used for selection rates, agreement and drift, not for outcome metrics`],
    ['Positive rows', esc(int(m('data.positives')))],
    ['Scored rows (both scores finite)', esc(int(scored))],
    ['Excluded: invalid production score', esc(int(invalidP ?? d.nanScores.production ?? null))],
    ['Excluded: invalid candidate score', esc(int(invalidC ?? d.nanScores.candidate ?? null))],
    ['Decision threshold', `ŷ = 1 when p ≥ ${esc(String(r.settings.threshold))}; positive class ${esc(String(r.settings.positive ?? '–'))}`],
    ['Sensitive attributes', esc(r.settings.sensitive.join(', ') || 'none mapped')],
  ];
  const missing = Object.entries(d.missingByColumn).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const missTable = missing.length
    ? `<h3>Missing values by column</h3>${table(['Column', 'Missing rows', 'Share'], missing.map(([k, n]) => [esc(k), esc(int(n)), esc(pct(d.rows ? n / d.rows : null))]))}`
    : '<p>No column has missing values.</p>';
  const cols = r.artefacts.datasets.flatMap((ds) => ds.columns.map((col) => [esc(ds.role), esc(col.name), esc(col.type)]));
  return `${kv(rows)}
<p>Rows where either model's score is NULL, NaN or infinite are excluded from every metric, so both models are always compared on the same rows.</p>
${missTable}
<h3>Columns</h3>${table(['Dataset', 'Column', 'Type'], cols, 'compact cols')}`;
}
