import type { ColumnInfo, ResolvedMap } from '../contract/index.js';
import { isNumericType } from './resolveMap.js';

/** Quotes an SQL identifier (column or table name) for DuckDB. */
export const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
/** Quotes an SQL string literal. */
export const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** SQL for y: 1 when the label equals the positive class, 0 otherwise, NULL when unlabelled. */
export function labelExpr(map: ResolvedMap, columns: ColumnInfo[], alias = 'd'): string {
  if (!map.label) return 'CAST(NULL AS INTEGER)';
  const col = `${alias}.${q(map.label)}`;
  const type = columns.find((c) => c.name === map.label)?.type ?? 'VARCHAR';
  const pos = map.positive;
  let test: string;
  if (type === 'BOOLEAN') test = `${col} = ${String(pos) === 'true' || pos === 1 ? 'true' : 'false'}`;
  else if (isNumericType(type) && Number.isFinite(Number(pos))) test = `${col} = ${Number(pos)}`;
  else test = `CAST(${col} AS VARCHAR) = ${lit(String(pos))}`;
  return `CASE WHEN ${col} IS NULL THEN NULL WHEN ${test} THEN 1 ELSE 0 END`;
}

/**
 * The relation the metrics read: one row per scored dataset row with the target (`y` for binary,
 * `y_value` for regression, `y_class` + `c_production`/`c_candidate` for multiclass),
 * `p_production`, `p_candidate`, `p_noise` and one VARCHAR column per sensitive attribute.
 */
export function metricsRelation(opts: { predictions: string; dataset: string; columns: ColumnInfo[]; map: ResolvedMap; extra?: string[] }): string {
  const { map } = opts;
  const task = map.task ?? 'binary';
  const label = map.label ? `d.${q(map.label)}` : 'NULL';
  const target = task === 'regression'
    ? [`CAST(${label} AS DOUBLE) AS y_value`]
    : task === 'multiclass'
      ? [`CASE ${(map.classes ?? []).map((c, i) => `WHEN CAST(${label} AS VARCHAR) = ${lit(String(c))} THEN ${i}`).join(' ')} ELSE NULL END AS y_class`,
        'CAST(p.production AS INTEGER) AS c_production', 'CAST(p.candidate AS INTEGER) AS c_candidate']
      : [`${labelExpr(map, opts.columns)} AS y`];
  const cols = [
    ...target,
    'p.production AS p_production',
    'p.candidate AS p_candidate',
    'p.noise AS p_noise',
    ...map.sensitive.map((s) => `CAST(d.${q(s)} AS VARCHAR) AS ${q(s)}`),
    ...(map.timestamp ? [`d.${q(map.timestamp)} AS sb_time`] : []),
    ...(opts.extra ?? []).map((c) => `d.${q(c)} AS ${q(c)}`),
    'p.row_id AS sb_row',
  ];
  return `(SELECT ${cols.join(', ')} FROM ${q(opts.predictions)} p JOIN ${q(opts.dataset)} d ON d.sb_row = p.row_id)`;
}
