import type { CriteriaResult } from '../../../contract/index.js';
import { esc } from '../escape.js';
import { int, num, withCi } from '../format.js';
import { empty, statusBadge, table } from '../fragments.js';
import { groupText, type RenderContext } from '../renderContext.js';

/** The full record behind a rule (value with its interval), when the rule covers one record. */
function behind(ctx: RenderContext, c: CriteriaResult): string {
  if (!c.metric || !c.model || c.scope !== 'single') return '';
  const recs = ctx.report.metrics.filter((m) => m.id === c.metric && m.model === c.model && (!c.group || Object.entries(c.group).every(([k, v]) => m.group?.[k] === v)));
  if (recs.length !== 1) return '';
  const r = recs[0];
  return `<br><span class="small">${esc(c.model)} = ${esc(withCi(r.value, r.ci, c.model === 'delta'))}${r.n !== undefined ? `, n = ${esc(int(r.n))}` : ''}</span>`;
}

/** Acceptance criteria: each rule with its status, the observed number, the bound and the reason. */
export function criteriaSection(ctx: RenderContext): string {
  const r = ctx.report;
  const src = r.artefacts.criteria;
  if (!r.criteria.length) return empty('No acceptance criteria were evaluated. Write them before the run in a YAML file and re-render with --criteria FILE.');
  const rows = r.criteria.map((c) => {
    const detail = c.groups && c.groups.length > 1
      ? `<details open><summary>${c.groups.length} groups</summary>${c.groups.map((g) => `<div>${esc(groupText(g.group) || 'all')}: ${esc(num(g.observed))} ${statusBadge(g.status)}</div>`).join('')}</details>`
      : '';
    return [
      `<code>${esc(c.id ?? '')}</code>`,
      `<code class="rule">${esc(c.rule)}</code>${c.line ? `<br><span class="small">line ${esc(String(c.line))}</span>` : ''}`,
      `<span class="num">${esc(num(c.observed, { digits: 4 }))}</span>${behind(ctx, c)}`,
      `<span class="num">${esc(c.op ?? '')} ${esc(num(c.bound))}</span>`,
      statusBadge(c.status),
      `${esc(c.reason ?? '')}${detail}`,
    ];
  });
  const counts = ['pass', 'fail', 'not_evaluable'].map((s) => `${r.criteria.filter((c) => c.status === s).length} ${s.replace('_', ' ')}`).join(', ');
  return `<p>Criteria file ${src ? `<code>${esc(src.path)}</code> (SHA-256 <code class="sha">${esc(src.sha256)}</code>)` : '(not recorded)'}, written before the run. Result: ${esc(counts)}; overall ${statusBadge(r.verdict)}. The verdict is pass only when every rule passes.</p>
${table(['Id', 'Rule', 'Observed', 'Bound', 'Status', 'Reason / numbers behind it'], rows, 'criteria')}`;
}
