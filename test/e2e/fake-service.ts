/**
 * A fake WorkbenchService for the renderer's unit tests and the UI e2e tests: plausible HMDA-like
 * models, dataset, run progress and metric records, no ONNX or DuckDB involved.
 */
import type {
  ColumnMap, CriteriaResult, Curve, DatasetInfo, MetricRecord, ModelInfo, ModelRole, ResolvedMap, RowPage, RunInfo,
  VerifyResult, WorkbenchApi, WorkbenchEvent, WorkspaceSummary,
} from '../../core/contract/index.js';
import { WorkbenchError } from '../../core/contract/index.js';

const FEATURES = ['pirat', 'hirat', 'lvrat', 'chist', 'mhist', 'phist', 'unemp', 'selfemp', 'insurance', 'condomin', 'afam', 'single', 'hschool'];
const COLUMNS = [
  { name: 'request_id', type: 'VARCHAR' }, { name: 'ts', type: 'TIMESTAMP' }, { name: 'deny', type: 'VARCHAR' },
  { name: 'pirat', type: 'DOUBLE' }, { name: 'hirat', type: 'DOUBLE' }, { name: 'lvrat', type: 'DOUBLE' },
  { name: 'chist', type: 'BIGINT' }, { name: 'mhist', type: 'BIGINT' }, { name: 'phist', type: 'VARCHAR' },
  { name: 'unemp', type: 'DOUBLE' }, { name: 'selfemp', type: 'VARCHAR' }, { name: 'insurance', type: 'VARCHAR' },
  { name: 'condomin', type: 'VARCHAR' }, { name: 'afam', type: 'VARCHAR' }, { name: 'single', type: 'VARCHAR' },
  { name: 'hschool', type: 'VARCHAR' },
];

