import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { WorkbenchError } from '../contract/index.js';
import type { Criterion, CriterionScope } from './criterion.js';
import { type RuleParts, type RuleSite, buildCriterion, ruleError } from './buildCriterion.js';
import { parseRuleLine } from './parseRuleLine.js';

const TOP_KEYS = new Set(['version', 'name', 'description', 'criteria']);
const RULE_KEYS = new Set(['id', 'rule', 'metric', 'model', 'stat', 'op', 'bound', 'group', 'aggregate', 'description']);

/**
 * Parses a criteria file (YAML or JSON): a list of rules, or `{criteria: [...]}` with optional version, name
 * and description. A rule is a one-line string, `{rule: "...", id?, description?}`, or the structured form
 * `{metric, model?, stat?, op, bound, group?: every | {attr: value}, aggregate?: max | min, id?, description?}`.
 * Every BAD_CRITERIA error names `source` and the line.
 */
export function parseCriteria(text: string, source: string): Criterion[] {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line ?? 1;
    throw new WorkbenchError('BAD_CRITERIA', `${source}, line ${line}: ${err.message.split('\n')[0]}. A criteria file is YAML or JSON: a list of rules.`, { path: source, line });
  }
  const lineOf = (n: Node | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  let list: Node | null | undefined = doc.contents as Node | null;
  if (isMap(list)) {
    for (const pair of list.items) {
      const k = isScalar(pair.key) ? String(pair.key.value) : '?';
      if (!TOP_KEYS.has(k)) {
        throw new WorkbenchError('BAD_CRITERIA', `${source}, line ${lineOf(pair.key as Node)}: unknown key "${k}"; a criteria file has keys ${[...TOP_KEYS].join(', ')}.`, { path: source, line: lineOf(pair.key as Node) });
      }
    }
    list = list.get('criteria', true) as Node | undefined;
  }
  if (!isSeq(list)) {
    const line = lineOf(list);
    throw new WorkbenchError('BAD_CRITERIA', `${source}, line ${line}: expected a list of rules (or "criteria:" holding one), e.g. "- outcome.roc_auc delta ci_low >= -0.005".`, { path: source, line });
  }
  const out: Criterion[] = [];
  const ids = new Map<string, number>();
  list.items.forEach((item, i) => {
    const line = lineOf(item as Node);
    const c = parseItem(item as Node, { source, line, text: summary(item as Node) }, i);
    const prev = ids.get(c.id);
    if (prev !== undefined) throw ruleError({ source, line, text: c.rule }, `id "${c.id}" was already used on line ${prev}; ids must be unique.`);
    ids.set(c.id, line);
    out.push(c);
  });
  return out;
}

function summary(n: Node): string {
  if (isScalar(n)) return String(n.value);
  const js = n.toJSON() as unknown;
  return JSON.stringify(js).slice(0, 120);
}

function parseItem(item: Node, site: RuleSite, i: number): Criterion {
  if (isScalar(item)) {
    if (typeof item.value !== 'string') throw ruleError(site, 'expected a rule such as "outcome.roc_auc delta ci_low >= -0.005".');
    return parseRuleLine(item.value, site, i);
  }
  if (!isMap(item)) throw ruleError(site, 'expected a rule string or a mapping with metric, model, stat, op, bound.');
  const o = item.toJSON() as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!RULE_KEYS.has(k)) throw ruleError(site, `unknown key "${k}"; allowed keys are ${[...RULE_KEYS].join(', ')}.`);
  if (o.id !== undefined && (typeof o.id !== 'string' || !/^[A-Za-z0-9_.-]+$/.test(o.id))) throw ruleError(site, 'id must be a short name of letters, digits, _ . -');
  if (o.description !== undefined && typeof o.description !== 'string') throw ruleError(site, 'description must be text.');
  const extra = { ...(o.id ? { id: o.id as string } : {}), ...(o.description ? { description: o.description as string } : {}) };
  if (o.rule !== undefined) {
    const structured = ['metric', 'model', 'stat', 'op', 'bound', 'group', 'aggregate'].filter((k) => o[k] !== undefined);
    if (structured.length) throw ruleError(site, `give either "rule" or the structured keys, not both (${structured.join(', ')}).`);
    if (typeof o.rule !== 'string') throw ruleError(site, 'rule must be text.');
    return parseRuleLine(o.rule, { ...site, text: o.rule }, i, extra);
  }
  const parts: RuleParts = { metric: o.metric, model: o.model, stat: o.stat, op: o.op, bound: o.bound, ...extra };
  if (o.aggregate !== undefined) {
    if (o.aggregate !== 'max' && o.aggregate !== 'min') throw ruleError(site, `aggregate must be max or min, got ${JSON.stringify(o.aggregate)}.`);
    parts.scope = o.aggregate as CriterionScope;
  }
  if (o.group !== undefined) {
    if (o.group === 'every' || o.group === 'each' || o.group === 'all') {
      if (parts.scope) throw ruleError(site, 'aggregate and group: every together; choose one.');
      parts.scope = 'every';
    } else if (o.group && typeof o.group === 'object' && !Array.isArray(o.group) && Object.values(o.group).every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
      parts.group = Object.fromEntries(Object.entries(o.group).map(([k, v]) => [k, String(v)]));
    } else {
      throw ruleError(site, 'group must be "every" or a mapping such as {afam: "yes"}.');
    }
  }
  return buildCriterion(parts, site, i);
}
