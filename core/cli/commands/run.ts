import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Workspace } from '../../data/Workspace.js';
import { buildReport } from '../../host/buildReport.js';
import { type ComparisonArgs, runComparison } from '../../host/runComparison.js';
import { sha256File } from '../../data/fileFacts.js';
import { loadMap } from '../../replay/loadMap.js';
import { loadCriteria } from '../../checks/index.js';
import { applyCriteria, loadContext, writeReportFiles, type ReportFormat } from '../../report/index.js';
import { type CliCommand, type CliIO, type FlagValues, flagList, flagString, requireFlag } from '../command.js';
import { progressPrinter } from '../progressPrinter.js';
import { summary } from '../summary.js';
import { WorkbenchError } from '../../contract/index.js';

function numFlag(flags: FlagValues, name: string): number | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new WorkbenchError('BAD_ARGUMENT', `--${name} must be a number greater than 0, got "${v}".`, { flag: name });
  return n;
}

function intFlag(flags: FlagValues, name: string, min: number): number | undefined {
  const v = flagString(flags, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new WorkbenchError('BAD_ARGUMENT', `--${name} must be a whole number >= ${min}, got "${v}".`, { flag: name });
  return n;
}

/** What `run` and `demo` share: replay, metrics, report.json, summary. */
export async function runAndReport(o: { production: string; candidate: string; data: string; map?: string; out: string; workspace?: string; chunkRows?: number; noiseFloor?: boolean; fresh?: boolean; B?: number; seed?: number; quiet?: boolean; command: string[]; latency?: ComparisonArgs['latency'];
  /** Exit with code 3 when the criteria fail (the run command); the demo always exits 0. */
  failExit?: boolean;
  criteria?: string; context?: string; reference?: string; slices?: string[]; margin?: number; noTimeWindows?: boolean; formats?: ReportFormat[]; chromium?: string }, io: CliIO): Promise<number> {
  const out = resolve(io.cwd, o.out);
  const wsPath = resolve(io.cwd, o.workspace ?? `${o.out}/workspace.duckdb`);
  const map = o.map ? await loadMap(resolve(io.cwd, o.map)) : undefined;
  const mapFile = o.map ? { path: resolve(io.cwd, o.map), sha256: await sha256File(resolve(io.cwd, o.map)) } : null;
  // Criteria and context are read before the run, so a malformed file stops it before any work.
  const criteriaPath = o.criteria ? resolve(io.cwd, o.criteria) : null;
  const criteria = criteriaPath ? await loadCriteria(criteriaPath) : null;
  const criteriaFile = criteriaPath ? { path: criteriaPath, sha256: await sha256File(criteriaPath) } : null;
  const context = o.context ? await loadContext(resolve(io.cwd, o.context)) : null;
  const formats = o.formats ?? ['json', 'html', 'pdf'];
  await mkdir(out, { recursive: true });
  const ws = await Workspace.create(wsPath);
  const progress = progressPrinter(io.stderr, !!io.isTTY, o.quiet);
  try {
    const t0 = Date.now();
    const result = await runComparison({
      workspace: ws, production: resolve(io.cwd, o.production), candidate: resolve(io.cwd, o.candidate), data: { path: resolve(io.cwd, o.data) },
      ...(o.reference ? { reference: { path: resolve(io.cwd, o.reference) } } : {}),
      slices: o.slices, overTime: !o.noTimeWindows, ...(o.margin !== undefined ? { margin: o.margin } : {}),
      map, chunkRows: o.chunkRows, noiseFloor: o.noiseFloor, fresh: o.fresh, latency: o.latency,
      bootstrap: { B: o.B ?? 1000, seed: o.seed ?? 20261125 }, signal: io.signal,
      onProgress: (p) => progress.update(p),
      onLog: (m) => { progress.end(); if (!o.quiet) io.stderr(m + '\n'); },
    });
    progress.end();
    let report = buildReport({ result, command: o.command, mapFile, metricsMs: Date.now() - t0 - (result.stats?.timings.totalMs ?? 0) });
    if (context) report = { ...report, context };
    if (criteria) report = applyCriteria(report, criteria, criteriaFile);
    let files: { name: string }[] = [];
    try {
      files = await writeReportFiles(out, report, { formats, ...(o.chromium ? { chromium: resolve(io.cwd, o.chromium) } : {}), env: io.env });
    } catch (e) {
      if (!(WorkbenchError.is(e) && e.code === 'UNAVAILABLE' && formats.includes('pdf'))) throw e;
      io.stderr(`shadowbench: warning: ${e.message}\n`);
      files = formats.filter((f) => f !== 'pdf').map((f) => ({ name: `report.${f}` }));
    }
    if (!o.quiet) io.stdout('\n' + summary(report));
    io.stdout(`\nReport: ${out}  (${files.map((f) => f.name).join(', ')})\nWorkspace: ${wsPath} (run ${result.run.id})\n`);
    return report.verdict === 'fail' && o.failExit !== false ? 3 : 0;
  } finally {
    progress.end();
    await ws.close();
  }
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: 'Replay traffic through the production and candidate models, compare them, write report.json.',
  description: 'Imports the traffic into a DuckDB workspace, scores every row with both models (in worker threads, chunk by chunk, resumable), computes outcome, shadow-diff and fairness metrics with paired confidence intervals, and writes DIR/report.json. Ctrl-C cancels cleanly; running the same command again resumes from the last committed chunk.',
  flags: [
    { name: 'production', type: 'string', value: 'MODEL.onnx', description: 'The model in production today.' },
    { name: 'candidate', type: 'string', value: 'MODEL.onnx', description: 'The model proposed to replace it.' },
    { name: 'data', type: 'string', value: 'TRAFFIC', description: 'Captured traffic: Parquet, CSV or Arrow IPC (file or stream).' },
    { name: 'map', type: 'string', value: 'FILE', description: 'Column map (JSON or YAML): model inputs <- columns, label, positive, sensitive, timestamp, id, threshold. Defaults map inputs by name.' },
    { name: 'out', type: 'string', value: 'DIR', description: 'Report folder.', default: 'shadowbench-report' },
    { name: 'workspace', type: 'string', value: 'FILE', description: 'DuckDB workspace file (kept between sessions).', default: 'DIR/workspace.duckdb' },
    { name: 'chunk-rows', type: 'string', value: 'N', description: 'Rows per replay batch.', default: '65536' },
    { name: 'noise-floor', type: 'boolean', description: 'Also replay production in a second session, to measure non-determinism.' },
    { name: 'fresh', type: 'boolean', description: 'Score again even if this workspace holds a finished run with the same models, data and map.' },
    { name: 'bootstrap', type: 'string', value: 'B', description: 'Bootstrap replicates for confidence intervals (0 disables them).', default: '1000' },
    { name: 'seed', type: 'string', value: 'N', description: 'Bootstrap seed, recorded in the report.', default: '20261125' },
    { name: 'margin', type: 'string', value: 'M', description: 'Non-inferiority margin: the candidate is non-inferior on a metric when the CI bound of its delta on the worse side stays within M.', default: '0.01' },
    { name: 'slice', type: 'string', multiple: true, value: 'COLUMN', description: 'Every outcome metric per value (or quantile bin) of this column, with CIs; slices worse than the whole are flagged.' },
    { name: 'no-time-windows', type: 'boolean', description: 'Skip the metrics per time window (computed when a timestamp is mapped).' },
    { name: 'reference', type: 'string', value: 'DATA', description: 'Reference dataset (training data or an earlier traffic window) for input drift: PSI, KS, Wasserstein, Jensen-Shannon, chi-square, chosen per column, Benjamini-Hochberg corrected.' },
    { name: 'criteria', type: 'string', value: 'FILE', description: 'Acceptance criteria (YAML or JSON) written before the run; the verdict is pass only when every rule passes (exit code 3 on fail).' },
    { name: 'context', type: 'string', value: 'FILE', description: 'Scope, intended use, decision requested and limitations (YAML or JSON), for the report.' },
    { name: 'format', type: 'string', value: 'LIST', description: 'Report formats, comma-separated (the PDF needs Chromium or Electron; without one it is skipped with a warning).', default: 'json,html,pdf' },
    { name: 'chromium', type: 'string', value: 'PATH', description: 'Chromium or Chrome binary that prints the PDF.' },
    { name: 'latency', type: 'boolean', description: 'Also measure latency: single requests through both models on the same inputs, interleaved in ABBA blocks, warm-up excluded.' },
    { name: 'latency-requests', type: 'string', value: 'N', description: 'Measured requests per model in the latency replay.', default: '2000' },
    { name: 'latency-warmup', type: 'string', value: 'N', description: 'Warm-up requests per model, discarded and reported apart.', default: '100' },
    { name: 'latency-batch', type: 'string', value: 'N', description: 'Rows per latency request (default: the median rows per recorded request when the map names a `request` column, else 1).' },
    { name: 'rate', type: 'string', value: 'R', description: 'Open-loop latency replay at R requests/s (latency measured from the intended send time).' },
    { name: 'speed', type: 'string', value: 'X', description: 'Open-loop latency replay on the recorded timestamps, X times faster.' },
    { name: 'quiet', type: 'boolean', description: 'Print only the report path.' },
  ],
  examples: [
    'shadowbench run --production prod.onnx --candidate cand.onnx --data traffic.parquet --map map.yaml --out report/',
    'shadowbench run --production fixtures/models/hmda-matrix/production.onnx --candidate fixtures/models/hmda-matrix/candidate.onnx --data fixtures/data/hmda/traffic.parquet --map fixtures/maps/hmda-matrix.map.yaml',
  ],
  async run(flags, _pos, io) {
    const rate = numFlag(flags, 'rate');
    const speed = numFlag(flags, 'speed');
    const latency = flags.latency || rate !== undefined || speed !== undefined ? {
      requests: intFlag(flags, 'latency-requests', 1) ?? 2000,
      warmup: intFlag(flags, 'latency-warmup', 0) ?? 100,
      batch: intFlag(flags, 'latency-batch', 1),
      mode: (rate !== undefined || speed !== undefined ? 'open' : 'closed') as 'open' | 'closed',
      ...(rate !== undefined ? { rate } : {}),
      ...(speed !== undefined ? { speed } : {}),
      seed: intFlag(flags, 'seed', 0) ?? 20261125,
    } : undefined;
    const fmt = (flagString(flags, 'format') ?? 'json,html,pdf').split(',').map((f) => f.trim()).filter(Boolean);
    const badFmt = fmt.filter((f) => !['json', 'html', 'pdf'].includes(f));
    if (badFmt.length || !fmt.length || !fmt.includes('json')) throw new WorkbenchError('BAD_ARGUMENT', `--format takes json, html, pdf separated by commas (json always included); got "${flagString(flags, 'format')}".`, { flag: 'format' });
    return runAndReport({
      latency,
      criteria: flagString(flags, 'criteria'),
      reference: flagString(flags, 'reference'),
      slices: flagList(flags, 'slice'),
      margin: flags.margin === '0.01' ? undefined : numFlag(flags, 'margin'),
      noTimeWindows: !!flags['no-time-windows'],
      context: flagString(flags, 'context'),
      formats: fmt as ReportFormat[],
      chromium: flagString(flags, 'chromium'),
      production: requireFlag(flags, 'production', 'run'),
      candidate: requireFlag(flags, 'candidate', 'run'),
      data: requireFlag(flags, 'data', 'run'),
      map: flagString(flags, 'map'),
      out: flagString(flags, 'out') ?? 'shadowbench-report',
      workspace: flags.workspace === 'DIR/workspace.duckdb' ? undefined : flagString(flags, 'workspace'),
      chunkRows: intFlag(flags, 'chunk-rows', 1),
      noiseFloor: !!flags['noise-floor'],
      fresh: !!flags.fresh,
      B: intFlag(flags, 'bootstrap', 0),
      seed: intFlag(flags, 'seed', 0),
      quiet: !!flags.quiet,
      command: ['shadowbench', ...(io.argv ?? ['run'])],
    }, io);
  },
};
