import { evaluateCriteria, type Criterion } from '../checks/index.js';
import type { ReportModel } from './reportModel.js';

/** A copy of the report with criteria evaluated against its metrics (and the criteria file's identity recorded). */
export function applyCriteria(report: ReportModel, criteria: Criterion[], file: { path: string; sha256: string } | null): ReportModel {
  const { results, verdict } = evaluateCriteria(criteria, report.metrics);
  return { ...report, artefacts: { ...report.artefacts, criteria: file }, criteria: results, verdict };
}
