import { esc } from '../escape.js';
import { int, withCi } from '../format.js';
import { kv, statusBadge } from '../fragments.js';
import type { RenderContext } from '../renderContext.js';
import { findMetric } from '../../reportModel.js';

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Cover page: title, verdict, the key numbers and the signature block. */
export function coverSection(ctx: RenderContext): string {
  const r = ctx.report;
  const c = r.context ?? {};
  const prod = r.artefacts.models.find((m) => m.role === 'production');
  const cand = r.artefacts.models.find((m) => m.role === 'candidate');
  const counts = { pass: 0, fail: 0, not_evaluable: 0 };
  for (const x of r.criteria ?? []) counts[x.status]++;
  const auc = (m: string) => findMetric(r.metrics, 'outcome.roc_auc', m);
  const d = auc('delta');
  const verdictText = r.verdict === 'pass' ? 'All acceptance criteria are met.'
    : r.verdict === 'fail' ? `${counts.fail} of ${r.criteria.length} acceptance criteria are not met.`
    : r.verdict === 'not_evaluable' ? (r.criteria.length ? `${counts.not_evaluable} of ${r.criteria.length} acceptance criteria could not be evaluated.` : 'No acceptance criteria were given.')
    : 'No acceptance criteria were evaluated (run with --criteria FILE).';
  const facts: [string, string][] = [
    ['Organisation', esc(str(c.organisation) ?? '–')],
    ['Model', esc(str(c.model) ?? '–')],
    ['Production model', prod ? `<span class="prod-dot"></span>${esc(prod.name)} <code>${esc(prod.sha256.slice(0, 12))}</code>` : '–'],
    ['Candidate model', cand ? `<span class="cand-dot"></span>${esc(cand.name)} <code>${esc(cand.sha256.slice(0, 12))}</code>` : '–'],
    ['Data', `${esc(int(r.data.rows))} rows (${esc(int(r.data.labelled))} labelled) from ${esc(r.artefacts.datasets.map((x) => x.name).join(', ') || '–')}`],
    ['ROC AUC', auc('production') ? `${esc(withCi(auc('production')!.value, auc('production')!.ci))} → ${esc(withCi(auc('candidate')?.value, auc('candidate')?.ci))}; Δ ${esc(withCi(d?.value, d?.ci, true))}` : '–'],
    ['Acceptance criteria', r.criteria.length ? `${counts.pass} pass, ${counts.fail} fail, ${counts.not_evaluable} not evaluable` : 'none'],
    ['Report id', `<code>${esc(r.reportId)}</code> · schema ${esc(r.schemaVersion)} · ${esc(r.tool.name)} ${esc(r.tool.version)}`],
    ['Generated', esc(r.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC'))],
  ];
  const sigRow = (role: string, meaning: string) => `<tr><td>${role}</td><td>${meaning}</td><td class="blank"></td><td class="blank"></td><td class="blank"></td></tr>`;
  return `<section id="cover" class="cover">
<div class="cover-kicker">Model validation report · ${esc(str(c.classification) ?? 'Confidential')}</div>
<h1>${esc(str(c.title) ?? 'Champion–challenger validation report')}</h1>
<p class="cover-sub">${esc(prod?.name ?? 'production')} (production) versus ${esc(cand?.name ?? 'candidate')} (candidate) on captured traffic</p>
<div class="verdict ${esc(r.verdict ?? 'none')}"><div class="verdict-label">Verdict</div>${statusBadge(r.verdict)}<div class="verdict-text">${esc(verdictText)}</div></div>
${kv(facts)}
<h3 class="sig-title">Signatures</h3>
<table class="sig"><thead><tr><th>Role</th><th>Meaning</th><th>Printed name</th><th>Date (UTC)</th><th>Key id</th></tr></thead><tbody>
${sigRow('Model validator', 'validated')}${sigRow('Approver', 'approved')}
</tbody></table>
<p class="sig-note">Electronic signatures are not written into this file: they are held in <code>report.dsse.json</code> next to it, a DSSE envelope around an in-toto Statement whose subjects are report.json, report.html, report.pdf, both models and the datasets by SHA-256. Each signature records the signer's printed name, role, meaning and UTC time. Check them with <code>shadowbench verify REPORT_DIR --key KEY.pub</code> (or with openssl alone); any changed byte fails verification.</p>
</section>`;
}

