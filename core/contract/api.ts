import type {
  ColumnMap, DatasetInfo, MetricRecord, ModelInfo, ModelRole, ResolvedMap, RunInfo, WorkbenchEvent,
} from './types.js';

/** A page of rows from the workspace. Large pages travel as Arrow IPC (`arrow`), small ones as JSON rows. */
export interface RowPage {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  /** Total rows matching, when known. */
  total: number | null;
  offset: number;
}

export interface WorkspaceSummary {
  path: string;
  name: string;
  models: ModelInfo[];
  datasets: DatasetInfo[];
  runs: RunInfo[];
  map: ColumnMap | null;
}

export interface StartRunArgs {
  datasetId: string;
  map?: ColumnMap;
  /** Rows per batch; 65,536 by default. */
  chunkRows?: number;
  /** Also replay production a second time (noise floor). */
  noiseFloor?: boolean;
  /** Also run a latency replay after the batch replay (single requests, interleaved, warm-up excluded). */
  latency?: { requests?: number; warmup?: number; batch?: number; rate?: number; speed?: number; seed?: number };
  /** A dataset of the workspace to measure input drift against (training data, an earlier window). */
  referenceDatasetId?: string;
}

export interface DisagreementQuery {
  runId: string;
  limit?: number;
  offset?: number;
  /** Only rows whose group column equals this value. */
  group?: { column: string; value: string };
  /** 'score' orders by |delta score|, 'flip' keeps only rows whose labels differ. */
  order?: 'score' | 'flip';
  /** Only rows whose mapped timestamp falls in [from, to) (ISO dates or timestamps). */
  window?: { from: string; to: string };
}

/** Reference vs current distribution of one input column of a run (shares of each side's rows). */
export interface DriftDistribution {
  column: string;
  kind: 'numeric' | 'categorical';
  /** Numeric: bin centres; categorical: category labels ('missing' for NULL, '(other)' for the tail). */
  bins: string[] | number[];
  /** Numeric: the bins.length + 1 bin edges (the outer bins also hold the values beyond them). */
  edges?: number[];
  reference: number[];
  current: number[];
  /** Rows counted on each side (numeric: non-missing finite values). */
  n: { reference: number; current: number };
  /** Rows left out on each side (NULL, NaN, infinite); numeric only. */
  missing: { reference: number; current: number };
  /** Names of the two datasets. */
  datasets: { reference: string; current: string };
  note?: string;
}

export interface CriteriaResult {
  rule: string;
  line?: number;
  status: 'pass' | 'fail' | 'not_evaluable';
  observed: number | null;
  bound: number;
  reason?: string;
  /** Stable id of the rule (from the file, else C1, C2... in file order). */
  id?: string;
  /** The parsed rule: metric id, model, statistic, comparison, group scope. */
  metric?: string;
  model?: string;
  stat?: 'value' | 'ci_low' | 'ci_high' | 'p';
  op?: '>=' | '>' | '<=' | '<';
  /** 'single' (one record), 'every' (each group must pass), 'max' / 'min' (aggregate over groups). */
  scope?: 'single' | 'every' | 'max' | 'min';
  /** Group filter from `for group k=v`. */
  group?: Record<string, string>;
  /** The numbers behind a rule over several groups, one per record. */
  groups?: { group: Record<string, string> | null; observed: number | null; status: 'pass' | 'fail' | 'not_evaluable' }[];
}

export interface ReportExport {
  dir: string;
  files: { name: string; sha256: string; bytes: number }[];
}

export interface SignArgs {
  dir: string;
  keyPath: string;
  passphrase?: string;
  signer: string;
  role: string;
  meaning: string;
}

export interface VerifyResult {
  ok: boolean;
  signatures: { keyid: string; signer?: string; role?: string; meaning?: string; time?: string; ok: boolean; reason?: string }[];
  subjects: { name: string; sha256: string; ok: boolean; reason?: string }[];
  errors: string[];
}

/** Arguments of exportReport: which run, where to write, and the criteria file to evaluate (if any). */
export interface ExportReportArgs {
  runId: string;
  /** Output folder; created if missing. */
  dir: string;
  criteriaPath?: string;
  /** Formats to write; all available ones by default. */
  formats?: ('json' | 'html' | 'pdf')[];
}

