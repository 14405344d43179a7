import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type ConfidenceInterval, type MetricRecord } from '../../contract/index.js';
import { normalQuantile } from '../specialFunctions.js';
import { doubleLiteral, num, queryRows } from '../sql.js';
import { studentTTwoSidedP } from './studentT.js';
import { bootstrapSettings, sensitiveSelect, taskView } from './taskView.js';
import { cleanRecord, joinNotes, normalInterval } from './taskRecords.js';
import { wilcoxonSignedRank } from './wilcoxonSignedRank.js';

/** Options of computeRegressionMetrics. */
export interface RegressionMetricOptions {
  /** Sensitive attribute column names in the relation (regression.mae per group). */
  sensitive: string[];
  /**
   * Interval settings. Every regression interval is a normal (CLT) or delta-method interval on
   * per-row values, so only `level` (default 0.95) is used; B and seed are validated and unused.
   */
  bootstrap: { B: number; seed: number; level?: number };
}

/** Quantiles of the residual y - prediction reported as `regression.residual_q` (group {quantile: "0.05"}). */
export const RESIDUAL_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** float64 machine epsilon, the floor of |y| in MAPE (sklearn `mean_absolute_percentage_error`). */
const MAPE_EPS = Number.EPSILON;

const M_CLT = 'normal (CLT) on per-row values';
const M_CLT_D = 'normal (CLT) on the paired per-row difference';
const M_DELTA = 'delta method (CLT) on per-row squared errors';
const M_DELTA_D = 'delta method (CLT) on paired per-row squared errors';

/**
 * Regression metrics of production vs candidate over `relation` (a table name or a parenthesised
 * subquery) with columns y_value (DOUBLE label, NULL = unlabelled), p_production, p_candidate
 * (DOUBLE predictions) and one column per sensitive attribute (cast to VARCHAR; NULL = "missing").
 *
 * Rows: a row with a NULL, NaN or infinite prediction of either model is counted
 * (`data.invalid_prediction`) and excluded from every metric, so every delta is paired; metrics use
 * the labelled rows among the rest. A NaN or infinite label is a BAD_LABEL error.
 *
 * Ids (delta = candidate minus production):
 * - `regression.mae` mean |y - ŷ|, `regression.rmse` sqrt(mean (y - ŷ)²), `regression.r2`
 *   1 - sum (y - ŷ)² / sum (y - ȳ)² (sklearn `r2_score`: 1 when both sums are 0, 0 when only the
 *   denominator is), `regression.mape` mean |y - ŷ| / max(|y|, float64 eps) (sklearn
 *   `mean_absolute_percentage_error`, a fraction, not %): production, candidate, delta.
 *   Intervals: MAE, MAPE normal (CLT) on per-row values, deltas on the paired per-row difference;
 *   RMSE and R2 (and their deltas) by the delta method on the per-row squared errors (and
 *   (y - ȳ)² for R2). No resampling: a multinomial bootstrap over binned cells is not exact for
 *   means of continuous values, and a per-row bootstrap would cost O(n B).
 * - `regression.mae` per sensitive group (group {attr: value}), production, candidate, delta.
 * - `regression.mean_residual` mean (y - ŷ) per model; `regression.residual_q` quantiles of the
 *   residual y - ŷ per model (group {quantile}; linear interpolation as numpy's default).
 * - `regression.paired_test` (both): paired t-test on per-row squared errors, candidate minus
 *   production (scipy `ttest_rel(se_candidate, se_production)`); value = p = two-sided p-value,
 *   t and df in the note.
 * - `regression.wilcoxon_p` (both): Wilcoxon signed-rank test on the same squared-error
 *   differences, normal approximation (see wilcoxonSignedRank.ts); value = p.
 * - `data.rows`, `data.labelled`, `data.scored`, `data.evaluated` (both), `data.invalid_prediction`
 *   (production, candidate).
 */
export async function computeRegressionMetrics(conn: DuckDBConnection, relation: string, opts: RegressionMetricOptions): Promise<MetricRecord[]> {
  const boot = bootstrapSettings(opts.bootstrap);
  const view = await taskView(conn, relation, ['y_value', 'p_production', 'p_candidate'], opts.sensitive,
    `CAST(y_value AS DOUBLE) + 0.0 AS y, CAST(p_production AS DOUBLE) + 0.0 AS pp, CAST(p_candidate AS DOUBLE) + 0.0 AS pc,
     coalesce(isfinite(CAST(p_production AS DOUBLE)), false) AS ok_p, coalesce(isfinite(CAST(p_candidate AS DOUBLE)), false) AS ok_c
     ${sensitiveSelect(opts.sensitive)}`);
  try {
    return await compute(conn, view.name, opts.sensitive, boot.level);
  } finally {
    await view.drop();
  }
}

