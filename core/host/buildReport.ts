import { createHash } from 'node:crypto';
import { VERSION } from '../version.js';
import { type ReportModel, REPORT_SCHEMA_VERSION, sortMetrics } from '../report/reportModel.js';
import { environment } from './environment.js';
import type { ComparisonResult } from './runComparison.js';

export interface ReportInputs {
  result: ComparisonResult;
  command: string[];
  mapFile?: { path: string; sha256: string } | null;
  metricsMs?: number;
  now?: Date;
}

const count = (r: ComparisonResult, id: string) => r.metrics.find((m) => m.id === id && m.model === 'both')?.value ?? null;

/** Assembles report.json from a finished comparison. */
export function buildReport(inp: ReportInputs): ReportModel {
  const { result } = inp;
  const { run, models, dataset, plan, stats } = result;
  const reportId = createHash('sha256').update(JSON.stringify([run.id, models.production.sha256, models.candidate.sha256, dataset.sha256])).digest('hex').slice(0, 16);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tool: { name: 'shadowbench', version: VERSION },
    generatedAt: (inp.now ?? new Date()).toISOString(),
    reportId,
    command: inp.command,
    run: { id: run.id, status: run.status, startedAt: run.startedAt, ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}), reusedPredictions: stats === null },
    artefacts: {
      models: (['production', 'candidate'] as const).map((role) => {
        const m = models[role];
        return {
          role, name: m.name, path: m.path, sha256: m.sha256, sizeBytes: m.sizeBytes, opsets: m.signature.opsets,
          producer: [m.signature.producerName, m.signature.producerVersion].filter(Boolean).join(' '),
          inputs: m.signature.inputs.map((i) => `${i.name}: ${i.type}[${i.shape.map((d) => d ?? '?').join(', ')}]`),
          outputs: m.signature.outputs.map((o) => `${o.name}: ${o.kind === 'tensor' ? o.type : o.kind}[${o.shape.map((d) => d ?? '?').join(', ')}]`),
        };
      }),
      datasets: [dataset, ...(result.reference ? [result.reference] : [])].map((d, i) => ({
        role: i === 0 ? 'traffic' as const : 'reference' as const, name: d.name, path: d.path, sha256: d.sha256, sizeBytes: d.sizeBytes, rows: d.rows,
        columns: d.columns.map((c) => ({ name: c.name, type: c.type })),
      })),
      map: { path: inp.mapFile?.path ?? null, sha256: inp.mapFile?.sha256 ?? null, resolved: plan.map },
      criteria: null,
    },
    data: {
      rows: dataset.rows,
      labelled: count(result, 'data.labelled'),
      unlabelled: count(result, 'data.unlabelled'),
      missingByColumn: stats?.missingByColumn ?? {},
      nanScores: stats ? { ...stats.nanScores } : {},
    },
    settings: {
      threshold: plan.map.threshold,
      positive: plan.map.positive ?? null,
      sensitive: plan.map.sensitive,
      bootstrap: { ...result.bootstrap, level: 0.95, method: 'paired bootstrap, percentile intervals' },
      conventions: 'scikit-learn, scipy, statsmodels and Fairlearn conventions as listed in the methods appendix; delta = candidate minus production.',
    },
    ...(stats ? { timings: { ...stats.timings, metricsMs: inp.metricsMs ?? 0 } } : {}),
    metrics: sortMetrics(result.metrics),
    curves: result.curves,
    latency: (result.latency as unknown as Record<string, unknown>) ?? null,
    context: null,
    criteria: [],
    verdict: null,
    environment: environment(),
  };
}
