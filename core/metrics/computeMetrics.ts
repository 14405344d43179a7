import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type ConfidenceInterval, type Curve, type MetricRecord } from '../contract/index.js';
import { bootstrapCells } from './bootstrapCells.js';
import { CellMetrics } from './cellMetrics.js';
import { delong, delongAucInterval } from './delong.js';
import { mcnemar } from './mcnemar.js';
import type { CalibrationStats } from './calibration.js';
import { calibrationOf, calibrationRecords } from './calibrationRecords.js';
import { modelCurves, scoreHistogram } from './computeCurves.js';
import { cellsOf, labelledRows, loadFrame, scoredFrame, type MetricFrame } from './frame.js';
import { noiseFloor } from './noiseFloor.js';
import { rankBootstrap } from './rankBootstrap.js';
import { rankMetrics } from './rankMetrics.js';
import { rowStats } from './rowStats.js';
import { normalQuantile } from './specialFunctions.js';
import { num, quoteIdent } from './sql.js';

/** Options of computeMetrics. */
export interface MetricOptions {
  /** ŷ = 1 when p >= threshold. */
  threshold: number;
  /** Sensitive attribute column names in the relation. */
  sensitive: string[];
  /** Paired bootstrap; default B = 1000, seed = 20261125, level = 0.95. B = 0 disables bootstrap CIs. */
  bootstrap?: { B: number; seed: number; level?: number };
}

/** Quantiles of the per-row score delta reported as `shadow.score_delta_q` (group {quantile: "0.99"}). */
export const SCORE_DELTA_QUANTILES = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

export const DEFAULT_BOOTSTRAP = { B: 1000, seed: 20261125, level: 0.95 } as const;

/**
 * Computes outcome, shadow-diff and fairness metrics of production vs candidate over `relation`
 * (a table name or a parenthesised subquery) with columns y, p_production, p_candidate and one
 * VARCHAR column per sensitive attribute. Rows where either score is NULL, NaN or infinite are
 * counted (data.invalid_score) and excluded from every metric, so all comparisons are paired.
 * See definitions.ts for every id, its definition and convention.
 */
export async function computeMetrics(conn: DuckDBConnection, relation: string, opts: MetricOptions): Promise<MetricRecord[]> {
  return (await computeMetricsAndCurves(conn, relation, opts)).metrics;
}

/**
 * computeMetrics and computeCurves(conn, relation, { threshold }) in one go: the curves come from the
 * same streamed rows and distinct-score tables the metrics use (no second read, no second sort).
 */
export async function computeMetricsAndCurves(conn: DuckDBConnection, relation: string, opts: MetricOptions): Promise<{ metrics: MetricRecord[]; curves: Curve[] }> {
  checkOptions(opts);
  const frame = await loadFrame(conn, relation, { keys: opts.sensitive.map((s) => ({ name: s, expr: `CAST(__r.${quoteIdent(s)} AS VARCHAR)` })), columns: opts.sensitive });
  return metricsOfFrame(frame, opts);
}

function checkOptions(opts: MetricOptions): { B: number; seed: number; level: number } {
  if (!Number.isFinite(opts.threshold)) throw new WorkbenchError('BAD_ARGUMENT', `Threshold must be a finite number, got ${opts.threshold}.`, { threshold: opts.threshold });
  const boot = { ...DEFAULT_BOOTSTRAP, ...opts.bootstrap };
  if (!Number.isInteger(boot.B) || boot.B < 0) throw new WorkbenchError('BAD_ARGUMENT', `Bootstrap B must be a non-negative integer, got ${boot.B}.`, { B: boot.B });
  if (!(boot.level > 0 && boot.level < 1)) throw new WorkbenchError('BAD_ARGUMENT', `Interval level must be in (0, 1), got ${boot.level}.`, { level: boot.level });
  return boot;
}

/** Counts both halves of metricsOfFrame need. */
interface FrameCounts { sf: MetricFrame; rows: number; labelled: number; positives: number; badP: number; badC: number; scored: number; lab: number; P: number; N: number; exclNote?: string; noLab?: string }

