import type { CriteriaResult, MetricRecord } from '../../../../core/contract/index.js';
import { decimalsFor, fmtInterval, NA } from '../../format/number.js';
import { definitionOf } from '../../metrics/definitions.js';
import type { MetricRow } from '../../metrics/group.js';

/** Shared decimals for a row, from the larger of the two models' values (so deltas line up). */
export function rowDecimals(row: MetricRow): number {
  if (definitionOf(row.id).integer) return 0;
  const vals = [row.byModel.production?.value, row.byModel.candidate?.value, row.byModel.both?.value].filter((v): v is number => typeof v === 'number');
  if (vals.length === 0) return 4;
  return decimalsFor(Math.max(...vals.map(Math.abs)));
}

/** A value with its interval and unit, or the note when it is null. */
export function ValueCell({ rec, decimals }: { rec: MetricRecord | undefined; decimals?: number }) {
  if (!rec) return <span className="faint">{NA}</span>;
  if (rec.value === null) return <span className="faint" title={rec.note}>{NA}{rec.note ? ` (${rec.note})` : ''}</span>;
  const d = decimals ?? decimalsFor(rec.value);
  return <span className="num">{fmtInterval(rec.value, rec.ci, { decimals: d })}{rec.unit ? ` ${rec.unit}` : ''}</span>;
}

/** The criterion that covers a metric row, if any (rule ids start with the metric id, or family.attribute.name). */
export function criterionFor(row: MetricRow, criteria: CriteriaResult[] | null): CriteriaResult | undefined {
  if (!criteria) return undefined;
  const prefixes = [row.id + '.'];
  const attr = row.group ? Object.keys(row.group)[0] : undefined;
  if (attr) prefixes.push(`${row.family}.${attr}.${row.name}`);
  const bare = row.id.replace(/^outcome\./, '');
  prefixes.push(bare + '.');
  return criteria.find((c) => prefixes.some((p) => c.rule.startsWith(p)));
}

/** ✓ pass / ✗ fail / ? not evaluable, with the rule in the title. */
export function CriterionMark({ c }: { c: CriteriaResult | undefined }) {
  if (!c) return null;
  const text = c.status === 'pass' ? '✓ pass' : c.status === 'fail' ? '✗ fail' : '? not evaluable';
  return <span className={`crit status-${c.status}`} title={`${c.rule}${c.reason ? ` — ${c.reason}` : ''}`} aria-label={`Criterion ${c.rule}: ${c.status.replace('_', ' ')}`}>{text}</span>;
}