async function compute(conn: DuckDBConnection, view: string, sensitive: string[], level: number): Promise<MetricRecord[]> {
  const z = normalQuantile(1 - (1 - level) / 2);
  const [s] = await queryRows(conn, `SELECT count(*) AS rows, count(y) AS labelled,
      count(*) FILTER (WHERE y IS NOT NULL AND NOT isfinite(y)) AS bad_y,
      count(*) FILTER (WHERE NOT ok_p) AS bad_p, count(*) FILTER (WHERE NOT ok_c) AS bad_c,
      count(*) FILTER (WHERE ok_p AND ok_c) AS scored,
      count(*) FILTER (WHERE ok_p AND ok_c AND y IS NOT NULL) AS n,
      avg(y) FILTER (WHERE ok_p AND ok_c AND y IS NOT NULL) AS ybar
    FROM ${view}`);
  const S = s!;
  if (num(S.bad_y) > 0) {
    throw new WorkbenchError('BAD_LABEL', `The regression label has ${num(S.bad_y)} NaN or infinite value(s); leave unknown labels NULL.`, { count: num(S.bad_y) });
  }
  const rows = num(S.rows), labelled = num(S.labelled), scored = num(S.scored), n = num(S.n);
  const out: MetricRecord[] = [];
  const push = (r: MetricRecord) => out.push(cleanRecord(r));
  const excluded = rows - scored;
  const exclNote = excluded > 0 ? `${excluded} row(s) without a valid prediction of both models excluded` : undefined;
  push({ id: 'data.rows', model: 'both', value: rows, n: rows });
  push({ id: 'data.labelled', model: 'both', value: labelled, n: rows });
  push({ id: 'data.scored', model: 'both', value: scored, n: rows, note: exclNote });
  push({ id: 'data.evaluated', model: 'both', value: n, n: rows, note: 'labelled rows with valid predictions of both models: the rows every regression metric uses' });
  push({ id: 'data.invalid_prediction', model: 'production', value: num(S.bad_p), n: rows, note: num(S.bad_p) ? 'NULL, NaN or infinite production prediction; excluded' : undefined });
  push({ id: 'data.invalid_prediction', model: 'candidate', value: num(S.bad_c), n: rows, note: num(S.bad_c) ? 'NULL, NaN or infinite candidate prediction; excluded' : undefined });

  const ybar = n > 0 ? doubleLiteral(num(S.ybar)) : '0.0';
  const eps = doubleLiteral(MAPE_EPS);
  const qs = `[${RESIDUAL_QUANTILES.join(', ')}]`;
  const L = `ok_p AND ok_c AND y IS NOT NULL`;
  const [a] = await queryRows(conn, `SELECT
      avg(ap) AS ap_m, var_samp(ap) AS ap_v, avg(ac) AS ac_m, var_samp(ac) AS ac_v, var_samp(ac - ap) AS da_v,
      avg(sp) AS sp_m, var_samp(sp) AS sp_v, avg(sc) AS sc_m, var_samp(sc) AS sc_v, covar_samp(sp, sc) AS ss_cov,
      avg(sc - sp) AS ds_m, var_samp(sc - sp) AS ds_v,
      avg(q) AS q_m, var_samp(q) AS q_v, covar_samp(sp, q) AS spq, covar_samp(sc, q) AS scq,
      avg(mp) AS mp_m, var_samp(mp) AS mp_v, avg(mc) AS mc_m, var_samp(mc) AS mc_v, var_samp(mc - mp) AS dm_v,
      avg(ep) AS ep_m, var_samp(ep) AS ep_v, avg(ec) AS ec_m, var_samp(ec) AS ec_v,
      quantile_cont(ep, ${qs}) AS qp, quantile_cont(ec, ${qs}) AS qc, count(*) FILTER (WHERE abs(y) < ${eps}) AS tiny
    FROM (SELECT y - pp AS ep, y - pc AS ec, abs(y - pp) AS ap, abs(y - pc) AS ac,
            (y - pp) * (y - pp) AS sp, (y - pc) * (y - pc) AS sc, (y - ${ybar}) * (y - ${ybar}) AS q,
            abs(y - pp) / greatest(abs(y), ${eps}) AS mp, abs(y - pc) / greatest(abs(y), ${eps}) AS mc, y
          FROM ${view} WHERE ${L})`);
  const A = a!;
  const g = (k: string) => num(A[k]);
  const none = n === 0 ? 'no labelled rows with valid predictions' : undefined;
  const note = joinNotes(none, exclNote);
  const clt = (m: number, v: number, method: string) => normalInterval(m, v, n, level, z, method);
  const triple = (id: string, vp: number, vc: number, cis: (ConfidenceInterval | undefined)[], extra?: (string | undefined)[]) => {
    push({ id, model: 'production', value: vp, n, note: joinNotes(note, extra?.[0]), ci: cis[0] });
    push({ id, model: 'candidate', value: vc, n, note: joinNotes(note, extra?.[1]), ci: cis[1] });
    push({ id, model: 'delta', value: vc - vp, n, note: joinNotes(note, extra?.[2]), ci: cis[2] });
  };

  // MAE
  const maeP = g('ap_m'), maeC = g('ac_m');
  triple('regression.mae', maeP, maeC, [clt(maeP, g('ap_v'), M_CLT), clt(maeC, g('ac_v'), M_CLT), clt(maeC - maeP, g('da_v'), M_CLT_D)]);

  // RMSE: sqrt of the mean squared error, delta method.
  const mseP = g('sp_m'), mseC = g('sc_m'), rP = Math.sqrt(mseP), rC = Math.sqrt(mseC);
  const rmseCi = (r: number, v: number) => (r > 0 ? clt(r, v / (4 * r * r), M_DELTA) : undefined);
  const rmseDv = rP > 0 && rC > 0 ? g('sc_v') / (4 * mseC) + g('sp_v') / (4 * mseP) - (2 * g('ss_cov')) / (4 * rP * rC) : NaN;
  triple('regression.rmse', rP, rC, [rmseCi(rP, g('sp_v')), rmseCi(rC, g('sc_v')), clt(rC - rP, rmseDv, M_DELTA_D)]);

  // R2 = 1 - MSE / V with V = mean (y - ȳ)²; influence functions -(s - MSE)/V + MSE/V² (q - V).
  const V = g('q_m'), qv = g('q_v');
  const r2 = (mse: number): { v: number; note?: string } => {
    if (n === 0) return { v: NaN };
    if (V > 0) return { v: 1 - mse / V };
    return mse === 0 ? { v: 1, note: 'constant label predicted exactly: 1 (sklearn force_finite)' } : { v: 0, note: 'constant label: R2 undefined, 0 as sklearn (force_finite)' };
  };
  const r2p = r2(mseP), r2c = r2(mseC);
  const r2Var = (sv: number, m: number, cov: number) => sv / (V * V) + (m * m * qv) / V ** 4 - (2 * m * cov) / V ** 3;
  const r2Ci = V > 0 ? [
    clt(r2p.v, r2Var(g('sp_v'), mseP, g('spq')), M_DELTA),
    clt(r2c.v, r2Var(g('sc_v'), mseC, g('scq')), M_DELTA),
    clt(r2c.v - r2p.v, r2Var(g('ds_v'), mseC - mseP, g('scq') - g('spq')), M_DELTA_D),
  ] : [];
  triple('regression.r2', r2p.v, r2c.v, r2Ci, [r2p.note, r2c.note, joinNotes(r2p.note && `production: ${r2p.note}`, r2c.note && `candidate: ${r2c.note}`)]);

  // MAPE
  const mapeP = g('mp_m'), mapeC = g('mc_m');
  const tiny = g('tiny');
  const zeroNote = tiny > 0 ? `${tiny} row(s) with |y| below float64 eps divide by eps (sklearn convention): MAPE is dominated by them` : undefined;
  triple('regression.mape', mapeP, mapeC, [clt(mapeP, g('mp_v'), M_CLT), clt(mapeC, g('mc_v'), M_CLT), clt(mapeC - mapeP, g('dm_v'), M_CLT_D)],
    [zeroNote, zeroNote, zeroNote]);

  // Residuals y - ŷ.
  push({ id: 'regression.mean_residual', model: 'production', value: g('ep_m'), n, note: joinNotes(note, 'mean of y - prediction (positive: under-prediction)'), ci: clt(g('ep_m'), g('ep_v'), M_CLT) });
  push({ id: 'regression.mean_residual', model: 'candidate', value: g('ec_m'), n, note: joinNotes(note, 'mean of y - prediction (positive: under-prediction)'), ci: clt(g('ec_m'), g('ec_v'), M_CLT) });
  for (const [model, key] of [['production', 'qp'], ['candidate', 'qc']] as const) {
    const list = (A[key] ?? []) as unknown[];
    RESIDUAL_QUANTILES.forEach((q, i) => push({ id: 'regression.residual_q', model, group: { quantile: String(q) }, value: num(list[i]), n, note: joinNotes(none, 'quantile of y - prediction, linear interpolation (numpy default)') }));
  }

  // Paired tests on per-row squared-error differences d = se_candidate - se_production.
  const dm = g('ds_m'), dv = g('ds_v');
  const t = n >= 2 && dv > 0 ? dm / Math.sqrt(dv / n) : NaN;
  const tp = studentTTwoSidedP(t, n - 1);
  push({ id: 'regression.paired_test', model: 'both', value: tp, p: tp, n,
    note: Number.isNaN(t)
      ? joinNotes(none ?? (n < 2 ? 'fewer than 2 rows' : 'all squared-error differences are equal: t undefined'), 'paired t-test on per-row squared errors')
      : `paired t-test (scipy ttest_rel(se_candidate, se_production)) on per-row squared errors, candidate minus production: t = ${t}, df = ${n - 1}, mean difference = ${dm}` });
  const w = n > 0 ? await wilcoxonSignedRank(conn, `${view} WHERE ${L}`, `(y - pc) * (y - pc) - (y - pp) * (y - pp)`) : undefined;
  push({ id: 'regression.wilcoxon_p', model: 'both', value: w ? w.p : NaN, p: w?.p, n: w?.n ?? 0,
    note: w && !Number.isNaN(w.p)
      ? `Wilcoxon signed-rank test on per-row squared-error differences (candidate minus production), two-sided, normal approximation with tie correction, no continuity correction, ${w.zeros} zero difference(s) dropped (scipy wilcoxon zero_method="wilcox", mode="approx"): T = min(r+, r-) = ${w.statistic}, r+ = ${w.rPlus}, z = ${w.z}`
      : joinNotes(none, 'no non-zero squared-error differences: test undefined') });

  if (sensitive.length > 0 && n > 0) await groupMae(conn, view, L, sensitive, push, (m, v, k, method) => normalInterval(m, v, k, level, z, method));
  return out;
}

