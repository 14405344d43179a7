import type { DatasetInfo, ResolvedMap } from '../contract/index.js';
import type { DisagreementQuery } from '../contract/api.js';
import { labelExpr, lit, q } from '../replay/metricsRelation.js';

/**
 * SQL for the rows where the two models differ most: both scores, the delta, both decisions, the
 * label and every input column, ordered by |delta| (or only label flips).
 */
export function disagreementsSql(predictions: string, dataset: DatasetInfo, map: ResolvedMap, query: DisagreementQuery): string {
  const t = map.threshold;
  const where: string[] = ['p.production IS NOT NULL', 'p.candidate IS NOT NULL'];
  if (query.order === 'flip') where.push(`(p.production >= ${t}) <> (p.candidate >= ${t})`);
  if (query.group) where.push(`CAST(d.${q(query.group.column)} AS VARCHAR) ${query.group.value === 'missing' ? 'IS NULL' : '= ' + lit(query.group.value)}`);
  const inputs = dataset.columns.map((c) => `d.${q(c.name)}`);
  return `SELECT p.row_id AS "row", p.production AS score_production, p.candidate AS score_candidate,
    p.candidate - p.production AS score_delta,
    CAST(p.production >= ${t} AS INTEGER) AS decision_production, CAST(p.candidate >= ${t} AS INTEGER) AS decision_candidate,
    ${labelExpr(map, dataset.columns)} AS y, ${inputs.join(', ')}
  FROM ${q(predictions)} p JOIN ${q(dataset.id)} d ON d.sb_row = p.row_id
  WHERE ${where.join(' AND ')}
  ORDER BY abs(p.candidate - p.production) DESC, p.row_id`;
}
