import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../contract/index.js';
import type { ReportModel } from './reportModel.js';

/** Writes report.json into `dir` (atomically: a temp file renamed into place). Returns its path. */
export async function writeReportJson(dir: string, report: ReportModel): Promise<string> {
  try {
    await mkdir(dir, { recursive: true });
    const path = join(dir, 'report.json');
    const tmp = path + '.tmp';
    await writeFile(tmp, JSON.stringify(report, null, 2) + '\n');
    await rename(tmp, path);
    return path;
  } catch (e) {
    throw new WorkbenchError('FILE_UNREADABLE', `Cannot write the report into ${dir}: ${(e as Error).message}. Choose another --out folder.`, { path: dir });
  }
}
