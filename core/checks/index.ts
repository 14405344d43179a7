export type { Criterion, CriterionOp, CriterionScope, CriterionStat } from './criterion.js';
export { criterionText } from './criterion.js';
export { parseCriteria } from './parseCriteria.js';
export { loadCriteria } from './loadCriteria.js';
export { evaluateCriteria, evaluateCriterion } from './evaluateCriteria.js';
export { isKnownMetricId, METRIC_FAMILY_PREFIXES } from './knownMetric.js';
