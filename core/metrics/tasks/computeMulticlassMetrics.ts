import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type MetricRecord } from '../../contract/index.js';
import { bootstrapCells } from '../bootstrapCells.js';
import { mcnemar } from '../mcnemar.js';
import { num, queryRows } from '../sql.js';
import { MulticlassCells, type MulticlassCell } from './multiclassCells.js';
import { bootstrapSettings, taskView } from './taskView.js';
import { cleanRecord, interval, joinNotes } from './taskRecords.js';

/** Options of computeMulticlassMetrics. */
export interface MulticlassMetricOptions {
  /** Class names; class index i of y_class / c_production / c_candidate is classes[i]. */
  classes: string[];
  /** Paired multinomial bootstrap: B replicates (0 = no intervals), seed, level (default 0.95). */
  bootstrap: { B: number; seed: number; level?: number };
}

/**
 * Multiclass metrics of production vs candidate over `relation` (a table name or a parenthesised
 * subquery) with columns y_class (class index 0..C-1, NULL = unlabelled), c_production and
 * c_candidate (predicted class index). A row with a NULL predicted class of either model is counted
 * (`data.invalid_prediction`) and excluded from every metric; a label or prediction outside
 * 0..C-1 (or not an integer) is a BAD_LABEL / BAD_ARGUMENT error.
 *
 * Ids (delta = candidate minus production; see multiclassCells.ts for the conventions):
 * - `multiclass.accuracy`, `multiclass.macro_f1`, `multiclass.micro_f1`, and per class (group
 *   {class: name}) `multiclass.recall`, `multiclass.precision`, `multiclass.f1`: production,
 *   candidate, delta, with paired bootstrap percentile intervals. The (y, ŷ_production,
 *   ŷ_candidate) cell counts are aggregated once in SQL; resampling the scored rows is a
 *   Multinomial(n, cell shares) draw, so each replicate costs O(cells), independent of n, and both
 *   models are evaluated on the same draw. Replicates where a metric is undefined (no labelled
 *   rows) are dropped and counted; no interval when more than half are.
 * - `shadow.agreement_rate` (both; share of scored rows with the same predicted class, with interval).
 * - `multiclass.confusion` (production, candidate; group {true, predicted}; value = count of labelled rows).
 * - `multiclass.mcnemar_p` (both): McNemar's test on correct/incorrect (METRICS.md: exact binomial
 *   when b + c < 25, else chi-square with continuity correction), value = p;
 *   `multiclass.mcnemar_b` (production right, candidate wrong) and `multiclass.mcnemar_c`.
 * - `data.rows`, `data.labelled`, `data.scored` (both), `data.invalid_prediction` (production, candidate).
 */
export async function computeMulticlassMetrics(conn: DuckDBConnection, relation: string, opts: MulticlassMetricOptions): Promise<MetricRecord[]> {
  const boot = bootstrapSettings(opts.bootstrap);
  const C = opts.classes.length;
  if (C < 2) throw new WorkbenchError('BAD_ARGUMENT', `A multiclass comparison needs at least 2 class names, got ${C}.`, { classes: opts.classes });
  if (new Set(opts.classes).size !== C) throw new WorkbenchError('BAD_ARGUMENT', 'Class names must be distinct.', { classes: opts.classes });
  const view = await taskView(conn, relation, ['y_class', 'c_production', 'c_candidate'], [],
    'CAST(y_class AS DOUBLE) AS y, CAST(c_production AS DOUBLE) AS cp, CAST(c_candidate AS DOUBLE) AS cc');
  try {
    return await compute(conn, view.name, opts.classes, boot);
  } finally {
    await view.drop();
  }
}

