import { type MetricModel, WorkbenchError } from '../contract/index.js';
import { type Criterion, type CriterionOp, type CriterionScope, type CriterionStat, criterionText } from './criterion.js';
import { boundRange, closestMetricId, isKnownMetricId } from './knownMetric.js';

/** Where a rule came from, for error messages that name the file and the line. */
export interface RuleSite {
  source: string;
  line: number;
  /** The rule as written (one-line text or a short summary of the structured form). */
  text: string;
}

export function ruleError(site: RuleSite, message: string): WorkbenchError {
  return new WorkbenchError('BAD_CRITERIA', `${site.source}, line ${site.line}: rule "${site.text}": ${message}`, {
    path: site.source, line: site.line, rule: site.text,
  });
}

export interface RuleParts {
  id?: string;
  metric: unknown;
  model?: unknown;
  stat?: unknown;
  op: unknown;
  bound: unknown;
  scope?: CriterionScope;
  group?: Record<string, string>;
  description?: string;
}

const ID_RE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/;

/** Checks the parts of one rule (from either form) and returns the Criterion; errors name the line. */
export function buildCriterion(p: RuleParts, site: RuleSite, index: number): Criterion {
  if (typeof p.metric !== 'string' || !ID_RE.test(p.metric)) {
    throw ruleError(site, `expected a metric id such as outcome.roc_auc, got ${JSON.stringify(p.metric ?? null)}.`);
  }
  if (!isKnownMetricId(p.metric)) {
    const hint = closestMetricId(p.metric);
    throw ruleError(site, `unknown metric id "${p.metric}"${hint ? `; did you mean "${hint}"?` : ''}. Known ids are listed in the report's methods appendix (core/metrics/definitions.ts); drift.*, latency.* and calibration.* ids come from their families.`);
  }
  const model = p.model ?? null;
  if (model !== null && !['production', 'candidate', 'delta', 'ratio', 'both', 'noise'].includes(model as string)) {
    throw ruleError(site, `unknown model ${JSON.stringify(model)}; use production, candidate, delta, ratio, both or noise.`);
  }
  const stat = p.stat ?? 'value';
  if (!['value', 'ci_low', 'ci_high', 'p'].includes(stat as string)) {
    throw ruleError(site, `unknown statistic ${JSON.stringify(stat)}; use value, ci_low, ci_high or p.`);
  }
  if (!['>=', '>', '<=', '<'].includes(p.op as string)) {
    throw ruleError(site, `unknown comparison ${JSON.stringify(p.op ?? null)}; use >=, >, <= or <.`);
  }
  if (typeof p.bound !== 'number' || !Number.isFinite(p.bound)) {
    throw ruleError(site, `the bound must be a finite number, got ${JSON.stringify(p.bound ?? null)}.`);
  }
  const range = boundRange(p.metric, model as string | null, stat as string);
  if (range && (p.bound < range[0] || p.bound > range[1])) {
    const what = stat === 'p' ? 'a p-value' : model === 'ratio' ? 'a ratio (candidate / production)' : model === 'delta' ? `a delta of ${p.metric}` : p.metric;
    throw ruleError(site, `bound ${p.bound} is of the wrong kind: ${what} lies in [${range[0]}, ${range[1] === Infinity ? '∞' : range[1]}]${p.bound > 1 && p.bound <= 100 ? ' (write shares as fractions, e.g. 0.8 rather than 80)' : ''}.`);
  }
  const scope = p.scope ?? 'single';
  const body = { metric: p.metric, model: model as MetricModel | null, stat: stat as CriterionStat, op: p.op as CriterionOp, bound: p.bound, scope, ...(p.group ? { group: p.group } : {}) };
  return {
    id: p.id ?? `C${index + 1}`,
    rule: criterionText(body),
    source: site.source,
    line: site.line,
    ...body,
    ...(p.description ? { description: p.description } : {}),
  };
}
