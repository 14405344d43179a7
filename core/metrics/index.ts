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
export { rankMetrics, curveStats, EXACT_LEVELS, BOOT_BINS, type RankMetrics, type BootCells } from './rankMetrics.js';
export { scoreTable, tableOfSorted, placements, type ScoreTable } from './scoreTable.js';
export { radixOrder, keyToDouble, type SortedRows } from './radixOrder.js';
export { calibrationStats, logisticRecalibration, type CalibrationStats } from './calibration.js';
export { rankBootstrap, type RankBootstrap } from './rankBootstrap.js';
export { noiseFloor } from './noiseFloor.js';
export { selectQuantiles } from './selectQuantiles.js';
export { computeCurves, modelCurves, scoreHistogram, downsample, MAX_CURVE_POINTS, HIST_BINS } from './computeCurves.js';
