import { esc } from '../escape.js';
import { bytes, int } from '../format.js';
import { code, table } from '../fragments.js';
import type { RenderContext } from '../renderContext.js';

const sha = (s: string | null | undefined) => (s ? `<code class="sha">${esc(s)}</code>` : '–');

/** Artefact identity: SHA-256 of both models, the datasets, the map, the criteria, and the tool version. */
export function artefactsSection(ctx: RenderContext): string {
  const a = ctx.report.artefacts;
  const rows: string[][] = [];
  for (const m of a.models) rows.push([`${esc(m.role)} model`, `${esc(m.name)}<br><span class="path">${esc(m.path)}</span>`, sha(m.sha256), esc(bytes(m.sizeBytes))]);
  for (const d of a.datasets) rows.push([`${esc(d.role)} data`, `${esc(d.name)}<br><span class="path">${esc(d.path)}</span>`, sha(d.sha256), esc(bytes(d.sizeBytes))]);
  rows.push(['column map', a.map.path ? `<span class="path">${esc(a.map.path)}</span>` : 'defaults (no file)', sha(a.map.sha256), '']);
  rows.push(['acceptance criteria', a.criteria ? `<span class="path">${esc(a.criteria.path)}</span>` : 'none', sha(a.criteria?.sha256), '']);
  rows.push(['tool', `${esc(ctx.report.tool.name)} ${esc(ctx.report.tool.version)}`, '', '']);
  const models = table(['Role', 'Producer', 'Opsets', 'Inputs', 'Outputs'], a.models.map((m) => [
    esc(m.role), esc(m.producer || '–'), esc(Object.entries(m.opsets).map(([k, v]) => `${k || 'ai.onnx'} ${v}`).join(', ')),
    m.inputs.map((x) => code(x)).join('<br>'), m.outputs.map((x) => code(x)).join('<br>'),
  ]));
  const map = a.map.resolved;
  const mapRows: string[][] = [
    ['label', esc(map.label ?? '–')], ['positive class', esc(String(map.positive ?? '–'))], ['threshold', esc(String(map.threshold))],
    ['sensitive attributes', esc((map.sensitive ?? []).join(', ') || 'none')], ['timestamp', esc(map.timestamp ?? '–')], ['row id', esc(map.id ?? '–')],
    ...Object.entries(map.models ?? {}).map(([role, mm]) => [`${esc(role)} inputs`, Object.entries(mm.inputs).map(([k, cols]) => `${code(k)} ← ${esc(Array.isArray(cols) ? cols.join(', ') : String(cols))}`).join('<br>') + `<br>score ${code(mm.score)}`]),
  ];
  return `<p>Every file the results depend on, identified by SHA-256. The same digests are the subjects of the signature envelope.</p>
${table(['Artefact', 'File', 'SHA-256', 'Size'], rows, 'artefacts')}
<h3>Model signatures (ONNX)</h3>${models}
<h3>Column map as resolved</h3>${table(['Field', 'Value'], mapRows, 'kvt')}
<p class="small">Datasets: ${a.datasets.map((d) => `${esc(d.name)}: ${esc(int(d.rows))} rows × ${esc(int(d.columns.length))} columns`).join('; ')}.</p>`;
}