function frameCounts(frame: MetricFrame): FrameCounts {
  const sf = scoredFrame(frame);
  let labelled = 0, positives = 0, badP = 0, badC = 0, lab = 0, P = 0;
  for (let i = 0; i < frame.n; i++) {
    const yi = frame.y[i]!;
    if (yi >= 0) { labelled++; if (yi === 1) positives++; }
    if (!Number.isFinite(frame.pp[i]!)) badP++;
    if (!Number.isFinite(frame.pc[i]!)) badC++;
  }
  for (let i = 0; i < sf.n; i++) { const yi = sf.y[i]!; if (yi >= 0) { lab++; if (yi === 1) P++; } }
  const excluded = frame.n - sf.n;
  return {
    sf, rows: frame.n, labelled, positives, badP, badC, scored: sf.n, lab, P, N: lab - P,
    exclNote: excluded > 0 ? `${excluded} row(s) without a valid score excluded` : undefined,
    noLab: lab === 0 ? 'no labelled rows with valid scores' : undefined,
  };
}

/**
 * The sorting half of metricsOfFrame: ROC AUC with DeLong, PR AUC, KS, calibration, the ROC/PR/
 * calibration curves per model, and the score histograms (counting work, here to even out the halves).
 */
export interface RankPart { records: MetricRecord[]; curves: [Curve[], Curve[]]; histograms: Curve[] }

/** The counting half: data counts, Brier and log loss, confusion-matrix, shadow-diff and fairness metrics, noise floor. */
export interface RowPart { data: MetricRecord[]; perRow: MetricRecord[]; outcome: MetricRecord[]; shadow: MetricRecord[]; fairness: MetricRecord[] }

/**
 * computeMetricsAndCurves on a frame already in memory; the frame's keys named in `opts.sensitive`
 * are the sensitive attributes (a frame may carry other keys too). The two halves are independent
 * (rankPart sorts, rowPart counts), so they can run on two threads; assembleMetrics puts their
 * records in this function's order.
 */
export function metricsOfFrame(frame: MetricFrame, opts: MetricOptions): { metrics: MetricRecord[]; curves: Curve[] } {
  const row = rowPart(frame, opts); // first: it checks the sensitive attributes
  return assembleMetrics(rankPart(frame, opts), row);
}

/** The records and curves of metricsOfFrame from its two halves. */
export function assembleMetrics(rank: RankPart, row: RowPart): { metrics: MetricRecord[]; curves: Curve[] } {
  const curves: Curve[] = [];
  rank.histograms.forEach((h, m) => curves.push(...rank.curves[m]!, h));
  return { metrics: [...row.data, ...rank.records, ...row.perRow, ...row.outcome, ...row.shadow, ...row.fairness], curves };
}

/** The rank half of metricsOfFrame; `onModel(m)` hears when model m's sort, curves and calibration are done (progress). */
export function rankPart(frame: MetricFrame, opts: MetricOptions, onModel?: (m: 0 | 1) => void): RankPart {
  const { level, ...boot } = checkOptions(opts);
  const { sf, lab, P, N, exclNote, noLab } = frameCounts(frame);
  const out: MetricRecord[] = [];
  const push = (r: MetricRecord) => out.push(clean(r));
  const data = sf.n > 0 ? sf : undefined;
  const labRows = data ? labelledRows(data.y) : new Uint32Array(0);
  // Each model's curves and calibration as soon as its table is built, so the table need not outlive it.
  const curves: [Curve[], Curve[]] = [[], []];
  const calibration: [CalibrationStats | string, CalibrationStats | string] = ['', ''];
  const rank = data && lab > 0 ? rankMetrics(data.pp, data.pc, data.y, labRows, (m, t) => {
    curves[m] = modelCurves(t, m === 0 ? 'production' : 'candidate');
    calibration[m] = calibrationOf(t);
    onModel?.(m);
  }) : undefined;
  const aucNote = noLab ?? (P === 0 ? 'no positive rows: undefined' : N === 0 ? 'no negative rows: undefined' : undefined);
  const dl = rank?.delong ? delong(rank.delong, level) : undefined;
  const dlOk = dl && P >= 2 && N >= 2;
  const dlNote = dl && !dlOk ? 'DeLong variance needs at least 2 positives and 2 negatives' : undefined;
  const auc = rank?.auc ?? [NaN, NaN];
  for (const [m, model] of (['production', 'candidate'] as const).entries()) {
    push({ id: 'outcome.roc_auc', model, value: auc[m]!, n: lab, note: join(aucNote, dlNote, exclNote),
      ci: dlOk ? ci(delongAucInterval(auc[m]!, dl.variance[m]!, level), 'delong') : undefined });
  }
  push({ id: 'outcome.roc_auc', model: 'delta', value: auc[1]! - auc[0]!, n: lab, note: join(aucNote, dlNote, exclNote),
    ci: dlOk ? ci(dl.ci, 'delong paired (Sun & Xu 2014)') : undefined, p: dlOk ? dl.p : undefined });
  const rb = rank && boot.B > 0 && P > 0 ? rankBootstrap(rank.cells, { ap: rank.prAuc, ks: rank.ks }, { ...boot, level }) : undefined;
  const rbCi = (iv: { low: number; high: number; used: number; dropped: number } | undefined) =>
    rb && iv && iv.used >= Math.max(2, boot.B / 2) ? ci({ low: iv.low, high: iv.high, level }, iv.dropped ? `${rb.method}; ${iv.dropped} replicate(s) where the metric is undefined dropped` : rb.method) : undefined;
  triple(push, 'outcome.pr_auc', rank?.prAuc ?? [NaN, NaN], lab, join(noLab ?? (P === 0 ? 'no positive rows: undefined' : undefined), exclNote), rb?.prAuc.map(rbCi));
  triple(push, 'outcome.ks', rank?.ks ?? [NaN, NaN], lab, join(aucNote, exclNote), rb?.ks.map(rbCi));
  for (const r of calibrationRecords(rank ? calibration : undefined, lab, exclNote)) push(r);
  const histograms = data ? [scoreHistogram(data.pp, 'production'), scoreHistogram(data.pc, 'candidate')] : [];
  return { records: out, curves, histograms };
}

