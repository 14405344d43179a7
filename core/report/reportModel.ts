import type { CriteriaResult, Curve } from '../contract/api.js';
import type { MetricRecord, ModelRole, ResolvedMap } from '../contract/index.js';

export const REPORT_SCHEMA_VERSION = '1.0';

/** report.json: the one report model that the HTML and PDF renderings and the signature use. */
export interface ReportModel {
  schemaVersion: string;
  tool: { name: 'shadowbench'; version: string };
  /** UTC time the report was written (canonicalised away when reports are compared). */
  generatedAt: string;
  reportId: string;
  command: string[];
  run: { id: string; status: string; startedAt: string; finishedAt?: string; reusedPredictions: boolean };
  artefacts: {
    models: { role: ModelRole; name: string; path: string; sha256: string; sizeBytes: number; opsets: Record<string, number>; producer: string; inputs: string[]; outputs: string[] }[];
    datasets: { role: 'traffic' | 'reference'; name: string; path: string; sha256: string; sizeBytes: number; rows: number; columns: { name: string; type: string }[] }[];
    map: { path: string | null; sha256: string | null; resolved: ResolvedMap };
    criteria?: { path: string; sha256: string } | null;
  };
  data: {
    rows: number;
    labelled: number | null;
    unlabelled: number | null;
    missingByColumn: Record<string, number>;
    nanScores: Record<string, number>;
  };
  settings: {
    threshold: number;
    positive: string | number | boolean | null;
    sensitive: string[];
    bootstrap: { B: number; seed: number; level: number; method: string };
    conventions: string;
  };
  timings?: { readMs: number; buildMs: number; inferMs: number; writeMs: number; totalMs: number; metricsMs: number; modelMs?: number };
  metrics: MetricRecord[];
  /** Chart data: ROC, PR, calibration, score histograms, latency CDFs (downsampled). */
  curves: Curve[];
  /** Latency replay summary (settings, environment, busy check, histograms), when it ran. */
  latency?: Record<string, unknown> | null;
  /** What the validator wrote in --context FILE: scope, intended use, decision requested, limitations. */
  context: Record<string, unknown> | null;
  criteria: CriteriaResult[];
  verdict: 'pass' | 'fail' | 'not_evaluable' | null;
  environment: { node: string; platform: string; arch: string; cpus: string; cores: number; memoryGiB: number; onnxruntime: string; duckdb: string };
}

const ORDER: Record<string, number> = { production: 0, candidate: 1, delta: 2, ratio: 3, both: 4, noise: 5 };

/** Sorts metric records into a stable order (id, group, model) so equal inputs give equal bytes. */
export function sortMetrics(records: MetricRecord[]): MetricRecord[] {
  const g = (r: MetricRecord) => (r.group ? JSON.stringify(Object.entries(r.group).sort()) : '');
  return [...records].sort((a, b) => a.id.localeCompare(b.id) || g(a).localeCompare(g(b)) || (ORDER[a.model] ?? 9) - (ORDER[b.model] ?? 9));
}

/** Finds one record. */
export function findMetric(records: MetricRecord[], id: string, model: string, group?: Record<string, string>): MetricRecord | undefined {
  const key = group ? JSON.stringify(Object.entries(group).sort()) : '';
  return records.find((r) => r.id === id && r.model === model && (r.group ? JSON.stringify(Object.entries(r.group).sort()) : '') === key);
}
