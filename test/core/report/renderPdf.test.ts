import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError } from '../../../core/contract/index.js';
import { findChromium, renderPdf, writeReportFiles } from '../../../core/report/index.js';
import { demoReport } from './helpers.js';

test('no Chromium: UNAVAILABLE naming what was tried, after json and html are written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-pdf-'));
  try {
    await assert.rejects(renderPdf(join(dir, 'x.html'), join(dir, 'x.pdf'), { chromium: '/nonexistent/chromium' }), (e: unknown) => {
      assert.ok(e instanceof WorkbenchError);
      assert.equal(e.code, 'UNAVAILABLE');
      assert.match(e.message, /No Chromium found.*\/nonexistent\/chromium.*--chromium PATH/);
      return true;
    });
    await assert.rejects(writeReportFiles(dir, demoReport(), { formats: ['json', 'html', 'pdf'], chromium: '/nonexistent/chromium' }), /UNAVAILABLE|No Chromium/);
    assert.ok(existsSync(join(dir, 'report.json')) && existsSync(join(dir, 'report.html')));
    assert.ok(!existsSync(join(dir, 'report.pdf')));
    assert.deepEqual(findChromium('/nonexistent/x', {}), { tried: ['/nonexistent/x'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('with /usr/bin/chromium: report.pdf is a multi-page A4 PDF', { skip: !existsSync('/usr/bin/chromium') && 'no /usr/bin/chromium' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-pdf-'));
  try {
    const files = await writeReportFiles(dir, demoReport(), { formats: ['json', 'html', 'pdf'], chromium: '/usr/bin/chromium' });
    assert.deepEqual(files.map((f) => f.name), ['report.json', 'report.html', 'report.pdf']);
    const pdf = readFileSync(join(dir, 'report.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.equal(files[2].bytes, pdf.length);
    let pdfinfo = '';
    try { pdfinfo = execFileSync('pdfinfo', [join(dir, 'report.pdf')], { encoding: 'utf8' }); } catch { /* pdfinfo not installed */ }
    if (pdfinfo) {
      assert.ok(Number(/Pages:\s+(\d+)/.exec(pdfinfo)![1]) >= 8);
      assert.match(pdfinfo, /595\.\d* x 841\.\d* pts \(A4\)|594\.\d* x 841\.\d* pts \(A4\)/);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
