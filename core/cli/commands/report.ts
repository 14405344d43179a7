import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { loadCriteria } from '../../checks/index.js';
import { applyCriteria, loadContext, writeReportFiles, type ReportFormat, type ReportModel } from '../../report/index.js';
import { type CliCommand, flagString } from '../command.js';

/** `shadowbench report`: re-render a report folder from its report.json, optionally with criteria and context. */
export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Re-render REPORT_DIR/report.json to report.html and report.pdf, evaluating --criteria and adding --context.',
  positionals: 'REPORT_DIR',
  description:
    'Reads report.json from REPORT_DIR, evaluates the acceptance criteria file (if given) against its metrics, adds the validator\'s ' +
    'context file (scope, intended use, decision requested, limitations) and writes the chosen formats back into REPORT_DIR. ' +
    'The PDF is printed by Chromium (--chromium PATH, $SHADOWBENCH_CHROMIUM, /usr/bin/chromium, or the Electron binary). ' +
    'Re-rendering changes the report files, so sign after rendering.',
  flags: [
    { name: 'criteria', type: 'string', value: 'FILE', description: 'Acceptance criteria (YAML or JSON), written before the run.' },
    { name: 'context', type: 'string', value: 'FILE', description: 'Scope, intended use, decision requested, limitations (YAML or JSON).' },
    { name: 'format', type: 'string', value: 'LIST', description: 'Formats to write, comma-separated.', default: 'json,html,pdf' },
    { name: 'chromium', type: 'string', value: 'PATH', description: 'Chromium or Chrome binary that prints the PDF.' },
  ],
  examples: [
    'shadowbench report out/report --criteria fixtures/criteria/hmda.criteria.yaml --context fixtures/context/hmda.context.yaml',
    'shadowbench report out/report --format json,html',
  ],
  async run(flags, positionals, io) {
    if (positionals.length !== 1) throw new WorkbenchError('BAD_ARGUMENT', 'give exactly one REPORT_DIR (the folder holding report.json). Run `shadowbench report --help` for an example.');
    const dir = resolve(io.cwd, positionals[0]);
    const formats = (flagString(flags, 'format') ?? 'json,html,pdf').split(',').map((s) => s.trim()).filter(Boolean) as ReportFormat[];
    const bad = formats.filter((f) => !['json', 'html', 'pdf'].includes(f));
    if (bad.length || !formats.length) throw new WorkbenchError('BAD_ARGUMENT', `--format takes json, html, pdf separated by commas; got "${flagString(flags, 'format')}".`);
    let report: ReportModel;
    const jsonPath = join(dir, 'report.json');
    try {
      report = JSON.parse(await readFile(jsonPath, 'utf8')) as ReportModel;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new WorkbenchError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `Cannot read ${jsonPath}: ${(e as Error).message.split('\n')[0]}. Give the folder written by \`shadowbench run\`.`, { path: jsonPath });
    }
    if (!report || typeof report !== 'object' || !Array.isArray(report.metrics) || typeof report.schemaVersion !== 'string') {
      throw new WorkbenchError('FILE_UNREADABLE', `${jsonPath} is not a Shadowbench report (no schemaVersion / metrics).`, { path: jsonPath });
    }
    const criteriaPath = flagString(flags, 'criteria');
    if (criteriaPath) {
      const p = resolve(io.cwd, criteriaPath);
      const criteria = await loadCriteria(p);
      const sha256 = createHash('sha256').update(await readFile(p)).digest('hex');
      report = applyCriteria(report, criteria, { path: p, sha256 });
    }
    const contextPath = flagString(flags, 'context');
    if (contextPath) report = { ...report, context: await loadContext(resolve(io.cwd, contextPath)) };
    const chromium = flagString(flags, 'chromium');
    const files = await writeReportFiles(dir, report, { formats, ...(chromium ? { chromium: resolve(io.cwd, chromium) } : {}), env: io.env });
    for (const f of files) io.stdout(`${f.name}  ${f.sha256}  ${f.bytes} bytes\n`);
    if (report.criteria.length) {
      const n = (s: string) => report.criteria.filter((c) => c.status === s).length;
      io.stdout(`verdict: ${report.verdict} (${n('pass')} pass, ${n('fail')} fail, ${n('not_evaluable')} not evaluable)\n`);
    }
    return 0;
  },
};
