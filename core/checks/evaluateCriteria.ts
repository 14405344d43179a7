import type { CriteriaResult, MetricRecord } from '../contract/index.js';
import type { Criterion } from './criterion.js';
import { selectRecords } from './selectRecords.js';

type Status = CriteriaResult['status'];
type Verdict = 'pass' | 'fail' | 'not_evaluable';

function compare(x: number, op: Criterion['op'], b: number): boolean {
  return op === '>=' ? x >= b : op === '>' ? x > b : op === '<=' ? x <= b : x < b;
}

function statOf(r: MetricRecord, stat: Criterion['stat']): { x: number | null; why?: string } {
  const x = stat === 'value' ? r.value : stat === 'ci_low' ? r.ci?.low ?? null : stat === 'ci_high' ? r.ci?.high ?? null : r.p ?? null;
  if (x !== null && Number.isFinite(x)) return { x };
  if (stat === 'value') return { x: null, why: `value is null${r.note ? ` (${r.note})` : ''}` };
  if (stat === 'p') return { x: null, why: 'no p-value recorded' };
  return { x: null, why: `no confidence interval recorded${r.value === null ? ' (value is null)' : ''}${r.note ? ` (${r.note})` : ''}` };
}

const groupText = (g: Record<string, string> | undefined): string => (g ? Object.entries(g).map(([k, v]) => `${k}=${v}`).join(',') : '');

/** Evaluates one criterion: pass, fail or not evaluable with the reason, and the numbers behind it. */
export function evaluateCriterion(c: Criterion, metrics: MetricRecord[]): CriteriaResult {
  const base: CriteriaResult = {
    id: c.id, rule: c.rule, line: c.line, status: 'not_evaluable', observed: null, bound: c.bound,
    metric: c.metric, stat: c.stat, op: c.op, scope: c.scope, ...(c.model ? { model: c.model } : {}), ...(c.group ? { group: c.group } : {}),
  };
  const sel = selectRecords(c, metrics);
  if ('reason' in sel) return { ...base, reason: sel.reason };
  const res = { ...base, model: sel.model };
  const per = sel.records.map((r) => ({ r, ...statOf(r, c.stat) }));
  const groups = per.map(({ r, x }) => ({ group: r.group ?? null, observed: x, status: (x === null ? 'not_evaluable' : compare(x, c.op, c.bound) ? 'pass' : 'fail') as Status }));
  if (c.scope === 'single') {
    if (per.length > 1) {
      return { ...res, groups, reason: `${c.metric} ${sel.model} has ${per.length} records (groups ${per.map(({ r }) => groupText(r.group)).join('; ')}); add "for every group", max, min or "for group attr=value".` };
    }
    const { x, why } = per[0];
    if (x === null) return { ...res, reason: why };
    return { ...res, observed: x, status: compare(x, c.op, c.bound) ? 'pass' : 'fail' };
  }
  const known = per.filter((p) => p.x !== null) as { r: MetricRecord; x: number }[];
  const missing = per.filter((p) => p.x === null);
  const missText = missing.length ? `${missing.length} of ${per.length} groups without a value (${missing.slice(0, 5).map((p) => `${groupText(p.r.group) || 'no group'}: ${p.why}`).join('; ')}${missing.length > 5 ? '; ...' : ''})` : '';
  if (known.length === 0) return { ...res, groups, reason: `no group has a value: ${missText}` };
  if (c.scope === 'max' || c.scope === 'min') {
    const pick = known.reduce((a, b) => (c.scope === 'max' ? (b.x > a.x ? b : a) : (b.x < a.x ? b : a)));
    const status: Status = compare(pick.x, c.op, c.bound) ? 'pass' : 'fail';
    const where = `${c.scope} over ${known.length} groups at ${groupText(pick.r.group) || 'no group'}`;
    return { ...res, groups, observed: pick.x, status, reason: missText ? `${where}; left out ${missText}` : where };
  }
  // every group: worst value decides the observed number
  const lowerIsWorse = c.op === '>=' || c.op === '>';
  const worst = known.reduce((a, b) => ((lowerIsWorse ? b.x < a.x : b.x > a.x) ? b : a));
  const failed = groups.filter((g) => g.status === 'fail');
  const status: Status = failed.length ? 'fail' : missing.length ? 'not_evaluable' : 'pass';
  const reason = failed.length
    ? `${failed.length} of ${per.length} groups fail (${failed.map((g) => groupText(g.group ?? undefined)).join('; ')}); worst at ${groupText(worst.r.group)}`
    : missing.length ? `${missText}; the others pass` : `all ${per.length} groups pass; worst at ${groupText(worst.r.group)}`;
  return { ...res, groups, observed: worst.x, status, reason };
}

/** Evaluates every criterion. The verdict is pass only when every rule passes; fail when any fails. */
export function evaluateCriteria(criteria: Criterion[], metrics: MetricRecord[]): { results: CriteriaResult[]; verdict: Verdict } {
  const results = criteria.map((c) => evaluateCriterion(c, metrics));
  const verdict: Verdict = results.some((r) => r.status === 'fail') ? 'fail'
    : results.length === 0 || results.some((r) => r.status === 'not_evaluable') ? 'not_evaluable' : 'pass';
  return { results, verdict };
}
