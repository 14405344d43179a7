/** core/metrics/slices public surface. */
export { computeSlices, type SliceOptions } from './computeSlices.js';
export { computeOverTime, overTimeOfFrame, windowCodes, chooseWindow, type OverTimeOptions, type TimeWindow } from './computeOverTime.js';
export { SLICE_METRICS, DEFAULT_SLICE_METRICS, TIME_METRICS, resolveSliceMetrics, type SliceMetric } from './sliceMetrics.js';
export { MISSING_SLICE, OTHER_SLICE, MAX_CATEGORIES, formatEdge, isNumericType } from './sliceColumn.js';
