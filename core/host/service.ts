import { isAbsolute, relative, resolve } from 'node:path';
import {
  type ColumnMap, type MetricRecord, type ModelInfo, type ModelRole, type ResolvedMap, type RunInfo,
  type WorkbenchApi, type WorkbenchEvent, WorkbenchError,
} from '../contract/index.js';
import type { DisagreementQuery, RowPage, StartRunArgs, WorkspaceSummary } from '../contract/api.js';
import { Workspace } from '../data/Workspace.js';
import { type ModelFile, readModel } from '../model/readModel.js';
import { checkMap } from '../replay/loadMap.js';
import { resolveMap } from '../replay/resolveMap.js';
import { VERSION } from '../version.js';
import { disagreementsSql } from './disagreements.js';
import { driftDistribution } from './driftDistribution.js';
import { buildReport } from './buildReport.js';
import { criteriaResults, exportReportFiles, previewHtml, reportWithCriteria, signAndVerify, verifyFolder } from './reportActions.js';
import { type ComparisonResult, datasetProbe, runComparison } from './runComparison.js';
import type { ReportModel } from '../report/index.js';

export interface ServiceOptions {
  /** Workspace file to open at start. */
  workspacePath?: string;
  /** When set, every path a caller passes must lie under one of these folders (the browser host). */
  allowedRoots?: string[];
  transport?: string;
}

/** The WorkbenchApi implementation both transports dispatch to, plus events and close(). */
export interface WorkbenchService extends WorkbenchApi {
  on(listener: (e: WorkbenchEvent) => void): () => void;
  close(): Promise<void>;
  /** The finished comparison of a run, kept for report export (null when not in this session). */
  comparison(runId: string): ComparisonResult | null;
}

/** Latency replay settings from the API's optional fields (open loop when a rate or speed is given). */
function latencyOptions(l: NonNullable<StartRunArgs['latency']>) {
  return {
    requests: l.requests ?? 2000, warmup: l.warmup ?? 100, seed: l.seed ?? 20261125, ...(l.batch !== undefined ? { batch: l.batch } : {}),
    mode: (l.rate !== undefined || l.speed !== undefined ? 'open' : 'closed') as 'open' | 'closed',
    ...(l.rate !== undefined ? { rate: l.rate } : {}), ...(l.speed !== undefined ? { speed: l.speed } : {}),
  };
}

const EMPTY_MAP: ColumnMap = { models: { production: { inputs: {} }, candidate: { inputs: {} } } };

