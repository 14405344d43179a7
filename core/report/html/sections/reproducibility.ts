import { esc } from '../escape.js';
import { num } from '../format.js';
import { kv } from '../fragments.js';
import type { RenderContext } from '../renderContext.js';

/** Shell-quotes one argument for the exact command line. */
function shq(a: string): string {
  return /^[A-Za-z0-9_./:=@%+,-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** Reproducibility appendix: the exact command, seeds, settings, environment and versions. */
export function reproducibilitySection(ctx: RenderContext): string {
  const r = ctx.report;
  const e = r.environment;
  const b = r.settings.bootstrap;
  const t = r.timings;
  const rows: [string, string][] = [
    ['Command', `<pre class="cmd">${esc(r.command.map(shq).join(' '))}</pre>`],
    ['Run', `<code>${esc(r.run.id)}</code>, ${esc(r.run.status)}, started ${esc(r.run.startedAt)}${r.run.finishedAt ? `, finished ${esc(r.run.finishedAt)}` : ''}${r.run.reusedPredictions ? ' (predictions reused from the workspace)' : ''}`],
    ['Seed and bootstrap', `seed ${esc(String(b.seed))}, B = ${esc(String(b.B))}, level ${esc(String(b.level))}, ${esc(b.method)}`],
    ['Threshold / positive class', `${esc(String(r.settings.threshold))} / ${esc(String(r.settings.positive ?? '–'))}`],
    ['Tool', `${esc(r.tool.name)} ${esc(r.tool.version)}; report schema ${esc(r.schemaVersion)}; report id <code>${esc(r.reportId)}</code>`],
    ['Runtime libraries', `onnxruntime ${esc(e.onnxruntime)}, DuckDB ${esc(e.duckdb)}, Node.js ${esc(e.node)}`],
    ['Machine', `${esc(e.platform)} ${esc(e.arch)}, ${esc(e.cpus)} × ${esc(String(e.cores))} cores, ${esc(String(e.memoryGiB))} GiB memory`],
    ...(t ? [['Timings', esc(`replay ${num(t.totalMs)} ms (read ${num(t.readMs)} ms, build ${num(t.buildMs)} ms, inference ${num(t.modelMs ?? t.inferMs)} ms in the model workers, overlapping the rest, write ${num(t.writeMs)} ms), metrics ${num(t.metricsMs)} ms`)] as [string, string]] : []),
    ['Generated', esc(r.generatedAt)],
  ];
  return `${kv(rows)}
<p>Running the same command with the same artefacts (identified by the SHA-256 digests in section 3) and the same seed produces the same report.json apart from the generation time, the measured timings (and latency figures, when measured) and the signatures.</p>`;
}