/** A deterministic PRNG so screenshots do not change between runs. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function model(role: ModelRole, path: string): ModelInfo {
  const name = path.split(/[\\/]/).pop() ?? path;
  return {
    role, path, name,
    sha256: role === 'production' ? '3f9a1c27e4b05d8e6a7f21c9b3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6' : 'b7e2d94a01c3f5e6d7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0',
    sizeBytes: role === 'production' ? 41_822 : 58_310,
    loadMs: role === 'production' ? 12.4 : 17.9,
    signature: {
      inputs: FEATURES.map((f) => ({
        name: f, kind: 'tensor' as const,
        type: ['phist', 'selfemp', 'insurance', 'condomin', 'afam', 'single', 'hschool'].includes(f) ? 'string' as const : 'float32' as const,
        shape: ['N', 1],
      })),
      outputs: [
        { name: 'label', kind: 'tensor', type: 'int64', shape: ['N'] },
        { name: 'probabilities', kind: 'tensor', type: 'float32', shape: ['N', 2] },
      ],
      opsets: { '': 15, 'ai.onnx.ml': 3 },
      irVersion: 8, producerName: 'skl2onnx', producerVersion: '1.17.0', domain: 'ai.onnx',
      modelVersion: role === 'production' ? 3 : 4, docString: '', metadata: {},
    },
  };
}

function pair(id: string, p: number, c: number, half: number, extra: Partial<MetricRecord> = {}, n = 2380): MetricRecord[] {
  const ci = (v: number, h: number) => ({ low: v - h, high: v + h * 0.9, level: 0.95, method: 'paired bootstrap percentile, B=1000, seed=7' });
  return [
    { id, model: 'production', value: p, ci: ci(p, half), n },
    { id, model: 'candidate', value: c, ci: ci(c, half), n },
    { id, model: 'delta', value: c - p, ci: ci(c - p, half * 0.6), n, ...extra },
  ];
}

/** Metric records like the real engine's, for one finished run. */
export function fakeMetrics(): MetricRecord[] {
  const m: MetricRecord[] = [
    ...pair('outcome.roc_auc', 0.8012, 0.8236, 0.021, { p: 0.0071 }),
    ...pair('outcome.pr_auc', 0.4321, 0.4710, 0.034),
    ...pair('outcome.accuracy', 0.8954, 0.9021, 0.012, { p: 0.044 }),
    ...pair('outcome.precision', 0.6512, 0.6833, 0.05),
    ...pair('outcome.recall', 0.3012, 0.3478, 0.045),
    ...pair('outcome.f1', 0.4119, 0.4610, 0.04),
    ...pair('outcome.brier', 0.0812, 0.0779, 0.006),
    ...pair('outcome.log_loss', 0.2871, 0.2755, 0.015),
    ...pair('outcome.ece', 0.0213, 0.0188, 0.006),
    { id: 'shadow.agreement_rate', model: 'both', value: 0.9672, ci: { low: 0.9596, high: 0.9741, level: 0.95, method: 'Wilson' }, n: 2380 },
    { id: 'shadow.flip_rate_0_to_1', model: 'both', value: 0.0189, n: 2380 },
    { id: 'shadow.flip_rate_1_to_0', model: 'both', value: 0.0139, n: 2380 },
    { id: 'shadow.noise_floor_max_abs_delta', model: 'noise', value: 0, n: 2380, note: 'production replayed twice: identical scores' },
  ];
  const groups: Record<string, Record<string, [number, number]>> = {
    afam: { no: [0.0721, 0.0802], yes: [0.1812, 0.1655] },
    single: { no: [0.0833, 0.0871], yes: [0.1201, 0.1188] },
  };
  for (const [attr, vals] of Object.entries(groups)) {
    for (const [v, [sp, sc]] of Object.entries(vals)) {
      const n = v === 'yes' ? (attr === 'afam' ? 339 : 939) : (attr === 'afam' ? 2041 : 1441);
      for (const [metric, f] of [['selection_rate', 1], ['tpr', 4.1], ['fpr', 0.35]] as const) {
        for (const [model, base] of [['production', sp], ['candidate', sc]] as const) {
          const value = Math.min(0.97, base * f);
          const h = 1.96 * Math.sqrt((value * (1 - value)) / (metric === 'tpr' ? n * 0.12 : n));
          m.push({ id: `fairness.${metric}`, model, group: { [attr]: v }, value, ci: { low: Math.max(0, value - h), high: Math.min(1, value + h), level: 0.95, method: 'bootstrap percentile, B=1000, seed=7' }, n });
        }
      }
    }
    const [lo, hi] = [vals.no!, vals.yes!];
    m.push(...pair('fairness.demographic_parity_difference', hi[0] - lo[0], hi[1] - lo[1], 0.03).map((r) => ({ ...r, group: { [attr]: '*' } })));
    m.push(...pair('fairness.demographic_parity_ratio', lo[0] / hi[0], lo[1] / hi[1], 0.08).map((r) => ({ ...r, group: { [attr]: '*' } })));
    m.push(...pair('fairness.equalized_odds_difference', (hi[0] - lo[0]) * 3.2, (hi[1] - lo[1]) * 2.9, 0.06).map((r) => ({ ...r, group: { [attr]: '*' } })));
  }
  const drift: [string, string, number, number, boolean][] = [
    ['pirat', 'wasserstein_normed', 0.041, 0.1, false], ['hirat', 'wasserstein_normed', 0.028, 0.1, false],
    ['lvrat', 'wasserstein_normed', 0.132, 0.1, true], ['unemp', 'wasserstein_normed', 0.019, 0.1, false],
    ['afam', 'jensen_shannon', 0.012, 0.1, false], ['chist', 'jensen_shannon', 0.044, 0.1, false],
  ];
  for (const [col, method, v, thr, drifted] of drift) {
    const group = { column: col };
    m.push({ id: `drift.${method}`, model: 'both', group, value: v, n: 1190 });
    m.push({ id: 'drift.method_value', model: 'both', group, value: v, n: 1190, note: `method=${method} (auto); drift at >= ${thr}; n_ref=1190, n_cur=1190; excluded (NULL): ref 0, cur 0` });
    m.push({ id: 'drift.drifted', model: 'both', group, value: drifted ? 1 : 0, n: 1190, note: `drift at >= ${thr}` });
    m.push({ id: 'drift.psi', model: 'both', group, value: v * 1.7, n: 1190 });
  }
  m.push({ id: 'drift.share_drifted', model: 'both', value: 1 / 6, n: 6, note: '1 of 6 evaluable columns drifted' }, { id: 'drift.columns_drifted', model: 'both', value: 1, n: 6, note: 'of 6 evaluable columns' });
  for (const [q, p, c] of [['p50', 212, 268], ['p90', 301, 377], ['p99', 540, 701], ['p99_9', 1210, 1498]] as const) {
    m.push(
      { id: `latency.${q}`, model: 'production', value: p, unit: 'µs', n: 2380 },
      { id: `latency.${q}`, model: 'candidate', value: c, unit: 'µs', n: 2380 },
      { id: `latency.${q}`, model: 'ratio', value: c / p, ci: { low: c / p - 0.05, high: c / p + 0.06, level: 0.95, method: 'paired bootstrap' }, n: 2380 },
    );
  }
  m.push({ id: 'latency.throughput', model: 'production', value: 4410, unit: 'rows/s' }, { id: 'latency.throughput', model: 'candidate', value: 3522, unit: 'rows/s' });
  return m;
}