/** The counting half of metricsOfFrame. */
export function rowPart(frame: MetricFrame, opts: MetricOptions): RowPart {
  const boot = checkOptions(opts);
  const keyAt = opts.sensitive.map((s) => {
    const k = frame.keys.findIndex((c) => c.name === s);
    if (k < 0) throw new WorkbenchError('BAD_ARGUMENT', `The metrics frame has no column for the sensitive attribute "${s}".`, { column: s });
    return k;
  });
  const { level } = boot;
  const zc = normalQuantile(1 - (1 - level) / 2);
  const { sf, rows, labelled, positives, badP, badC, scored, lab, exclNote, noLab } = frameCounts(frame);
  const part: RowPart = { data: [], perRow: [], outcome: [], shadow: [], fairness: [] };
  const into = (list: MetricRecord[]) => (r: MetricRecord) => list.push(clean(r));

  let push = into(part.data);
  push({ id: 'data.rows', model: 'both', value: rows, n: rows });
  push({ id: 'data.labelled', model: 'both', value: labelled, n: rows });
  push({ id: 'data.unlabelled', model: 'both', value: rows - labelled, n: rows });
  push({ id: 'data.positives', model: 'both', value: positives, n: labelled });
  push({ id: 'data.scored', model: 'both', value: scored, n: rows, note: exclNote ? `${exclNote} from every metric (NULL, NaN or infinite score)` : undefined });
  push({ id: 'data.invalid_score', model: 'production', value: badP, n: rows, note: badP ? 'rows with a NULL, NaN or infinite production score; excluded' : undefined });
  push({ id: 'data.invalid_score', model: 'candidate', value: badC, n: rows, note: badC ? 'rows with a NULL, NaN or infinite candidate score; excluded' : undefined });

  const data = scored > 0 ? sf : undefined;

  push = into(part.perRow);
  const clt = (mean: number, v: number, n: number): ConfidenceInterval | undefined =>
    n >= 2 && Number.isFinite(v) ? ci({ low: mean - zc * Math.sqrt(v / n), high: mean + zc * Math.sqrt(v / n), level }, 'normal (CLT) on per-row values') : undefined;
  const cltD = (mean: number, v: number, n: number) => { const c = clt(mean, v, n); return c && { ...c, method: 'normal (CLT) on the paired per-row difference' }; };
  const rs = data ? rowStats(data, SCORE_DELTA_QUANTILES) : undefined;
  const none = { mean: NaN, variance: NaN };
  for (const [id, k] of [['outcome.brier', 'brier'], ['outcome.log_loss', 'logLoss']] as const) {
    const note = join(noLab, exclNote);
    const [p, c, d] = rs?.[k] ?? [none, none, none];
    push({ id, model: 'production', value: p.mean, n: lab, note, ci: clt(p.mean, p.variance, lab) });
    push({ id, model: 'candidate', value: c.mean, n: lab, note, ci: clt(c.mean, c.variance, lab) });
    push({ id, model: 'delta', value: d.mean, n: lab, note, ci: cltD(d.mean, d.variance, lab) });
  }

  // Confusion-matrix metrics from the cell table, with the multinomial paired bootstrap.
  const cells = cellsOf(sf, keyAt.map((k) => sf.keys[k]!), opts.threshold);
  const cm = new CellMetrics(cells, opts.sensitive);
  const counts = cells.map((c) => c.n);
  const point = cm.evaluate(counts);
  const intervals = boot.B > 0 && scored > 0 ? bootstrapCells(cm, counts, boot) : [];
  const method = `bootstrap percentile, paired multinomial over ${cells.length} cells, B=${boot.B}, seed=${boot.seed}`;
  const emitKey = (k: number) => {
    const key = cm.keys[k]!, iv = intervals[k];
    const usable = iv && iv.used >= Math.max(2, boot.B / 2);
    push({ id: key.id, model: key.model, group: key.group, value: point.values[k]!, n: point.n[k]!,
      note: key.id.startsWith('outcome.') ? join(point.notes[k], exclNote) : point.notes[k],
      ci: usable ? ci({ low: iv.low, high: iv.high, level }, iv.dropped ? `${method}; ${iv.dropped} replicate(s) where the metric is undefined dropped` : method) : undefined });
  };
  push = into(part.outcome);
  for (let k = 0; k < cm.keys.length; k++) if (cm.keys[k]!.id.startsWith('outcome.')) emitKey(k);

  // Shadow diff.
  push = into(part.shadow);
  let b = 0, c = 0;
  for (const cell of cells) {
    if (cell.y === null) continue;
    const pr = cell.yp === cell.y, cr = cell.yc === cell.y;
    if (pr && !cr) b += cell.n; else if (!pr && cr) c += cell.n;
  }
  const mc = mcnemar(b, c);
  push({ id: 'shadow.mcnemar_p', model: 'both', value: mc.p, p: mc.p, n: b + c, note: `${mc.method}; b=${b} (production right, candidate wrong), c=${c}${b + c === 0 ? '; no discordant pairs' : ''}` });
  push({ id: 'shadow.mcnemar_b', model: 'both', value: b, n: lab, note: 'labelled rows where production is right and candidate wrong' });
  push({ id: 'shadow.mcnemar_c', model: 'both', value: c, n: lab, note: 'labelled rows where candidate is right and production wrong' });
  for (let k = 0; k < cm.keys.length; k++) if (cm.keys[k]!.id.startsWith('shadow.')) emitKey(k);
  const noScored = scored === 0 ? 'no scored rows' : undefined;
  const sd = rs?.delta ?? none;
  push({ id: 'shadow.score_delta_mean', model: 'delta', value: sd.mean, n: scored, note: noScored, ci: cltD(sd.mean, sd.variance, scored) });
  push({ id: 'shadow.score_delta_abs_max', model: 'delta', value: rs?.deltaAbsMax ?? NaN, n: scored, note: noScored });
  const qs = rs?.deltaQuantiles ?? [];
  SCORE_DELTA_QUANTILES.forEach((q, i) => push({ id: 'shadow.score_delta_q', model: 'delta', group: { quantile: String(q) }, value: num(qs[i]), n: scored, note: noScored }));
  if (data) for (const r of noiseFloor(data, opts.threshold, level)) push(r);

  push = into(part.fairness);
  for (let k = 0; k < cm.keys.length; k++) if (cm.keys[k]!.id.startsWith('fairness.')) emitKey(k);
  return part;
}