/** One curve of one model for charts: ROC, PR, calibration, score histogram, latency CDF... */
export interface Curve {
  /** e.g. 'roc', 'pr', 'calibration', 'score_hist', 'latency_cdf'; unknown ids are drawn generically. */
  id: string;
  model: 'production' | 'candidate' | 'noise' | 'reference' | 'both';
  /** e.g. {column: 'income'} for a drift histogram, {window: '2024-03-04'} for a time window. */
  group?: Record<string, string>;
  x: number[];
  y: number[];
  xLabel?: string;
  yLabel?: string;
}

/**
 * The one API the UI talks to, in Electron (IPC) and in a browser (HTTP + SSE).
 * Every method takes one JSON-serialisable argument object and returns a JSON-serialisable value.
 */
export interface WorkbenchApi {
  /** Version and capabilities of the host. */
  hello(args: Record<string, never>): Promise<{ version: string; transport: string; workspace: string | null }>;
  /** Open (or create) a workspace file; returns what it holds. */
  openWorkspace(args: { path: string }): Promise<WorkspaceSummary>;
  getWorkspace(args: Record<string, never>): Promise<WorkspaceSummary>;
  openModel(args: { role: ModelRole; path: string }): Promise<ModelInfo>;
  importDataset(args: { path: string; name?: string }): Promise<DatasetInfo>;
  previewDataset(args: { datasetId: string; limit?: number; offset?: number }): Promise<RowPage>;
  /** Fill defaults and check a map against the models and the dataset; errors name both sides. */
  resolveMap(args: { datasetId: string; map?: ColumnMap }): Promise<ResolvedMap>;
  saveMap(args: { map: ColumnMap }): Promise<{ path: string | null }>;
  startRun(args: StartRunArgs): Promise<RunInfo>;
  cancelRun(args: { runId: string }): Promise<{ cancelled: boolean }>;
  getRun(args: { runId: string }): Promise<RunInfo>;
  getMetrics(args: { runId: string }): Promise<MetricRecord[]>;
  getDisagreements(args: DisagreementQuery): Promise<RowPage>;
  /** Read-only SQL over the workspace, paged server-side. */
  query(args: { sql: string; limit?: number; offset?: number }): Promise<RowPage>;
  /** Evaluate a criteria file (YAML/JSON) against a finished run's metrics. */
  evaluateCriteria(args: { runId: string; criteriaPath: string }): Promise<CriteriaResult[]>;
  /** Write report.json / report.html (/ report.pdf) for a run into a folder. */
  exportReport(args: ExportReportArgs): Promise<ReportExport>;
  /** Add a signature to the DSSE envelope in an exported report folder; returns the verification after signing. */
  signReport(args: SignArgs): Promise<VerifyResult>;
  /** Verify every signature and every subject digest of a report folder. */
  verifyReport(args: { dir: string; keys: string[] }): Promise<VerifyResult>;
  /** Optional: the self-contained report HTML for a live preview. Hosts without it throw UNAVAILABLE. */
  previewReport?(args: { runId: string; criteriaPath?: string }): Promise<{ html: string }>;
  /** Optional: curves for the Compare charts. Hosts without it throw UNAVAILABLE. */
  getCurves?(args: { runId: string }): Promise<Curve[]>;
  /** Optional: reference vs current distribution of one column of a run measured against a reference. */
  getDriftDistribution?(args: { runId: string; column: string }): Promise<DriftDistribution>;
}

export type WorkbenchMethod = keyof WorkbenchApi;

export type EventListener = (event: WorkbenchEvent) => void;

/** Every method of WorkbenchApi, for dispatch to validate names against. Add new methods here too. */
export const WORKBENCH_METHODS = [
  'hello', 'openWorkspace', 'getWorkspace', 'openModel', 'importDataset', 'previewDataset', 'resolveMap', 'saveMap',
  'startRun', 'cancelRun', 'getRun', 'getMetrics', 'getDisagreements', 'query',
  'evaluateCriteria', 'exportReport', 'signReport', 'verifyReport', 'previewReport', 'getCurves',
  'getDriftDistribution',
] as const satisfies readonly WorkbenchMethod[];