function curves(): Curve[] {
  const out: Curve[] = [];
  for (const [model, k] of [['production', 2.6], ['candidate', 3.0]] as const) {
    const x = Array.from({ length: 51 }, (_, i) => i / 50);
    out.push({ id: 'roc', model, x, y: x.map((v) => 1 - (1 - v) ** k), xLabel: 'False positive rate', yLabel: 'True positive rate' });
    out.push({ id: 'pr', model, x, y: x.map((v) => Math.max(0.12, 0.9 - v * (k === 3 ? 0.7 : 0.78))), xLabel: 'Recall', yLabel: 'Precision' });
    const b = Array.from({ length: 10 }, (_, i) => (i + 0.5) / 10);
    out.push({ id: 'calibration', model, x: b, y: b.map((v) => Math.min(1, v * (k === 3 ? 0.97 : 0.9) + 0.01)), xLabel: 'Mean predicted', yLabel: 'Observed positive share' });
    out.push({ id: 'score_hist', model, x: b, y: b.map((v) => Math.round(1400 * Math.exp(-v * (k + 3)))), xLabel: 'Score', yLabel: 'Rows' });
    // Latency CDF: x = latency in µs (log-normal around 420 / 540 µs), y = cumulative share.
    const lx = Array.from({ length: 60 }, (_, i) => 150 * 1.06 ** i);
    const mu = Math.log(k === 3 ? 540 : 420);
    const erf = (z: number) => { const t = 1 / (1 + 0.3275911 * Math.abs(z)); const y = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z); return z < 0 ? -y : y; };
    out.push({ id: 'latency_cdf', model, x: lx, y: lx.map((v) => 0.5 * (1 + erf((Math.log(v) - mu) / (0.35 * Math.SQRT2)))), xLabel: 'Latency (µs)', yLabel: 'Cumulative share of requests' });
  }
  return out;
}

/** The fake service: a WorkbenchApi plus `on` and `close`, like createWorkbenchService(). */
export interface FakeService extends WorkbenchApi {
  on(listener: (e: WorkbenchEvent) => void): () => void;
  close(): Promise<void>;
  calls: { method: string; args: unknown }[];
}

