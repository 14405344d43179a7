/** The state of the whole workbench UI. */
import type {
  ColumnMap, CriteriaResult, Curve, ErrorInfo, MetricRecord, ProgressEvent, ResolvedMap, RowPage, RunInfo, WorkspaceSummary,
} from '../../../core/contract/index.js';

/** The six steps of the left rail, in order. */
export const SCREENS = ['workspace', 'mapping', 'run', 'compare', 'disagreements', 'report'] as const;
export type ScreenId = (typeof SCREENS)[number];

export const SCREEN_LABELS: Record<ScreenId, string> = {
  workspace: 'Workspace', mapping: 'Mapping', run: 'Run', compare: 'Compare', disagreements: 'Disagreements', report: 'Report',
};

/** Areas that can be busy or carry an error, each shown where it happened. */
export type Area =
  | 'connect' | 'workspace' | 'model.production' | 'model.candidate' | 'dataset' | 'preview' | 'map' | 'saveMap'
  | 'run' | 'metrics' | 'criteria' | 'preview.report' | 'export' | 'sign' | 'verify' | 'disagreements' | 'query';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  message: string;
  time: string;
}

export interface AppState {
  screen: ScreenId;
  theme: 'light' | 'dark';
  host: { version: string; transport: string } | null;
  workspace: WorkspaceSummary | null;
  datasetId: string | null;
  preview: RowPage | null;
  /** The map being edited. */
  map: ColumnMap | null;
  resolved: ResolvedMap | null;
  run: RunInfo | null;
  progress: ProgressEvent | null;
  metrics: MetricRecord[] | null;
  curves: Curve[] | null;
  criteriaPath: string;
  criteria: CriteriaResult[] | null;
  busy: Partial<Record<Area, boolean>>;
  errors: Partial<Record<Area, ErrorInfo | null>>;
  log: LogLine[];
}

export function initialState(theme: 'light' | 'dark'): AppState {
  return {
    screen: 'workspace', theme, host: null, workspace: null, datasetId: null, preview: null, map: null, resolved: null,
    run: null, progress: null, metrics: null, curves: null, criteriaPath: '', criteria: null, busy: {}, errors: {}, log: [],
  };
}
