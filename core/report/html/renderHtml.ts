import type { ReportModel } from '../reportModel.js';
import { esc } from './escape.js';
import { plotlyScripts } from './plotlyScript.js';
import { RenderContext } from './renderContext.js';
import { reportStyles } from './styles.js';
import { artefactsSection } from './sections/artefacts.js';
import { coverSection } from './sections/cover.js';
import { criteriaSection } from './sections/criteria.js';
import { dataSection } from './sections/dataSection.js';
import { driftSection } from './sections/drift.js';
import { fairnessSection } from './sections/fairness.js';
import { findingsSection } from './sections/findings.js';
import { latencySection } from './sections/latency.js';
import { modelCardSection } from './sections/modelCard.js';
import { otherMetricsSection } from './sections/otherMetrics.js';
import { outcomesSection } from './sections/outcomes.js';
import { processSection } from './sections/process.js';
import { regulatoryMapSection } from './sections/regulatoryMap.js';
import { reproducibilitySection } from './sections/reproducibility.js';
import { scopeSection } from './sections/scope.js';

/** The report's sections in their fixed order: stable element ids (#scope, #outcomes...) and titles. */
export const REPORT_SECTIONS: readonly { id: string; title: string; render: (ctx: RenderContext) => string }[] = [
  { id: 'scope', title: 'Scope, intended use and decision requested', render: scopeSection },
  { id: 'artefacts', title: 'Artefact identity', render: artefactsSection },
  { id: 'data', title: 'Data description', render: dataSection },
  { id: 'process', title: 'Process verification (noise floor)', render: processSection },
  { id: 'outcomes', title: 'Outcomes and benchmarking', render: outcomesSection },
  { id: 'fairness', title: 'Fairness by group', render: fairnessSection },
  { id: 'drift', title: 'Drift', render: driftSection },
  { id: 'latency', title: 'Latency', render: latencySection },
  { id: 'other', title: 'Other measurements', render: otherMetricsSection },
  { id: 'criteria', title: 'Acceptance criteria', render: criteriaSection },
  { id: 'findings', title: 'Findings and limitations', render: findingsSection },
  { id: 'model-card', title: 'Appendix A: model card and methods', render: modelCardSection },
  { id: 'reproducibility', title: 'Appendix B: reproducibility', render: reproducibilitySection },
];

/**
 * The self-contained HTML report: inline styles, inline SVG charts, no network. With `interactive`
 * (the default) and plotly.js-dist-min installed, Plotly is inlined and takes over the charts on screen;
 * printing always uses the static SVG. Equal reports give byte-identical HTML.
 */
export function renderHtml(report: ReportModel, opts: { interactive?: boolean } = {}): string {
  const ctx = new RenderContext(report, opts.interactive ?? true);
  const title = typeof report.context?.title === 'string' && report.context.title.trim() ? report.context.title : 'Champion–challenger validation report';
  const body: string[] = [];
  const titles: Record<string, string> = { cover: 'Cover' };
  let n = 0;
  for (const s of REPORT_SECTIONS) {
    const inner = s.render(ctx);
    if (!inner) continue;
    n++;
    titles[s.id] = `${n}. ${s.title}`;
    body.push(`<section id="${s.id}" class="sec"><h2><span class="no">${n}</span>${esc(s.title)}</h2>\n${inner}\n</section>`);
  }
  n++;
  body.push(`<section id="regulatory-map" class="sec"><h2><span class="no">${n}</span>Map to SR 11-7, EU AI Act Annex IV and model-card fields</h2>\n${regulatoryMapSection(titles)}\n</section>`);
  const toc = `<nav class="toc"><h3>Contents</h3><ol>${REPORT_SECTIONS.filter((s) => titles[s.id]).map((s) => `<li><a href="#${s.id}">${esc(titles[s.id].replace(/^\d+\. /, ''))}</a></li>`).join('')}<li><a href="#regulatory-map">Map to SR 11-7, EU AI Act Annex IV and model-card fields</a></li></ol></nav>`;
  const cover = coverSection(ctx).replace('</section>', `${toc}</section>`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; font-src data:">
<meta name="generator" content="${esc(report.tool.name)} ${esc(report.tool.version)}">
<meta name="shadowbench-report-id" content="${esc(report.reportId)}">
<title>${esc(title)} · ${esc(report.reportId)}</title>
<style>${reportStyles(report.reportId, title)}</style>
</head>
<body>
<main>
${cover}
${body.join('\n')}
</main>
${ctx.interactive ? plotlyScripts(ctx.charts) : ''}
</body>
</html>
`;
}
