import { readFileSync } from 'node:fs';
import type { ReportModel } from '../../../core/report/index.js';

/** The demo's report.json (real records), as a fresh copy. */
export function demoReport(): ReportModel {
  return JSON.parse(readFileSync(new URL('./fixtures/demo.report.json', import.meta.url), 'utf8')) as ReportModel;
}