export async function createWorkbenchService(opts: ServiceOptions = {}): Promise<WorkbenchService> {
  let ws: Workspace | null = null;
  const models: Partial<Record<ModelRole, ModelFile>> = {};
  const listeners = new Set<(e: WorkbenchEvent) => void>();
  const running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  const results = new Map<string, ComparisonResult>();
  const roots = opts.allowedRoots?.map((r) => resolve(r));

  const emit = (e: WorkbenchEvent) => { for (const l of listeners) { try { l(e); } catch { /* a listener's failure is its own */ } } };

  function checkPath(p: unknown, what: string): string {
    if (typeof p !== 'string' || !p) throw new WorkbenchError('BAD_ARGUMENT', `${what}: a file path is required.`);
    const abs = resolve(p);
    if (roots && !roots.some((r) => { const rel = relative(r, abs); return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)); })) {
      throw new WorkbenchError('PATH_NOT_ALLOWED', `${abs} is outside the folders this server may read (${roots.join(', ')}). Start \`shadowbench serve\` from a folder that contains your files.`, { path: abs });
    }
    return abs;
  }

  function need(): Workspace {
    if (!ws) throw new WorkbenchError('NOT_FOUND', 'No workspace is open. Open or create a workspace file first.');
    return ws;
  }

  async function summary(): Promise<WorkspaceSummary> {
    const w = need();
    const [stored, datasets, runs, map] = await Promise.all([w.listModels(), w.listDatasets(), w.listRuns(), w.getMeta<ColumnMap>('map')]);
    const latest = new Map<ModelRole, ModelInfo>();
    for (const m of stored) latest.set(m.role, m);
    return { path: w.path, name: w.path.split(/[\\/]/).pop() ?? w.path, models: [...latest.values()], datasets, runs, map };
  }

  async function openWorkspace(path: string): Promise<WorkspaceSummary> {
    const next = await Workspace.create(path);
    if (ws) await ws.close();
    ws = next;
    for (const role of ['production', 'candidate'] as const) delete models[role];
    for (const m of await ws.listModels()) {
      models[m.role] = await readModel(m.path).catch(() => undefined as unknown as ModelFile);
      if (!models[m.role]) delete models[m.role];
    }
    return summary();
  }

  async function modelFile(role: ModelRole): Promise<ModelFile> {
    const f = models[role];
    if (!f) throw new WorkbenchError('NOT_FOUND', `No ${role} model is open. Open the ${role} model (.onnx) first.`, { role });
    return f;
  }


  async function storedReport(runId: string): Promise<ReportModel> {
    await running.get(runId)?.done;
    const r = await need().getMeta<ReportModel>(`report:${runId}`);
    if (!r) throw new WorkbenchError('NOT_FOUND', `Run ${runId} has no report yet: it is still running, failed, or was made before reports were stored. Run it again.`, { runId });
    return r;
  }

  if (opts.workspacePath) await openWorkspace(opts.workspacePath);

  const service: WorkbenchService = {
    async hello() {
      return { version: VERSION, transport: opts.transport ?? 'in-process', workspace: ws?.path ?? null };
    },
    async openWorkspace({ path }) { return openWorkspace(checkPath(path, 'openWorkspace')); },
    async getWorkspace() { return summary(); },
    async openModel({ role, path }) {
      if (role !== 'production' && role !== 'candidate') throw new WorkbenchError('BAD_ARGUMENT', `role must be "production" or "candidate", not ${JSON.stringify(role)}.`);
      const f = await readModel(checkPath(path, 'openModel'));
      models[role] = f;
      const info: ModelInfo = { role, path: f.path, name: f.name, sha256: f.sha256, sizeBytes: f.sizeBytes, signature: f.signature };
      await need().saveModel(info);
      return info;
    },
    async importDataset({ path, name }) {
      const w = need();
      const abs = checkPath(path, 'importDataset');
      const t0 = Date.now();
      return w.importDataset(abs, {
        name,
        onProgress: (done, total) => {
          const secs = (Date.now() - t0) / 1000;
          const rate = secs > 0 ? done / secs : 0;
          emit({ kind: 'progress', task: 'import', stage: 'import', done, total: total ?? 0, rate, etaSeconds: total && rate ? (total - done) / rate : null });
        },
      });
    },
    async previewDataset({ datasetId, limit, offset }) { return need().preview(datasetId, { limit, offset }); },
    async resolveMap({ datasetId, map }): Promise<ResolvedMap> {
      const w = need();
      const m = map ? checkMap(map, 'map') : ((await w.getMeta<ColumnMap>('map')) ?? EMPTY_MAP);
      const plan = await resolveMap(m, datasetProbe(w, await w.getDataset(datasetId)), {
        production: (await modelFile('production')).signature, candidate: (await modelFile('candidate')).signature,
      });
      return plan.map;
    },
    async saveMap({ map }) {
      await need().setMeta('map', checkMap(map, 'map'));
      return { path: null };
    },
    async startRun(args: StartRunArgs): Promise<RunInfo> {
      const w = need();
      const production = await modelFile('production');
      const candidate = await modelFile('candidate');
      const map = args.map ? checkMap(args.map, 'map') : ((await w.getMeta<ColumnMap>('map')) ?? EMPTY_MAP);
      const controller = new AbortController();
      let resolveStarted!: (r: RunInfo) => void;
      let rejectStarted!: (e: unknown) => void;
      const started = new Promise<RunInfo>((res, rej) => { resolveStarted = res; rejectStarted = rej; });
      let runId = '';
      const done = runComparison({
        workspace: w, production: production.path, candidate: candidate.path, data: { datasetId: args.datasetId }, map,
        chunkRows: args.chunkRows, noiseFloor: args.noiseFloor, signal: controller.signal,
        ...(args.latency ? { latency: latencyOptions(args.latency) } : {}),
        ...(args.referenceDatasetId ? { reference: { datasetId: args.referenceDatasetId } } : {}),
        onProgress: (p) => {
          if (!runId) return;
          emit({ kind: 'progress', task: 'replay', runId, stage: p.stage, done: p.done, total: p.total, rate: p.rate, etaSeconds: p.etaSeconds, ...('unit' in p && p.unit ? { unit: p.unit } : {}) });
        },
        onLog: (message) => emit({ kind: 'log', level: 'info', message }),
        onRunCreated: (run) => { runId = run.id; running.set(run.id, { controller, done: done.then(() => {}, () => {}) }); resolveStarted(run); },
      }).then(async (result) => {
        results.set(result.run.id, result);
        await w.setMeta(`metrics:${result.run.id}`, result.metrics);
        await w.setMeta(`report:${result.run.id}`, buildReport({ result, command: ['shadowbench', 'serve', '(run started from the workbench)'] }));
        emit({ kind: 'run-finished', runId: result.run.id, status: 'done' });
      }, (e) => {
        const err = WorkbenchError.is(e) ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: String((e as Error)?.message ?? e) };
        if (runId) emit({ kind: 'run-finished', runId, status: err.code === 'CANCELLED' ? 'cancelled' : 'failed', error: err });
        rejectStarted(e);
      }).finally(() => { if (runId) running.delete(runId); });
      return started;
    },
    async cancelRun({ runId }) {
      const r = running.get(runId);
      if (!r) return { cancelled: false };
      r.controller.abort();
      await r.done;
      return { cancelled: true };
    },
    async getRun({ runId }) { return need().getRun(runId); },
    async getMetrics({ runId }): Promise<MetricRecord[]> {
      await running.get(runId)?.done; // a run reads as done before its metrics are stored
      const m = results.get(runId)?.metrics ?? (await need().getMeta<MetricRecord[]>(`metrics:${runId}`));
      if (!m) throw new WorkbenchError('NOT_FOUND', `Run ${runId} has no metrics yet: it is still running, failed, or does not exist.`, { runId });
      return m;
    },
    async getDisagreements(q: DisagreementQuery): Promise<RowPage> {
      const w = need();
      const run = await w.getRun(q.runId);
      const dataset = await w.getDataset(run.datasetId);
      return w.query(disagreementsSql(w.predictionsTable(q.runId), dataset, run.map, q), { limit: q.limit ?? 100, offset: q.offset ?? 0, count: (q.offset ?? 0) === 0 });
    },
    async query({ sql, limit, offset }) { return need().query(sql, { limit, offset }); },
    async evaluateCriteria({ runId, criteriaPath }) {
      return criteriaResults(await storedReport(runId), checkPath(criteriaPath, 'evaluateCriteria'));
    },
    async exportReport(args) {
      const report = await storedReport(args.runId);
      return exportReportFiles(report, { ...args, dir: checkPath(args.dir, 'exportReport'), ...(args.criteriaPath ? { criteriaPath: checkPath(args.criteriaPath, 'exportReport') } : {}) },
        (message) => emit({ kind: 'log', level: 'warn', message }));
    },
    async signReport(args) {
      return signAndVerify({ ...args, dir: checkPath(args.dir, 'signReport'), keyPath: checkPath(args.keyPath, 'signReport') });
    },
    async verifyReport({ dir, keys }) {
      return verifyFolder(checkPath(dir, 'verifyReport'), (keys ?? []).map((k) => checkPath(k, 'verifyReport')));
    },
    async previewReport({ runId, criteriaPath }) {
      const report = await storedReport(runId);
      return previewHtml(await reportWithCriteria(report, criteriaPath ? checkPath(criteriaPath, 'previewReport') : undefined));
    },
    async getCurves({ runId }) {
      return (await storedReport(runId)).curves ?? [];
    },
    async getDriftDistribution(args) {
      await running.get(args?.runId)?.done;
      return driftDistribution(need(), args);
    },
    on(listener) { listeners.add(listener); return () => listeners.delete(listener); },
    comparison(runId) { return results.get(runId) ?? null; },
    async close() {
      for (const r of running.values()) r.controller.abort();
      await Promise.all([...running.values()].map((r) => r.done));
      if (ws) await ws.close();
      ws = null;
    },
  };
  return service;
}
