import { esc } from '../escape.js';
import { empty } from '../fragments.js';
import type { RenderContext } from '../renderContext.js';

const KNOWN: [string, string][] = [
  ['scope', 'Scope'], ['intendedUse', 'Intended use'], ['outOfScope', 'Out of scope'], ['decisionRequested', 'Decision requested'],
  ['materiality', 'Materiality / risk tier'], ['owner', 'Model owner'], ['validator', 'Validator'],
];
/** Keys shown elsewhere (cover, findings, model card) and not repeated here. */
const ELSEWHERE = new Set(['title', 'organisation', 'model', 'classification', 'limitations', 'findings', 'trainingData', 'ethicalConsiderations', 'caveats']);

/** Renders any context value: text, list, or nested mapping, all escaped. */
export function contextValue(v: unknown): string {
  if (v === null || v === undefined) return '–';
  if (Array.isArray(v)) return `<ul>${v.map((x) => `<li>${contextValue(x)}</li>`).join('')}</ul>`;
  if (typeof v === 'object') return `<dl>${Object.entries(v as Record<string, unknown>).map(([k, x]) => `<dt>${esc(k)}</dt><dd>${contextValue(x)}</dd>`).join('')}</dl>`;
  return esc(String(v)).replace(/\n/g, '<br>');
}

const label = (k: string) => k.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]/g, ' ').replace(/^./, (c) => c.toUpperCase());

/** Scope, intended use and decision requested, from the validator's --context file. */
export function scopeSection(ctx: RenderContext): string {
  const c = ctx.report.context;
  if (!c || !Object.keys(c).length) return empty('No context file was given. Write scope, intendedUse and decisionRequested in a YAML file and re-render with --context FILE.');
  const parts: string[] = [];
  for (const [k, title] of KNOWN) if (c[k] !== undefined) parts.push(`<h3>${title}</h3><div class="prose">${contextValue(c[k])}</div>`);
  for (const [k, v] of Object.entries(c)) {
    if (KNOWN.some(([x]) => x === k) || ELSEWHERE.has(k)) continue;
    parts.push(`<h3>${esc(label(k))}</h3><div class="prose">${contextValue(v)}</div>`);
  }
  const missing = ['scope', 'intendedUse', 'decisionRequested'].filter((k) => c[k] === undefined);
  if (missing.length) parts.push(empty(`The context file does not state ${missing.join(', ')}; add ${missing.length > 1 ? 'them' : 'it'} and re-render.`));
  return parts.join('\n');
}
