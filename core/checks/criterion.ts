import type { MetricModel } from '../contract/index.js';

export type CriterionStat = 'value' | 'ci_low' | 'ci_high' | 'p';
export type CriterionOp = '>=' | '>' | '<=' | '<';
/** 'single': the rule covers one record; 'every': each group must pass; 'max' / 'min': aggregate over groups. */
export type CriterionScope = 'single' | 'every' | 'max' | 'min';

/** One parsed acceptance rule, e.g. `outcome.roc_auc delta ci_low >= -0.005`. */
export interface Criterion {
  /** Stable id: the file's `id:` or C1, C2... in file order. */
  id: string;
  /** Canonical text of the rule (the same for the one-line and the structured form). */
  rule: string;
  source: string;
  line: number;
  metric: string;
  /** null: the only model the metric has in this run (e.g. `both` for drift.psi). */
  model: MetricModel | null;
  stat: CriterionStat;
  op: CriterionOp;
  bound: number;
  scope: CriterionScope;
  /** `for group k=v`: only records whose group has these pairs. */
  group?: Record<string, string>;
  /** Free text from the file (why the bound was chosen). */
  description?: string;
}

export const MODELS: readonly MetricModel[] = ['production', 'candidate', 'delta', 'ratio', 'both', 'noise'];
export const STATS: readonly CriterionStat[] = ['value', 'ci_low', 'ci_high', 'p'];
export const OPS: readonly CriterionOp[] = ['>=', '>', '<=', '<'];

/** The canonical one-line text of a criterion. */
export function criterionText(c: Omit<Criterion, 'rule' | 'id' | 'source' | 'line'>): string {
  const parts = [c.metric];
  if (c.model) parts.push(c.model);
  if (c.stat !== 'value') parts.push(c.stat);
  if (c.scope === 'max' || c.scope === 'min') parts.push(c.scope);
  parts.push(c.op, String(c.bound));
  if (c.scope === 'every') parts.push('for every group');
  if (c.group) parts.push('for group ' + Object.entries(c.group).map(([k, v]) => `${k}=${v}`).join(','));
  return parts.join(' ');
}