function triple(push: (r: MetricRecord) => void, id: string, v: [number, number] | number[], n: number, note?: string, cis?: (ConfidenceInterval | undefined)[]): void {
  push({ id, model: 'production', value: v[0]!, n, note, ci: cis?.[0] });
  push({ id, model: 'candidate', value: v[1]!, n, note, ci: cis?.[1] });
  push({ id, model: 'delta', value: v[1]! - v[0]!, n, note, ci: cis?.[2] });
}

function ci(iv: { low: number; high: number; level: number }, method: string): ConfidenceInterval {
  return { low: iv.low, high: iv.high, level: iv.level, method };
}

function join(...notes: (string | undefined)[]): string | undefined {
  const s = notes.filter(Boolean).join('; ');
  return s || undefined;
}

/** NaN -> null, drops undefined fields. */
function clean(r: MetricRecord): MetricRecord {
  const out: MetricRecord = { id: r.id, model: r.model, value: r.value === null || Number.isNaN(r.value) ? null : r.value };
  if (r.group) out.group = r.group;
  if (r.ci && Number.isFinite(r.ci.low) && Number.isFinite(r.ci.high)) out.ci = r.ci;
  if (r.n !== undefined) out.n = r.n;
  if (r.p !== undefined && !Number.isNaN(r.p)) out.p = r.p;
  if (r.note) out.note = r.note;
  return out;
}
