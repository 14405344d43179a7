/** Element types of ONNX tensors as onnxruntime names them. */
export type TensorElementType =
  | 'float32' | 'float64' | 'float16' | 'int8' | 'int16' | 'int32' | 'int64'
  | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool' | 'string' | 'unknown';

/** One model input or output. Symbolic dimensions are strings (e.g. "batch"), unknown ones null. */
export interface TensorInfo {
  name: string;
  /** 'tensor' for ordinary tensors; 'zipmap' for a sequence-of-maps output exposed through the tensor that feeds it. */
  kind: 'tensor' | 'sequence' | 'map' | 'zipmap';
  type: TensorElementType;
  shape: (number | string | null)[];
  /** For a ZipMap output: the tensor that feeds it, which Shadowbench reads instead. */
  feeds?: string;
  /** For ZipMap outputs: the class labels, in column order. */
  classLabels?: (string | number)[];
}

/** What can be read from an ONNX file without running it. */
export interface ModelSignature {
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Opset imports: domain ('' for ai.onnx) -> version. */
  opsets: Record<string, number>;
  irVersion: number;
  producerName: string;
  producerVersion: string;
  domain: string;
  modelVersion: number;
  docString: string;
  /** Custom metadata_props. */
  metadata: Record<string, string>;
}

export type ModelRole = 'production' | 'candidate';

export interface ModelInfo {
  role: ModelRole;
  path: string;
  name: string;
  sha256: string;
  sizeBytes: number;
  signature: ModelSignature;
  /** Milliseconds to create the inference session, when it was opened. */
  loadMs?: number;
}

export type DatasetFormat = 'parquet' | 'csv' | 'arrow';

export interface ColumnInfo {
  name: string;
  /** DuckDB type name, e.g. DOUBLE, VARCHAR, BIGINT, TIMESTAMP. */
  type: string;
  nullable?: boolean;
}

export interface DatasetInfo {
  /** Table name inside the workspace. */
  id: string;
  name: string;
  path: string;
  format: DatasetFormat;
  sha256: string;
  sizeBytes: number;
  rows: number;
  columns: ColumnInfo[];
  importedAt: string;
}

/** Where one model input comes from: a column, or an ordered list of columns for a 2-D input. */
export type InputSource = string | string[];

export interface ModelMapping {
  /** input name -> column or ordered column list. */
  inputs: Record<string, InputSource>;
  /** Score output: "name" or "name[i]" for column/class i. Defaults as documented in the README. */
  score?: string;
  /** Output holding the predicted label, if any (informational). */
  label?: string;
}

/**
 * The column map (`--map FILE`, JSON or YAML): how dataset columns feed each model, and which
 * columns carry the label, the sensitive attributes, the time and the row id.
 */
export interface ColumnMap {
  /** What the models predict: a binary class (default), a number (regression), or one of several classes. */
  task?: 'binary' | 'regression' | 'multiclass';
  /** Multiclass: the label values in the order of the models' probability columns (default: sorted distinct labels). */
  classes?: (string | number)[];
  label?: string;
  /** Value of the label column that means the positive class (as written in the data). */
  positive?: string | number | boolean;
  sensitive?: string[];
  timestamp?: string;
  id?: string;
  /** Column identifying the recorded request each row came in with; its typical size is the latency replay's batch size. */
  request?: string;
  /** Decision threshold on the positive-class score; 0.5 by default. */
  threshold?: number;
  models: { production: ModelMapping; candidate: ModelMapping };
}

/** A column map after defaults were filled and every name was checked against the data and models. */
export interface ResolvedMap extends ColumnMap {
  threshold: number;
  sensitive: string[];
  models: { production: Required<Pick<ModelMapping, 'inputs' | 'score'>> & ModelMapping; candidate: Required<Pick<ModelMapping, 'inputs' | 'score'>> & ModelMapping };
}

/** Interval with its method, e.g. bootstrap percentile with seed and B. */
export interface ConfidenceInterval {
  low: number;
  high: number;
  level: number;
  method: string;
}

export type MetricModel = 'production' | 'candidate' | 'delta' | 'ratio' | 'both' | 'noise';

/** One number in report.json. `id` is stable (e.g. outcome.roc_auc); `group` names attribute and value. */
export interface MetricRecord {
  id: string;
  model: MetricModel;
  group?: Record<string, string>;
  value: number | null;
  ci?: ConfidenceInterval;
  /** Rows the number was computed on. */
  n?: number;
  /** p-value when the record is a test. */
  p?: number;
  /** Why a value is null or degenerate (e.g. "no positive rows"). */
  note?: string;
  unit?: string;
}

export type RunStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface RunInfo {
  id: string;
  datasetId: string;
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  rowsTotal: number;
  rowsDone: number;
  map: ResolvedMap;
  production: { path: string; sha256: string };
  candidate: { path: string; sha256: string };
  error?: { code: string; message: string };
}

export interface ProgressEvent {
  kind: 'progress';
  task: string;
  runId?: string;
  stage: string;
  done: number;
  total: number;
  /** Rows per second over the stage so far. */
  rate: number;
  /** Seconds remaining, or null when unknown. */
  etaSeconds: number | null;
  /** What done and total count: rows (when absent), or the steps of a stage that is not a pass over rows (metrics, drift, slices, time windows). */
  unit?: 'rows' | 'steps';
}

/** A stage's progress as the core reports it, before the service tags it with its task and run. */
export type StageProgress = Omit<ProgressEvent, 'kind' | 'task' | 'runId'>;

export interface LogEvent {
  kind: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface RunFinishedEvent {
  kind: 'run-finished';
  runId: string;
  status: RunStatus;
  error?: { code: string; message: string };
}

export type WorkbenchEvent = ProgressEvent | LogEvent | RunFinishedEvent;
