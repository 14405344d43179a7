import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChartSpec } from '../charts/chartSpec.js';
import { scriptJson } from './escape.js';

let cached: string | null | undefined;

/** plotly.min.js from node_modules when installed (a devDependency); null otherwise (static SVG only). */
export function plotlySource(): string | null {
  if (cached !== undefined) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const p = join(dir, 'node_modules', 'plotly.js-dist-min', 'plotly.min.js');
    if (existsSync(p)) return (cached = readFileSync(p, 'utf8'));
    dir = dirname(dir);
  }
  return (cached = null);
}

/** Inline scripts that replace each static SVG with an interactive Plotly chart (screen only; print keeps the SVG). */
export function plotlyScripts(charts: { id: string; spec: ChartSpec }[]): string {
  const src = plotlySource();
  if (!src || !charts.length) return '';
  const init = `(function(){if(!window.Plotly)return;var specs=JSON.parse(document.getElementById('sb-charts').textContent);
var font={family:'Helvetica, Arial, sans-serif',size:11};
specs.forEach(function(c){var el=document.querySelector('[data-chart="'+c.id+'"]');if(!el)return;var s=c.spec,data=[],layout={title:{text:s.title,font:{size:13}},font:font,margin:{l:60,r:15,t:40,b:45},legend:{orientation:'h',y:1.12,x:1,xanchor:'right'},yaxis:{title:{text:s.yLabel}},shapes:[]};
if(s.kind==='line'){s.series.forEach(function(se){data.push({type:'scatter',mode:'lines',name:se.name,x:se.x,y:se.y,line:{color:se.color,width:2,dash:se.dash?'dash':'solid',shape:se.shape==='step'?'hv':'linear'}})});
layout.xaxis={title:{text:s.xLabel},type:s.logX?'log':'linear'};if(s.xRange&&!s.logX)layout.xaxis.range=s.xRange;if(s.yRange)layout.yaxis.range=s.yRange;
if(s.diagonal)layout.shapes.push({type:'line',x0:0,y0:0,x1:1,y1:1,line:{dash:'dot',color:'#9aa5b1'}});}
else{s.series.forEach(function(se){var t={type:'bar',name:se.name,x:s.categories,y:se.values,marker:{color:se.color}};if(se.lo&&se.hi)t.error_y={type:'data',symmetric:false,array:se.hi.map(function(h,i){return h==null||se.values[i]==null?0:h-se.values[i]}),arrayminus:se.lo.map(function(l,i){return l==null||se.values[i]==null?0:se.values[i]-l}),color:'#1b2733'};data.push(t)});layout.barmode='group';
if(s.band)layout.shapes.push({type:'rect',xref:'paper',x0:0,x1:1,y0:s.band.from,y1:s.band.to,fillcolor:'#2E7D32',opacity:.08,line:{width:0}});
(s.refLines||[]).forEach(function(r){layout.shapes.push({type:'line',xref:'paper',x0:0,x1:1,y0:r.y,y1:r.y,line:{dash:'dash',color:'#B2182B'}})});}
try{window.Plotly.newPlot(el,data,layout,{displaylogo:false,responsive:true,modeBarButtonsToRemove:['sendDataToCloud']});el.parentNode.classList.add('live');}catch(e){}});})();`;
  return `<script type="application/json" id="sb-charts">${scriptJson(charts)}</script>\n<script>${src.replace(/<\/script/gi, '<\\/script')}</script>\n<script>${init}</script>`;
}
