import { METRIC_DEFINITIONS } from '../../../metrics/definitions.js';
import { esc } from '../escape.js';
import { kv, table } from '../fragments.js';
import type { RenderContext } from '../renderContext.js';
import { contextValue } from './scope.js';

/** Model-card appendix (Mitchell et al. 2019 fields) and the methods: definition and convention of every metric shown. */
export function modelCardSection(ctx: RenderContext): string {
  const r = ctx.report;
  const c = r.context ?? {};
  const cand = r.artefacts.models.find((m) => m.role === 'candidate');
  const val = (k: string, fallback: string) => (c[k] !== undefined ? contextValue(c[k]) : `<span class="small">${esc(fallback)}</span>`);
  const card: [string, string][] = [
    ['Model details', cand ? `${esc(cand.name)}, ONNX (${esc(cand.producer || 'producer not recorded')}), SHA-256 <code class="sha">${esc(cand.sha256)}</code>; owner ${val('owner', 'not stated')}` : '–'],
    ['Intended use', val('intendedUse', 'not stated in the context file')],
    ['Out-of-scope uses', val('outOfScope', 'not stated in the context file')],
    ['Factors', esc(r.settings.sensitive.length ? `Sensitive attributes evaluated: ${r.settings.sensitive.join(', ')}` : 'No sensitive attribute mapped')],
    ['Metrics', esc(`ROC AUC, PR AUC, accuracy, precision, recall, F1, Brier, log loss, KS at threshold ${r.settings.threshold}; fairness rates and parity per group; drift and latency when measured`)],
    ['Evaluation data', esc(r.artefacts.datasets.map((d) => `${d.name} (${d.rows} rows, ${d.role})`).join('; '))],
    ['Training data', val('trainingData', 'not part of this validation; see the development documentation')],
    ['Quantitative analyses', 'Sections 6–10 of this report'],
    ['Ethical considerations', val('ethicalConsiderations', 'see the fairness section and the findings')],
    ['Caveats and recommendations', val('caveats', 'see findings and limitations')],
  ];
  const ids = [...new Set(r.metrics.map((m) => m.id))].sort();
  const defs = ids.filter((id) => METRIC_DEFINITIONS[id]).map((id) => [`<code>${esc(id)}</code>`, esc(METRIC_DEFINITIONS[id].name), esc(METRIC_DEFINITIONS[id].definition), esc(METRIC_DEFINITIONS[id].convention)]);
  const undocumented = ids.filter((id) => !METRIC_DEFINITIONS[id]);
  const methods = [...new Set(r.metrics.map((m) => m.ci?.method).filter((x): x is string => !!x))].sort();
  return `${kv(card)}
<h3>Methods: metric definitions and conventions</h3>
<p>${esc(r.settings.conventions)} Bootstrap: ${esc(r.settings.bootstrap.method)}, B = ${esc(String(r.settings.bootstrap.B))}, seed ${esc(String(r.settings.bootstrap.seed))}, level ${esc(String(r.settings.bootstrap.level))}.</p>
${table(['Id', 'Name', 'Definition', 'Reference convention'], defs, 'defs')}
${undocumented.length ? `<p class="small">Ids defined by their families (see each record's note and interval method): ${undocumented.map((x) => `<code>${esc(x)}</code>`).join(', ')}.</p>` : ''}
<h3>Interval methods used</h3><ul class="small">${methods.map((m) => `<li>${esc(m)}</li>`).join('')}</ul>`;
}