async function groupMae(conn: DuckDBConnection, view: string, L: string, sensitive: string[], push: (r: MetricRecord) => void,
  clt: (m: number, v: number, n: number, method: string) => ConfidenceInterval | undefined): Promise<void> {
  const gs = sensitive.map((_, i) => `g${i}`);
  const rows = await queryRows(conn, `SELECT ${gs.map((c) => `grouping(${c}) AS is_${c}, ${c}`).join(', ')},
      count(*) AS n, avg(ap) AS ap_m, var_samp(ap) AS ap_v, avg(ac) AS ac_m, var_samp(ac) AS ac_v, var_samp(ac - ap) AS da_v
    FROM (SELECT *, abs(y - pp) AS ap, abs(y - pc) AS ac FROM ${view} WHERE ${L})
    GROUP BY GROUPING SETS (${gs.map((c) => `(${c})`).join(', ')})`);
  const records: { attr: number; value: string; r: Record<string, unknown> }[] = [];
  for (const r of rows) {
    const attr = gs.findIndex((c) => num(r[`is_${c}`]) === 0);
    records.push({ attr, value: r[gs[attr]!] === null ? 'missing' : String(r[gs[attr]!]), r });
  }
  records.sort((x, y) => x.attr - y.attr || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  for (const { attr, value, r } of records) {
    const group = { [sensitive[attr]!]: value };
    const n = num(r.n), p = num(r.ap_m), c = num(r.ac_m);
    push({ id: 'regression.mae', model: 'production', group, value: p, n, ci: clt(p, num(r.ap_v), n, M_CLT) });
    push({ id: 'regression.mae', model: 'candidate', group, value: c, n, ci: clt(c, num(r.ac_v), n, M_CLT) });
    push({ id: 'regression.mae', model: 'delta', group, value: c - p, n, ci: clt(c - p, num(r.da_v), n, M_CLT_D) });
  }
}