async function compute(conn: DuckDBConnection, view: string, classes: string[], boot: { B: number; seed: number; level: number }): Promise<MetricRecord[]> {
  const C = classes.length;
  const bad = (c: string) => `(${c} IS NOT NULL AND (isnan(${c}) OR ${c} < 0 OR ${c} > ${C - 1} OR ${c} <> floor(${c})))`;
  const [s] = await queryRows(conn, `SELECT count(*) AS rows, count(y) AS labelled, count(*) FILTER (WHERE ${bad('y')}) AS bad_y,
      count(*) FILTER (WHERE ${bad('cp')} OR ${bad('cc')}) AS bad_pred,
      count(*) FILTER (WHERE cp IS NULL) AS null_p, count(*) FILTER (WHERE cc IS NULL) AS null_c,
      count(*) FILTER (WHERE cp IS NOT NULL AND cc IS NOT NULL) AS scored
    FROM ${view}`);
  const S = s!;
  if (num(S.bad_y) > 0) throw new WorkbenchError('BAD_LABEL', `The class label has ${num(S.bad_y)} value(s) that are not a class index 0..${C - 1}; map the label to class indices first.`, { count: num(S.bad_y), classes });
  if (num(S.bad_pred) > 0) throw new WorkbenchError('BAD_ARGUMENT', `${num(S.bad_pred)} predicted class(es) are not a class index 0..${C - 1}.`, { count: num(S.bad_pred), classes });
  const rows = num(S.rows), scored = num(S.scored);
  const out: MetricRecord[] = [];
  const push = (r: MetricRecord) => out.push(cleanRecord(r));
  const excluded = rows - scored;
  const exclNote = excluded > 0 ? `${excluded} row(s) without a predicted class of both models excluded` : undefined;
  push({ id: 'data.rows', model: 'both', value: rows, n: rows });
  push({ id: 'data.labelled', model: 'both', value: num(S.labelled), n: rows });
  push({ id: 'data.scored', model: 'both', value: scored, n: rows, note: exclNote });
  push({ id: 'data.invalid_prediction', model: 'production', value: num(S.null_p), n: rows, note: num(S.null_p) ? 'NULL production class; excluded' : undefined });
  push({ id: 'data.invalid_prediction', model: 'candidate', value: num(S.null_c), n: rows, note: num(S.null_c) ? 'NULL candidate class; excluded' : undefined });

  const cellRows = await queryRows(conn, `SELECT y::INTEGER AS y, cp::INTEGER AS cp, cc::INTEGER AS cc, count(*) AS n
    FROM ${view} WHERE cp IS NOT NULL AND cc IS NOT NULL GROUP BY ALL ORDER BY ALL`);
  const cells: MulticlassCell[] = cellRows.map((r) => ({ y: r.y === null ? null : num(r.y), cp: num(r.cp), cc: num(r.cc), n: num(r.n) }));
  const mc = new MulticlassCells(cells, classes);
  const counts = cells.map((c) => c.n);
  const point = mc.evaluate(counts);
  const K = mc.keys.length;

  // Paired multinomial bootstrap over the cells (their counts sum to `scored`).
  const intervals = boot.B > 0 && scored > 0 ? bootstrapCells(mc, counts, boot) : [];
  const method = `bootstrap percentile, paired multinomial over ${cells.length} cells (y, ŷ_production, ŷ_candidate), B=${boot.B}, seed=${boot.seed}`;
  for (let k = 0; k < K; k++) {
    const key = mc.keys[k]!;
    const iv = intervals[k];
    const usable = iv && iv.used >= Math.max(2, boot.B / 2);
    push({ id: key.id, model: key.model, group: key.group, value: point.values[k]!, n: point.n[k]!,
      note: joinNotes(point.notes[k], exclNote),
      ci: usable ? interval(iv.low, iv.high, boot.level, iv.dropped ? `${method}; ${iv.dropped} replicate(s) where the metric is undefined dropped` : method) : undefined });
  }

  // Confusion matrices and McNemar on correct/incorrect, labelled rows.
  const conf = [new Float64Array(C * C), new Float64Array(C * C)];
  let b = 0, c = 0, lab = 0;
  for (const cell of cells) {
    if (cell.y === null) continue;
    lab += cell.n;
    conf[0]![cell.y * C + cell.cp] += cell.n;
    conf[1]![cell.y * C + cell.cc] += cell.n;
    const pr = cell.cp === cell.y, cr = cell.cc === cell.y;
    if (pr && !cr) b += cell.n; else if (!pr && cr) c += cell.n;
  }
  for (const [m, model] of (['production', 'candidate'] as const).entries()) {
    for (let t = 0; t < C; t++) {
      for (let p = 0; p < C; p++) {
        push({ id: 'multiclass.confusion', model, group: { true: classes[t]!, predicted: classes[p]! }, value: conf[m]![t * C + p]!, n: lab, unit: 'rows' });
      }
    }
  }
  const test = mcnemar(b, c);
  push({ id: 'multiclass.mcnemar_p', model: 'both', value: test.p, p: test.p, n: b + c,
    note: `McNemar on correct/incorrect, ${test.method}; b=${b} (production right, candidate wrong), c=${c}${b + c === 0 ? '; no discordant pairs' : ''}` });
  push({ id: 'multiclass.mcnemar_b', model: 'both', value: b, n: lab, note: 'labelled rows where production is right and candidate wrong' });
  push({ id: 'multiclass.mcnemar_c', model: 'both', value: c, n: lab, note: 'labelled rows where candidate is right and production wrong' });
  return out;
}
