import type { Criterion } from './criterion.js';
import { MODELS, OPS, STATS } from './criterion.js';
import { type RuleParts, type RuleSite, buildCriterion, ruleError } from './buildCriterion.js';

const RULE_RE = /^(?<head>.*?)\s*(?<op>>=|<=|>|<|==|=|!=|≥|≤)\s*(?<bound>\S+)(?<tail>.*)$/;

/**
 * Parses the one-line form: `METRIC [MODEL] [STAT] [max|min] OP BOUND [for every group | for group k=v[,k=v]]`,
 * e.g. `outcome.roc_auc delta ci_low >= -0.005`, `drift.psi max < 0.25`.
 */
export function parseRuleLine(text: string, site: RuleSite, index: number, extra: { id?: string; description?: string } = {}): Criterion {
  const m = RULE_RE.exec(text.trim());
  if (!m?.groups) throw ruleError(site, 'no comparison found; write e.g. "outcome.roc_auc delta ci_low >= -0.005".');
  const { head, op, bound, tail } = m.groups;
  if (!OPS.includes(op as never)) throw ruleError(site, `comparison "${op}" is not supported; use >=, >, <= or <.`);
  const words = head.split(/\s+/).filter(Boolean);
  if (words.length === 0) throw ruleError(site, 'the rule names no metric id.');
  const parts: RuleParts = { metric: words[0], op, bound: parseBound(bound), ...extra };
  for (const w of words.slice(1)) {
    if (MODELS.includes(w as never)) {
      if (parts.model !== undefined) throw ruleError(site, `two models ("${parts.model}" and "${w}"); name one.`);
      parts.model = w;
    } else if (STATS.includes(w as never)) {
      if (parts.stat !== undefined) throw ruleError(site, `two statistics ("${parts.stat}" and "${w}"); name one.`);
      parts.stat = w;
    } else if (w === 'max' || w === 'min') {
      if (parts.scope) throw ruleError(site, 'two aggregates; name one of max, min.');
      parts.scope = w;
    } else {
      throw ruleError(site, `unexpected word "${w}"; after the metric id come a model (${MODELS.join(', ')}), a statistic (${STATS.join(', ')}) or an aggregate (max, min).`);
    }
  }
  const t = tail.trim();
  if (t) {
    const every = /^for\s+(every|each|all)\s+groups?$/.exec(t);
    const one = /^for\s+group\s+(.+)$/.exec(t);
    if (every) {
      if (parts.scope) throw ruleError(site, `"${parts.scope}" and "for every group" together; choose one.`);
      parts.scope = 'every';
    } else if (one) {
      parts.group = parseGroup(one[1], site);
    } else {
      throw ruleError(site, `unexpected "${t}" after the bound; use "for every group" or "for group attr=value".`);
    }
  }
  return buildCriterion(parts, site, index);
}

function parseBound(s: string): unknown {
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s) ? Number(s) : s;
}

function parseGroup(s: string, site: RuleSite): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of s.split(',')) {
    const [k, v, ...rest] = pair.split('=').map((x) => x.trim());
    if (!k || v === undefined || v === '' || rest.length) throw ruleError(site, `group "${pair.trim()}" should read attr=value.`);
    out[k] = v;
  }
  return out;
}
