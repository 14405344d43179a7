import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../contract/index.js';
import { renderHtml } from './html/renderHtml.js';
import { renderPdf } from './pdf/renderPdf.js';
import type { ReportModel } from './reportModel.js';
import { writeReportJson } from './writeReport.js';

export type ReportFormat = 'json' | 'html' | 'pdf';

/**
 * Writes report.json / report.html / report.pdf into `dir`. The PDF is printed from a static (script-free)
 * rendering of the same model. Returns name, sha256 and size of each file written, in that order.
 * A missing Chromium is an UNAVAILABLE error, thrown after the other formats are written.
 */
export async function writeReportFiles(dir: string, report: ReportModel, opts: { formats: ReportFormat[]; chromium?: string; env?: Record<string, string | undefined> }): Promise<{ name: string; sha256: string; bytes: number }[]> {
  const formats = new Set(opts.formats);
  for (const f of formats) if (!['json', 'html', 'pdf'].includes(f)) throw new WorkbenchError('BAD_ARGUMENT', `Unknown report format "${f}"; use json, html, pdf.`, { format: f });
  await mkdir(dir, { recursive: true });
  const names: string[] = [];
  if (formats.has('json')) { await writeReportJson(dir, report); names.push('report.json'); }
  if (formats.has('html')) { await atomicWrite(join(dir, 'report.html'), renderHtml(report, { interactive: true })); names.push('report.html'); }
  let pdfError: unknown = null;
  if (formats.has('pdf')) {
    const staticHtml = join(dir, '.report.print.html');
    await writeFile(staticHtml, renderHtml(report, { interactive: false }));
    try {
      await renderPdf(staticHtml, join(dir, 'report.pdf.tmp'), { ...(opts.chromium ? { chromium: opts.chromium } : {}), ...(opts.env ? { env: opts.env } : {}) });
      await rename(join(dir, 'report.pdf.tmp'), join(dir, 'report.pdf'));
      names.push('report.pdf');
    } catch (e) {
      pdfError = e;
    } finally {
      await rm(staticHtml, { force: true });
      await rm(join(dir, 'report.pdf.tmp'), { force: true });
    }
  }
  const out = [];
  for (const name of names) {
    const buf = await readFile(join(dir, name));
    out.push({ name, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length });
  }
  if (pdfError) throw pdfError;
  return out;
}

async function atomicWrite(path: string, text: string): Promise<void> {
  await writeFile(path + '.tmp', text);
  await rename(path + '.tmp', path);
}