/** Creates a fake service; `runMs` is how long a fake run takes. */
export function createFakeService(opts: { runMs?: number; preloaded?: boolean } = {}): FakeService {
  const listeners = new Set<(e: WorkbenchEvent) => void>();
  const emit = (e: WorkbenchEvent) => listeners.forEach((l) => l(e));
  const models: Partial<Record<ModelRole, ModelInfo>> = {};
  const datasets: DatasetInfo[] = [];
  const runs: RunInfo[] = [];
  let map: ColumnMap | null = null;
  let wsPath = '/home/validator/hmda-q3.sbw';
  const timers = new Set<ReturnType<typeof setInterval>>();
  const calls: { method: string; args: unknown }[] = [];

  const summary = (): WorkspaceSummary => ({
    path: wsPath, name: wsPath.split('/').pop()!.replace(/\.\w+$/, ''),
    models: Object.values(models) as ModelInfo[], datasets, runs, map,
  });
  const resolve = (datasetId: string, m?: ColumnMap): ResolvedMap => {
    const ds = datasets.find((d) => d.id === datasetId);
    if (!ds) throw new WorkbenchError('NOT_FOUND', `No dataset "${datasetId}" in this workspace. Import one on the Workspace screen.`, { datasetId });
    if (!models.production || !models.candidate) throw new WorkbenchError('BAD_CONTEXT', 'Open both models before mapping.', {});
    const inputs = Object.fromEntries(FEATURES.map((f) => [f, f]));
    const base: ColumnMap = m ?? { label: 'deny', positive: 'yes', sensitive: ['afam', 'single'], timestamp: 'ts', id: 'request_id', threshold: 0.5, models: { production: { inputs }, candidate: { inputs } } };
    for (const role of ['production', 'candidate'] as const) {
      for (const [input, col] of Object.entries(base.models[role].inputs)) {
        for (const c of Array.isArray(col) ? col : [col]) {
          if (!ds.columns.some((x) => x.name === c)) {
            throw new WorkbenchError('MAPPING_MISMATCH', `${role} input "${input}" is mapped to column "${c}", which the dataset does not have.`, { role, input, column: c });
          }
        }
      }
    }
    if (base.label && !ds.columns.some((c) => c.name === base.label)) {
      throw new WorkbenchError('BAD_MAP', `Label column "${base.label}" is not in the dataset.`, { field: 'label', column: base.label });
    }
    const score = 'probabilities[1]';
    return {
      ...base, threshold: base.threshold ?? 0.5, sensitive: base.sensitive ?? [],
      models: { production: { ...base.models.production, score }, candidate: { ...base.models.candidate, score } },
    };
  };
  const rowsOf = (n: number, offset: number, r: () => number): unknown[][] =>
    Array.from({ length: n }, (_, i) => [
      `r${String(1000 + offset + i).padStart(6, '0')}`, `2024-03-${String(4 + ((offset + i) % 20)).padStart(2, '0')} 0${i % 10}:12:31`,
      r() < 0.12 ? 'yes' : 'no', +(0.2 + r() * 0.3).toFixed(2), +(0.15 + r() * 0.2).toFixed(2), +(0.5 + r() * 0.5).toFixed(4),
      1 + Math.floor(r() * 6), 1 + Math.floor(r() * 4), r() < 0.07 ? 'yes' : 'no', +(2 + r() * 8).toFixed(1),
      r() < 0.1 ? 'yes' : 'no', r() < 0.02 ? 'yes' : 'no', r() < 0.3 ? 'yes' : 'no', r() < 0.14 ? 'yes' : 'no', r() < 0.4 ? 'yes' : 'no', r() < 0.98 ? 'yes' : 'no',
    ]);

  const api: FakeService = {
    calls,
    on(l) { listeners.add(l); return () => listeners.delete(l); },
    async close() { timers.forEach((t) => clearInterval(t)); listeners.clear(); },
    async hello() { return { version: '0.1.0-fake', transport: 'fake', workspace: wsPath }; },
    async openWorkspace({ path }) { wsPath = path; return summary(); },
    async getWorkspace() { return summary(); },
    async openModel({ role, path }) {
      if (!path.endsWith('.onnx')) throw new WorkbenchError('BAD_MODEL', `"${path}" is not an ONNX file (.onnx). Choose the model file exported by your training pipeline.`, { path });
      models[role] = model(role, path);
      return models[role]!;
    },
    async importDataset({ path, name }) {
      if (!/\.(parquet|csv|arrow)$/.test(path)) throw new WorkbenchError('BAD_DATASET', `"${path}" is not Parquet, CSV or Arrow.`, { path });
      const ds: DatasetInfo = {
        id: 'traffic', name: name ?? 'traffic', path, format: path.endsWith('.csv') ? 'csv' : path.endsWith('.arrow') ? 'arrow' : 'parquet',
        sha256: '9c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c1d', sizeBytes: 50_396, rows: 2380,
        columns: COLUMNS, importedAt: '2024-06-01T09:12:00Z',
      };
      datasets.splice(0, datasets.length, ds);
      return ds;
    },
    async previewDataset({ limit = 50, offset = 0 }) {
      return { columns: COLUMNS, rows: rowsOf(Math.min(limit, 2380 - offset), offset, rng(offset + 1)), total: 2380, offset };
    },
    async resolveMap({ datasetId, map: m }) { return resolve(datasetId, m); },
    async saveMap({ map: m }) { map = m; return { path: wsPath.replace(/\.\w+$/, '.map.json') }; },
    async startRun({ datasetId, map: m }) {
      const resolved = resolve(datasetId, m ?? map ?? undefined);
      const run: RunInfo = {
        id: `run-${runs.length + 1}`, datasetId, status: 'running', startedAt: new Date().toISOString(), rowsTotal: 2380, rowsDone: 0,
        map: resolved, production: { path: models.production!.path, sha256: models.production!.sha256 },
        candidate: { path: models.candidate!.path, sha256: models.candidate!.sha256 },
      };
      runs.unshift(run);
      // The replay in rows, then the metrics in steps (as runComparison reports them), then done.
      const steps = 10, metricSteps = 4;
      let i = 0;
      const t = setInterval(() => {
        if (run.status !== 'running') { clearInterval(t); timers.delete(t); return; }
        i++;
        if (i <= steps) {
          run.rowsDone = Math.min(2380, Math.round((2380 * i) / steps));
          emit({ kind: 'progress', task: 'replay', runId: run.id, stage: 'batch replay', done: run.rowsDone, total: 2380, rate: 9120, etaSeconds: ((steps - i) * (opts.runMs ?? 1500)) / steps / 1000 });
        } else {
          emit({ kind: 'progress', task: 'replay', runId: run.id, stage: 'metrics', done: i - steps - 1, total: metricSteps, rate: 0, etaSeconds: null, unit: 'steps' });
        }
        if (i >= steps + metricSteps + 1) {
          clearInterval(t); timers.delete(t);
          run.status = 'done'; run.finishedAt = new Date().toISOString();
          emit({ kind: 'run-finished', runId: run.id, status: 'done' });
        }
      }, (opts.runMs ?? 1500) / steps);
      timers.add(t);
      return { ...run };
    },
    async cancelRun({ runId }) {
      const run = runs.find((r) => r.id === runId);
      if (!run || run.status !== 'running') return { cancelled: false };
      run.status = 'cancelled';
      emit({ kind: 'run-finished', runId, status: 'cancelled' });
      return { cancelled: true };
    },
    async getRun({ runId }) {
      const run = runs.find((r) => r.id === runId);
      if (!run) throw new WorkbenchError('NOT_FOUND', `No run "${runId}".`, { runId });
      return { ...run };
    },
    async getMetrics({ runId }) {
      const run = runs.find((r) => r.id === runId);
      if (!run || run.status !== 'done') throw new WorkbenchError('NOT_FOUND', `Run "${runId}" has no metrics yet.`, { runId });
      return fakeMetrics();
    },
    async getCurves() { return curves(); },
    async getDisagreements({ limit = 100, offset = 0, group, order }) {
      const r = rng(99 + offset);
      const total = group ? 41 : order === 'flip' ? 78 : 2380;
      const n = Math.max(0, Math.min(limit, total - offset));
      const rows = Array.from({ length: n }, (_, i) => {
        const d = 0.42 * Math.exp(-(offset + i) / 60) * (r() < 0.5 ? 1 : -1);
        const ps = 0.3 + r() * 0.4;
        const cs = Math.min(1, Math.max(0, ps + d));
        return [`r${String(1 + Math.floor(r() * 2380)).padStart(6, '0')}`, +d.toFixed(4), +ps.toFixed(4), +cs.toFixed(4), ps >= 0.5 ? 1 : 0, cs >= 0.5 ? 1 : 0, r() < 0.2 ? 'yes' : 'no', group?.value ?? (r() < 0.15 ? 'yes' : 'no'), +(0.2 + r() * 0.3).toFixed(2), +(0.5 + r() * 0.5).toFixed(3)];
      });
      return {
        columns: [
          { name: 'request_id', type: 'VARCHAR' }, { name: 'score_delta', type: 'DOUBLE' }, { name: 'production_score', type: 'DOUBLE' }, { name: 'candidate_score', type: 'DOUBLE' },
          { name: 'production_label', type: 'INTEGER' }, { name: 'candidate_label', type: 'INTEGER' }, { name: 'deny', type: 'VARCHAR' }, { name: group?.column ?? 'afam', type: 'VARCHAR' },
          { name: 'pirat', type: 'DOUBLE' }, { name: 'lvrat', type: 'DOUBLE' },
        ],
        rows, total, offset,
      };
    },
    async query({ sql, limit = 100, offset = 0 }): Promise<RowPage> {
      if (/\b(insert|update|delete|drop|create|attach|copy)\b/i.test(sql)) throw new WorkbenchError('BAD_ARGUMENT', 'The SQL box is read-only: use SELECT, WITH, DESCRIBE or SUMMARIZE.', {});
      const distinct = /select\s+distinct\s+"?(\w+)"?/i.exec(sql);
      if (distinct) return { columns: [{ name: distinct[1]!, type: 'VARCHAR' }], rows: [['no'], ['yes']], total: 2, offset: 0 };
      const rows = rowsOf(Math.min(limit, 2380 - offset), offset, rng(5 + offset));
      return { columns: COLUMNS, rows, total: 2380, offset };
    },
    async evaluateCriteria(): Promise<CriteriaResult[]> {
      return [
        { rule: 'outcome.roc_auc.delta.ci_low >= -0.005', line: 1, status: 'pass', observed: 0.0098, bound: -0.005 },
        { rule: 'latency.p99.ratio <= 1.2', line: 2, status: 'fail', observed: 1.298, bound: 1.2 },
        { rule: 'fairness.afam.demographic_parity_ratio >= 0.8', line: 3, status: 'fail', observed: 0.4846, bound: 0.8 },
        { rule: 'drift.psi.max < 0.25', line: 4, status: 'pass', observed: 0.2244, bound: 0.25 },
        { rule: 'outcome.calibration_slope.delta >= -0.1', line: 5, status: 'not_evaluable', observed: null, bound: -0.1, reason: 'no metric "outcome.calibration_slope" in this run' },
      ];
    },
    async exportReport({ dir }) {
      return { dir, files: [
        { name: 'report.json', sha256: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809', bytes: 48_211 },
        { name: 'report.html', sha256: '2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a', bytes: 611_904 },
      ] };
    },
    async signReport({ signer, role, meaning }): Promise<VerifyResult> {
      return { ok: true, signatures: [{ keyid: 'SHA256:q1w2e3r4t5y6', signer, role, meaning, time: '2024-06-01T10:00:00Z', ok: true }], subjects: [{ name: 'report.json', sha256: '1a2b3c4d5e6f', ok: true }], errors: [] };
    },
    async verifyReport(): Promise<VerifyResult> {
      return {
        ok: false,
        signatures: [
          { keyid: 'SHA256:q1w2e3r4t5y6', signer: 'A. Validator', role: 'Model validator', meaning: 'validated', time: '2024-06-01T10:00:00Z', ok: true },
          { keyid: 'SHA256:z9x8c7v6b5n4', signer: 'B. Approver', role: 'Head of model risk', meaning: 'approved', time: '2024-06-02T08:30:00Z', ok: true },
        ],
        subjects: [
          { name: 'report.json', sha256: '1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f809', ok: true },
          { name: 'report.html', sha256: '2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a', ok: false, reason: 'digest differs: the file changed after signing' },
        ],
        errors: ['report.html: digest mismatch'],
      };
    },
    async previewReport() {
      return { html: '<!doctype html><meta charset="utf-8"><body style="font:13px system-ui;margin:24px"><h1>Validation report</h1><p>HMDA credit model: candidate v4 vs production v3.</p><h2>Outcomes</h2><table border="1" cellpadding="4"><tr><th>Metric</th><th>Production</th><th>Candidate</th></tr><tr><td>ROC AUC</td><td>0.8012</td><td>0.8236</td></tr></table></body>' };
    },
  };
  if (opts.preloaded) {
    models.production = model('production', '/data/models/hmda/production.onnx');
    models.candidate = model('candidate', '/data/models/hmda/candidate.onnx');
  }
  return new Proxy(api, {
    get(target, prop, recv) {
      const v = Reflect.get(target, prop, recv);
      if (typeof v === 'function' && typeof prop === 'string' && !['on', 'close'].includes(prop)) {
        return (args: unknown) => { calls.push({ method: prop, args }); return (v as (a: unknown) => unknown).call(target, args); };
      }
      return v;
    },
  });
}
