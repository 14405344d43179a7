export { computeRegressionMetrics, RESIDUAL_QUANTILES, type RegressionMetricOptions } from './computeRegressionMetrics.js';
export { computeMulticlassMetrics, type MulticlassMetricOptions } from './computeMulticlassMetrics.js';
export { MulticlassCells, type MulticlassCell, type MulticlassKey } from './multiclassCells.js';
export { wilcoxonSignedRank, type WilcoxonResult } from './wilcoxonSignedRank.js';
export { incompleteBeta, studentTTwoSidedP } from './studentT.js';
