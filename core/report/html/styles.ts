/** The report's stylesheet: screen and print (A4, running header, page numbers, a page break before each section). */
export function reportStyles(reportId: string, title: string): string {
  const id = reportId.replace(/[^A-Za-z0-9_-]/g, '');
  const t = title.replace(/[^\p{L}\p{N} .,:()–-]/gu, '').slice(0, 80);
  return `
:root{--prod:#0072B2;--cand:#E69F00;--ink:#1b2733;--muted:#5b6774;--line:#d5dbe1;--soft:#f4f6f8;--pass:#1b6e3a;--fail:#a51d2d;--ne:#7a5b00}
*{box-sizing:border-box}
html{font-family:"Source Serif Pro",Georgia,"Times New Roman",serif;color:var(--ink);font-size:10.5pt;line-height:1.45;background:#eceff2}
body{margin:0}
main{max-width:210mm;margin:0 auto;background:#fff;padding:18mm 17mm;box-shadow:0 0 8px rgba(0,0,0,.12)}
h1,h2,h3,h4,th,.badge,.cover-kicker,figcaption,.small,table{font-family:"Helvetica Neue",Helvetica,Arial,sans-serif}
h1{font-size:23pt;line-height:1.2;margin:6mm 0 2mm;font-weight:600}
h2{font-size:15pt;border-bottom:2px solid var(--ink);padding-bottom:2mm;margin:0 0 4mm;font-weight:600}
h2 .no{color:var(--muted);margin-right:3mm}
h3{font-size:11.5pt;margin:6mm 0 2mm;font-weight:600}
h4{font-size:10.5pt;margin:4mm 0 2mm}
h2,h3,h4{break-after:avoid;page-break-after:avoid}
section{margin-bottom:12mm}
p{margin:0 0 3mm}
code{font-family:"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:8.6pt;background:var(--soft);padding:0 2px;border-radius:2px;word-break:break-all}
code.id{font-size:7.6pt;color:var(--muted);background:none;padding:0}
code.sha{font-size:7.6pt}
.path{font-size:7.6pt;color:var(--muted);word-break:break-all;font-family:"DejaVu Sans Mono",monospace}
pre.cmd{white-space:pre-wrap;word-break:break-all;font-size:8.4pt;background:var(--soft);padding:2mm;margin:0;border-left:3px solid var(--line)}
table{border-collapse:collapse;width:100%;font-size:8.6pt;margin:2mm 0 4mm;page-break-inside:auto}
tr{page-break-inside:avoid;break-inside:avoid}
thead{display:table-header-group}
th{text-align:left;background:var(--soft);border-bottom:1.5px solid var(--ink);padding:1.6mm 2mm;font-weight:600;vertical-align:bottom}
td{border-bottom:1px solid var(--line);padding:1.4mm 2mm;vertical-align:top}
table.kv th{width:30%;background:none;border-bottom:1px solid var(--line);font-weight:600;vertical-align:top}
table.compact td,table.compact th{padding:.6mm 2mm}
.num{font-variant-numeric:tabular-nums;white-space:nowrap}
.p{font-size:7.8pt;color:var(--muted)}
.small{font-size:8pt;color:var(--muted)}
.prod-dot,.cand-dot{display:inline-block;width:8px;height:8px;border-radius:50%;margin-right:4px;vertical-align:baseline}
.prod-dot{background:var(--prod)}.cand-dot{background:var(--cand)}
.badge{display:inline-block;font-size:7.8pt;font-weight:700;letter-spacing:.03em;padding:.3mm 1.6mm;border-radius:2px;border:1px solid;white-space:nowrap}
.badge.pass{color:var(--pass);border-color:var(--pass);background:#e8f3ec}
.badge.fail{color:var(--fail);border-color:var(--fail);background:#fbeaec}
.badge.not_evaluable{color:var(--ne);border-color:var(--ne);background:#fdf6e0}
.badge.not_evaluated{color:var(--muted);border-color:var(--line)}
.dir{font-family:Helvetica,Arial,sans-serif;font-size:8pt;white-space:nowrap}
.dir.better{color:#1a5fa8}.dir.worse{color:#8e2a00;font-weight:600}.dir.same{color:var(--muted)}
.flag{color:#8e2a00;font-size:8pt;white-space:nowrap}
.warn{border-left:3px solid #c77700;padding:2mm 3mm;background:#fff6e6}
.empty{color:var(--muted);font-style:italic}
.lead-num{font-size:11pt}
.cover .cover-kicker{text-transform:uppercase;letter-spacing:.12em;font-size:8.5pt;color:var(--muted);border-top:4px solid var(--ink);padding-top:3mm}
.cover-sub{font-size:12pt;color:var(--muted);margin-bottom:6mm}
.verdict{display:flex;align-items:center;gap:5mm;border:1.5px solid var(--line);padding:4mm 5mm;margin:4mm 0 6mm}
.verdict.pass{border-color:var(--pass)}.verdict.fail{border-color:var(--fail)}.verdict.not_evaluable{border-color:var(--ne)}
.verdict-label{font-family:Helvetica,Arial,sans-serif;text-transform:uppercase;font-size:8pt;letter-spacing:.1em;color:var(--muted)}
.verdict .badge{font-size:13pt;padding:1mm 3mm}
.verdict-text{font-size:11pt}
table.sig td{height:11mm}
table.sig td.blank{border-bottom:1px solid var(--ink)}
.sig-note{font-size:8pt;color:var(--muted)}
.toc ol{columns:2;font-family:Helvetica,Arial,sans-serif;font-size:9pt;padding-left:5mm}
.toc a{color:var(--ink);text-decoration:none}
.chart-grid{display:grid;grid-template-columns:1fr 1fr;gap:4mm}
figure.chart-fig{margin:0 0 4mm;break-inside:avoid;page-break-inside:avoid}
figure.chart-fig svg{width:100%;height:auto;display:block}
figure.chart-fig .plotly{width:100%;height:300px}
figure.chart-fig.live .svg-chart{display:none}
figcaption{font-size:7.8pt;color:var(--muted);margin-top:1mm}
details summary{cursor:pointer;font-size:8pt;color:var(--muted)}
table.defs td:nth-child(3){font-size:8pt}
dl{margin:0}dt{font-weight:600}dd{margin:0 0 2mm 4mm}
.prose ul{margin:0;padding-left:5mm}
@page{size:A4;margin:17mm 14mm 16mm;
  @top-left{content:"${t}";font-family:Helvetica,Arial,sans-serif;font-size:7.5pt;color:#5b6774}
  @top-right{content:"Report ${id}";font-family:Helvetica,Arial,sans-serif;font-size:7.5pt;color:#5b6774}
  @bottom-right{content:"Page " counter(page) " of " counter(pages);font-family:Helvetica,Arial,sans-serif;font-size:7.5pt;color:#5b6774}
  @bottom-left{content:"Shadowbench validation report · signatures in report.dsse.json";font-family:Helvetica,Arial,sans-serif;font-size:7.5pt;color:#5b6774}}
@page:first{@top-left{content:none}@top-right{content:none}}
@media print{
  html{background:#fff;font-size:9.8pt}
  main{max-width:none;margin:0;padding:0;box-shadow:none}
  section{margin:0}
  section.sec{break-before:page;page-break-before:always}
  figure.chart-fig .plotly{display:none!important}
  figure.chart-fig.live .svg-chart{display:block!important}
  details>*{display:block}
  a{color:inherit;text-decoration:none}
}`;
}
