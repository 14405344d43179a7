import { esc } from '../escape.js';
import { num, withCi } from '../format.js';
import { metricName } from '../metricInfo.js';
import { groupText, type RenderContext } from '../renderContext.js';
import { contextValue } from './scope.js';

/** Findings derived from the numbers, then the validator's own findings and limitations from the context file. */
export function findingsSection(ctx: RenderContext): string {
  const r = ctx.report;
  const f: string[] = [];
  for (const c of r.criteria.filter((x) => x.status === 'fail')) f.push(`Acceptance criterion <code>${esc(c.id ?? c.rule)}</code> fails: <code>${esc(c.rule)}</code> observed ${esc(num(c.observed))}.`);
  for (const c of r.criteria.filter((x) => x.status === 'not_evaluable')) f.push(`Acceptance criterion <code>${esc(c.id ?? c.rule)}</code> could not be evaluated: ${esc(c.reason ?? '')}`);
  for (const d of r.metrics.filter((m) => m.id.startsWith('outcome.') && m.model === 'delta' && m.ci && (m.ci.low > 0 || m.ci.high < 0))) {
    f.push(`${esc(metricName(d.id))} changes by ${esc(withCi(d.value, d.ci, true))}; the interval excludes 0.`);
  }
  for (const m of r.metrics.filter((x) => x.id === 'fairness.impact_ratio' && (x.model === 'production' || x.model === 'candidate') && x.value !== null && (x.value < 0.8 || x.value > 1.25))) {
    f.push(`Impact ratio of ${esc(groupText(m.group))} for the ${esc(m.model)} model is ${esc(num(m.value))}, outside the four-fifths band [0.8, 1.25].`);
  }
  const drifted = r.metrics.filter((m) => m.id === 'drift.drifted' && m.value === 1 && !m.group?.window);
  if (drifted.length) f.push(`${drifted.length} column${drifted.length > 1 ? 's' : ''} drifted: ${esc(drifted.map((m) => m.group?.column ?? '').join(', '))}.`);
  const invalid = r.metrics.filter((m) => m.id === 'data.invalid_score' && (m.value ?? 0) > 0);
  for (const m of invalid) f.push(`${esc(num(m.value))} rows had an invalid ${esc(m.model)} score and were excluded from every metric.`);
  if (r.data.unlabelled) f.push(`${esc(num(r.data.unlabelled))} rows have no label; outcome metrics use the ${esc(num(r.data.labelled))} labelled rows only.`);
  const busy = r.metrics.find((m) => m.id === 'latency.machine_busy' && m.value === 1);
  if (busy) f.push('The machine was busy during the latency measurement; latency figures may be inflated.');
  const c = r.context ?? {};
  const own = c.findings !== undefined ? `<h3>Validator's findings</h3><div class="prose">${contextValue(c.findings)}</div>` : '';
  const lim = c.limitations !== undefined ? contextValue(c.limitations) : '<p class="empty">The context file lists no limitations; add a limitations list and re-render.</p>';
  const tool = '<li>The comparison is offline: both models are replayed on captured traffic, so feedback effects of deploying the candidate are not observed.</li><li>Labels are as captured; label delay or selective labelling (only approved applicants observed) can bias outcome metrics.</li><li>Intervals quantify sampling uncertainty on these rows only, not shift to future populations.</li>';
  return `<h3>Findings from the numbers</h3>${f.length ? `<ol>${f.map((x) => `<li>${x}</li>`).join('')}</ol>` : '<p>No criterion failed, no outcome changed beyond its interval and no group or column was flagged.</p>'}
${own}<h3>Limitations stated by the validator</h3><div class="prose">${lim}</div>
<h3>Limitations of the method</h3><ul>${tool}</ul>`;
}
