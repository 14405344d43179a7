export type { ReportModel } from './reportModel.js';
export { REPORT_SCHEMA_VERSION, sortMetrics, findMetric } from './reportModel.js';
export { renderHtml, REPORT_SECTIONS } from './html/renderHtml.js';
export { renderPdf } from './pdf/renderPdf.js';
export { findChromium } from './pdf/findChromium.js';
export { writeReportFiles, type ReportFormat } from './writeReportFiles.js';
export { loadContext, parseContext } from './loadContext.js';
export { applyCriteria } from './applyCriteria.js';
