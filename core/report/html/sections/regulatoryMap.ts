import { table } from '../fragments.js';

/** Which section answers which SR 11-7 expectation, EU AI Act Annex IV item and model-card field. */
export const REGULATORY_MAP: [string, string, string, string][] = [
  ['cover', 'Validation report sign-off; governance (effective challenge, approval)', 'Annex IV 1(a) general description; 2(g) validation sign-off by responsible persons', 'Model details (owner, version)'],
  ['scope', 'Model purpose and intended use; scope of validation', 'Annex IV 1(a) intended purpose; 3 limitations of use', 'Intended use, out-of-scope uses'],
  ['artefacts', 'Model inventory: version control, identity of what was validated', 'Annex IV 1(b)-(d) versions, software, form placed on the market', 'Model details (version, type)'],
  ['data', 'Data relevance and quality; representativeness', 'Annex IV 2(d) data requirements, data provenance and cleaning', 'Evaluation data'],
  ['process', 'Process verification (implementation reproduces the model)', 'Annex IV 2(g) testing procedures', '–'],
  ['outcomes', 'Outcomes analysis and benchmarking against the challenger', 'Annex IV 2(g) metrics of accuracy, robustness; 3 expected level of accuracy', 'Metrics, quantitative analyses'],
  ['fairness', 'Outcomes analysis by segment; compliance (fair lending)', 'Annex IV 2(g) potentially discriminatory impacts; 3 foreseeable risks', 'Factors, ethical considerations'],
  ['drift', 'Ongoing monitoring: population stability', 'Annex IV 8 post-market monitoring plan', 'Caveats'],
  ['latency', 'Implementation and use: operational performance', 'Annex IV 2(e)/(f) computational resources, performance characteristics', '–'],
  ['criteria', 'Performance thresholds set in advance; outcome of testing', 'Annex IV 2(g) pre-determined changes and test results against metrics', 'Quantitative analyses'],
  ['findings', 'Limitations and assumptions; issues for remediation', 'Annex IV 3 limitations, unintended outcomes, sources of risk', 'Caveats and recommendations'],
  ['model-card', 'Model documentation', 'Annex IV 1-3 (technical documentation)', 'All model-card fields'],
  ['reproducibility', 'Replicability of validation work', 'Annex IV 2(b), 6 versions, logs and change record', '–'],
];

export function regulatoryMapSection(titles: Record<string, string>): string {
  return `<p>Where this report answers the usual documentation requirements. Section numbers refer to this report.</p>${table(
    ['Section', 'SR 11-7 / OCC 2011-12', 'EU AI Act Annex IV', 'Model card field'],
    REGULATORY_MAP.filter(([id]) => titles[id]).map(([id, a, b, c]) => [titles[id], a, b, c]), 'regmap')}`;
}
