/** core/metrics public surface. */
export { computeMetrics, DEFAULT_BOOTSTRAP, SCORE_DELTA_QUANTILES, type MetricOptions } from './computeMetrics.js';
export { METRIC_DEFINITIONS, type MetricDefinition } from './definitions.js';
export { createRng, type Rng } from './prng.js';
export { binomial, multinomial, standardNormal, NORMAL_APPROX_MIN_VARIANCE } from './binomial.js';
export { percentileInterval, quantileSorted, type PercentileInterval } from './percentileInterval.js';
export { mcnemar, type McNemarResult } from './mcnemar.js';
export { delong, delongAucInterval, delongStatsFromPlacements, type DeLongStats, type DeLongResult } from './delong.js';
export { chiSquareSf, erfc, gammaQ, logGamma, normalCdf, normalQuantile, normalTwoSidedP } from './specialFunctions.js';
export { CellMetrics, MISSING_GROUP, type Cell, type MetricKey, type CellEvaluation } from './cellMetrics.js';
export { bootstrapCells, type BootstrapSettings } from './bootstrapCells.js';
export { rankMetrics, type RankMetrics } from './rankMetrics.js';
