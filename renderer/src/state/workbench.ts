/**
 * The controller: every user action as one async method that calls the API, updates the store,
 * and files errors under the area where they belong. Screens only read the store and call these.
 */
import type { ColumnMap, ErrorInfo, ModelRole, StartRunArgs, WorkbenchEvent } from '../../../core/contract/index.js';
import { WorkbenchError } from '../../../core/contract/index.js';
import type { Client } from '../api/client.js';
import type { Shell } from '../api/shell.js';
import type { AppState, Area, ScreenId } from './appState.js';
import type { Store } from './store.js';

function toInfo(e: unknown): ErrorInfo {
  if (WorkbenchError.is(e)) return { code: e.code, message: e.message, details: e.details };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export class Workbench {
  /** Runs whose run-finished event has arrived (it can overtake the startRun answer). */
  private readonly finished = new Set<string>();

  constructor(readonly client: Client, readonly shell: Shell, readonly store: Store<AppState>) {}

  /** Runs `fn` with `area` busy; a failure is stored under `area` and returned as null. */
  async guard<T>(area: Area, fn: () => Promise<T>): Promise<T | null> {
    this.store.set((s) => ({ busy: { ...s.busy, [area]: true }, errors: { ...s.errors, [area]: null } }));
    try {
      return await fn();
    } catch (e) {
      const info = toInfo(e);
      this.store.set((s) => ({ errors: { ...s.errors, [area]: info } }));
      this.log('error', info.message);
      return null;
    } finally {
      this.store.set((s) => ({ busy: { ...s.busy, [area]: false } }));
    }
  }

  log(level: 'info' | 'warn' | 'error', message: string): void {
    this.store.set((s) => ({ log: [...s.log.slice(-199), { level, message, time: new Date().toISOString() }] }));
  }

  go(screen: ScreenId): void {
    this.store.set({ screen });
  }

  setTheme(theme: 'light' | 'dark'): void {
    this.store.set({ theme });
    try {
      localStorage.setItem('shadowbench.theme', theme);
    } catch {
      /* storage may be disabled */
    }
  }

  /** First contact: host version, the open workspace, events. */
  async start(): Promise<() => void> {
    const off = this.client.onEvent((e) => this.onEvent(e));
    await this.guard('connect', async () => {
      const h = await this.client.hello({});
      this.store.set({ host: { version: h.version, transport: `${this.client.transportName}` } });
      if (h.workspace) await this.refreshWorkspace();
    });
    return off;
  }

  onEvent(e: WorkbenchEvent | { kind: string; [k: string]: unknown }): void {
    if (e.kind === 'progress') {
      const p = e as Extract<WorkbenchEvent, { kind: 'progress' }>;
      this.store.set((s) => ({ progress: p, run: s.run && p.runId === s.run.id ? { ...s.run, rowsDone: p.done, rowsTotal: p.total } : s.run }));
    } else if (e.kind === 'run-finished') {
      const f = e as Extract<WorkbenchEvent, { kind: 'run-finished' }>;
      this.finished.add(f.runId);
      this.store.set({ progress: null });
      this.log(f.status === 'done' ? 'info' : 'warn', `Run ${f.runId} ${f.status}${f.error ? ': ' + f.error.message : ''}.`);
      void this.afterRun(f.runId);
    } else if (e.kind === 'log') {
      const l = e as Extract<WorkbenchEvent, { kind: 'log' }>;
      this.log(l.level, l.message);
    } else if (e.kind === 'shell') {
      void this.onShell(e as { kind: 'shell'; action: string; path?: string; role?: ModelRole; screen?: ScreenId });
    }
  }

  /** Menu and drag-and-drop actions forwarded by the Electron shell. */
  async onShell(e: { action: string; path?: string; role?: ModelRole; screen?: ScreenId }): Promise<void> {
    if (e.action === 'go' && e.screen) this.go(e.screen);
    else if (e.action === 'open-workspace' && e.path) await this.openWorkspace(e.path);
    else if (e.action === 'open-model' && e.path && e.role) await this.openModel(e.role, e.path);
    else if (e.action === 'import-dataset' && e.path) await this.importDataset(e.path);
    else if (e.action === 'toggle-theme') this.setTheme(this.store.get().theme === 'dark' ? 'light' : 'dark');
  }

  /** Opens a dropped file by its extension: models fill the empty role (production first), data is imported. */
  async openDropped(path: string): Promise<void> {
    const lower = path.toLowerCase();
    if (lower.endsWith('.onnx')) {
      const have = new Set(this.store.get().workspace?.models.map((m) => m.role));
      await this.openModel(have.has('production') && !have.has('candidate') ? 'candidate' : 'production', path);
    } else if (/\.(parquet|arrow|arrows|feather|csv)$/.test(lower)) {
      await this.importDataset(path);
    } else {
      this.log('warn', `Not a model or dataset: ${path}. Drop .onnx, .parquet, .arrow or .csv files.`);
    }
  }

  async refreshWorkspace(): Promise<void> {
    const ws = await this.client.getWorkspace({});
    const s = this.store.get();
    const datasetId = s.datasetId && ws.datasets.some((d) => d.id === s.datasetId) ? s.datasetId : ws.datasets[0]?.id ?? null;
    this.store.set({ workspace: ws, datasetId, map: s.map ?? ws.map });
    if (!s.run && ws.runs.length) {
      const last = ws.runs[0]!;
      this.store.set({ run: last });
      if (last.status === 'done') await this.loadResults(last.id);
    }
  }

  async openWorkspace(path: string): Promise<void> {
    await this.guard('workspace', async () => {
      const ws = await this.client.openWorkspace({ path });
      this.store.set({ workspace: ws, datasetId: ws.datasets[0]?.id ?? null, map: ws.map, resolved: null, run: null, metrics: null, curves: null, criteria: null, preview: null });
      this.log('info', `Opened workspace ${ws.name}.`);
      if (ws.runs[0]) {
        this.store.set({ run: ws.runs[0] });
        if (ws.runs[0].status === 'done') await this.loadResults(ws.runs[0].id);
      }
      if (ws.datasets[0]) await this.loadPreview();
    });
  }

  async openModel(role: ModelRole, path: string): Promise<void> {
    await this.guard(`model.${role}`, async () => {
      const m = await this.client.openModel({ role, path });
      this.log('info', `Opened ${role} model ${m.name} (sha256 ${m.sha256.slice(0, 12)}).`);
      await this.refreshWorkspace().catch(() => {
        this.store.set((s) => ({ workspace: s.workspace ? { ...s.workspace, models: [...s.workspace.models.filter((x) => x.role !== role), m] } : s.workspace }));
      });
      this.store.set({ resolved: null });
    });
  }

  async importDataset(path: string, name?: string): Promise<void> {
    await this.guard('dataset', async () => {
      const d = await this.client.importDataset({ path, ...(name ? { name } : {}) });
      this.log('info', `Imported ${d.name}: ${d.rows} rows, ${d.columns.length} columns.`);
      await this.refreshWorkspace();
      this.store.set({ datasetId: d.id, resolved: null });
      await this.loadPreview();
    });
  }

  async loadPreview(offset = 0): Promise<void> {
    const id = this.store.get().datasetId;
    if (!id) return;
    await this.guard('preview', async () => {
      this.store.set({ preview: await this.client.previewDataset({ datasetId: id, limit: 50, offset }) });
    });
  }

  /** Checks (and fills defaults of) the map; with no map, asks the host for the defaults. */
  async resolveMap(map?: ColumnMap | null): Promise<void> {
    const id = this.store.get().datasetId;
    if (!id) return;
    await this.guard('map', async () => {
      const resolved = await this.client.resolveMap({ datasetId: id, ...(map ? { map } : {}) });
      this.store.set({ resolved, map: resolved });
    });
  }

  setMap(map: ColumnMap): void {
    this.store.set((s) => ({ map, resolved: null, errors: { ...s.errors, map: null } }));
  }

  async saveMap(): Promise<void> {
    const map = this.store.get().map;
    if (!map) return;
    await this.guard('saveMap', async () => {
      const r = await this.client.saveMap({ map });
      this.log('info', r.path ? `Map saved to ${r.path}.` : 'Map saved in the workspace.');
    });
  }

  async startRun(opts: Omit<StartRunArgs, 'datasetId' | 'map'>): Promise<void> {
    const s = this.store.get();
    if (!s.datasetId) return;
    await this.guard('run', async () => {
      const run = await this.client.startRun({ datasetId: s.datasetId!, ...(s.resolved ?? s.map ? { map: (s.resolved ?? s.map)! } : {}), ...opts });
      this.log('info', `Run ${run.id} started on ${run.rowsTotal.toLocaleString('en-US')} rows.`);
      if (this.finished.has(run.id) || (run.status !== 'running' && run.status !== 'pending')) {
        // The run already finished (its event overtook this answer): load its results now.
        this.store.set({ run, criteria: null });
        await this.afterRun(run.id);
        return;
      }
      this.store.set({ run, metrics: null, curves: null, criteria: null, progress: null });
    });
  }

  async cancelRun(): Promise<void> {
    const run = this.store.get().run;
    if (!run) return;
    await this.guard('run', async () => {
      await this.client.cancelRun({ runId: run.id });
    });
  }

  async afterRun(runId: string): Promise<void> {
    await this.guard('run', async () => {
      const run = await this.client.getRun({ runId });
      if (this.store.get().run?.id === runId || !this.store.get().run) this.store.set({ run });
      if (run.status === 'done') await this.loadResults(runId);
      await this.refreshWorkspace().catch(() => undefined);
    });
  }

  /** Makes a past run the current one. */
  async selectRun(runId: string): Promise<void> {
    await this.guard('run', async () => {
      const run = await this.client.getRun({ runId });
      this.store.set({ run, metrics: null, curves: null, criteria: null });
      if (run.status === 'done') await this.loadResults(runId);
    });
  }

  async loadResults(runId: string): Promise<void> {
    await this.guard('metrics', async () => {
      // A run can read as done a moment before its metrics are stored: retry NOT_FOUND briefly.
      for (let attempt = 0; ; attempt++) {
        try {
          this.store.set({ metrics: await this.client.getMetrics({ runId }) });
          return;
        } catch (e) {
          if (!(WorkbenchError.is(e) && e.code === 'NOT_FOUND') || attempt >= 8) throw e;
          await new Promise((r) => setTimeout(r, 250));
        }
      }
    });
    try {
      this.store.set({ curves: await this.client.getCurves({ runId }) });
    } catch {
      this.store.set({ curves: null });
    }
  }

  async evaluateCriteria(criteriaPath: string): Promise<void> {
    const run = this.store.get().run;
    this.store.set({ criteriaPath });
    if (!run) return;
    await this.guard('criteria', async () => {
      this.store.set({ criteria: await this.client.evaluateCriteria({ runId: run.id, criteriaPath }) });
    });
  }
}
