import { type DatasetInfo, type ResolvedMap, WorkbenchError } from '../contract/index.js';
import type { DisagreementQuery } from '../contract/api.js';
import { labelExpr, lit, q } from '../replay/metricsRelation.js';

/**
 * SQL for the rows where the two models differ most: both scores, the delta, both decisions, the
 * label and every input column, ordered by |delta| (or only label flips); optionally one group value
 * and a time window [from, to) on the mapped timestamp.
 */
export function disagreementsSql(predictions: string, dataset: DatasetInfo, map: ResolvedMap, query: DisagreementQuery): string {
  const t = map.threshold;
  const where: string[] = ['p.production IS NOT NULL', 'p.candidate IS NOT NULL'];
  if (query.order === 'flip') where.push(`(p.production >= ${t}) <> (p.candidate >= ${t})`);
  if (query.group) where.push(`CAST(d.${q(query.group.column)} AS VARCHAR) ${query.group.value === 'missing' ? 'IS NULL' : '= ' + lit(query.group.value)}`);
  if (query.window) {
    const { from, to } = query.window;
    const iso = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?Z?$/;
    if (typeof from !== 'string' || typeof to !== 'string' || !iso.test(from) || !iso.test(to)) {
      throw new WorkbenchError('BAD_ARGUMENT', `window takes ISO dates or timestamps {from, to}, e.g. {"from": "2024-03-04", "to": "2024-03-11"}; got ${JSON.stringify(query.window)}.`);
    }
    if (!map.timestamp) throw new WorkbenchError('BAD_ARGUMENT', 'A time window needs a timestamp column: map one on the Mapping screen and run again.', { field: 'timestamp' });
    const ts = `CAST(d.${q(map.timestamp)} AS TIMESTAMP)`;
    where.push(`${ts} >= CAST(${lit(from.replace('Z', ''))} AS TIMESTAMP)`, `${ts} < CAST(${lit(to.replace('Z', ''))} AS TIMESTAMP)`);
  }
  const inputs = dataset.columns.map((c) => `d.${q(c.name)}`);
  return `SELECT p.row_id AS "row", p.production AS score_production, p.candidate AS score_candidate,
    p.candidate - p.production AS score_delta,
    CAST(p.production >= ${t} AS INTEGER) AS decision_production, CAST(p.candidate >= ${t} AS INTEGER) AS decision_candidate,
    ${labelExpr(map, dataset.columns)} AS y, ${inputs.join(', ')}
  FROM ${q(predictions)} p JOIN ${q(dataset.id)} d ON d.sb_row = p.row_id
  WHERE ${where.join(' AND ')}
  ORDER BY abs(p.candidate - p.production) DESC, p.row_id`;
}
