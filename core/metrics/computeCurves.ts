import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type Curve } from '../contract/index.js';
import { binByEdges, CALIBRATION_BINS, equalWidthEdges } from './calibration.js';
import { labelledRows, loadFrame, scoredFrame } from './frame.js';
import type { ScoreTable } from './scoreTable.js';
import { scoreTable } from './scoreTable.js';

/** Most points of a drawn ROC or PR curve. */
export const MAX_CURVE_POINTS = 201;
/** Equal-width bins of the score histogram on [0, 1]. */
export const HIST_BINS = 50;

/**
 * Curves for charts, per model (production, candidate), on the scored rows of `relation` (the same
 * relation as computeMetrics):
 * - `roc`: (FPR, TPR) at every distinct score, from (0, 0) (sklearn roc_curve, drop_intermediate=False);
 * - `pr`: (recall, precision) at every distinct score plus the (0, 1) end point (sklearn precision_recall_curve), by increasing recall;
 * - `calibration`: mean score vs share of positives per non-empty equal-width bin (10 bins, sklearn calibration_curve);
 * - `score_hist`: share of scored rows (labelled or not) in each of 50 equal-width bins on [0, 1]
 *   (numpy histogram: [a, b) and the last bin closed), x = bin centre; scores outside [0, 1] are in no bin.
 * ROC and PR are downsampled to at most 201 points, evenly by index, keeping both end points.
 * ROC/PR/calibration use labelled rows and are omitted when undefined (no positives or negatives).
 * `threshold` is accepted for the marker charts may draw; it does not change the curves.
 */
export async function computeCurves(conn: DuckDBConnection, relation: string, opts: { threshold: number }): Promise<Curve[]> {
  if (!Number.isFinite(opts.threshold)) throw new WorkbenchError('BAD_ARGUMENT', `Threshold must be a finite number, got ${opts.threshold}.`, { threshold: opts.threshold });
  const rows = scoredFrame(await loadFrame(conn, relation));
  const scored = rows.n;
  if (scored === 0) return [];
  const lab = labelledRows(rows.y);
  const out: Curve[] = [];
  for (const [model, scores] of [['production', rows.pp], ['candidate', rows.pc]] as const) {
    const t = scoreTable(scores, lab, rows.y);
    out.push(...modelCurves(t, model));
    out.push(scoreHistogram(scores, model));
  }
  return out;
}

/** ROC, PR and reliability curves of one model from its labelled distinct-score table. */
export function modelCurves(t: ScoreTable, model: 'production' | 'candidate'): Curve[] {
  const out: Curve[] = [];
  const { P, N } = t;
  if (P > 0 && N > 0) {
    out.push({ id: 'roc', model, ...curvePoints(t, 0, 0, (tp, fp) => fp / N, (tp) => tp / P), xLabel: 'False positive rate', yLabel: 'True positive rate' });
  }
  if (P > 0) {
    out.push({ id: 'pr', model, ...curvePoints(t, 0, 1, (tp) => tp / P, (tp, fp) => (tp + fp > 0 ? tp / (tp + fp) : 0)), xLabel: 'Recall', yLabel: 'Precision' });
  }
  if (P + N > 0) {
    const bins = binByEdges(t, equalWidthEdges(CALIBRATION_BINS)).filter((b) => b.n > 0);
    out.push({ id: 'calibration', model, x: bins.map((b) => b.sumP / b.n), y: bins.map((b) => b.sumY / b.n), xLabel: 'Mean predicted probability', yLabel: 'Observed share of positives' });
  }
  return out;
}

/** Share of rows per bin of 50 equal-width bins on [0, 1]: numpy histogram(range=(0, 1)) / rows, bin rule included. */
export function scoreHistogram(scores: Float64Array, model: 'production' | 'candidate'): Curve {
  const edges = Array.from({ length: HIST_BINS + 1 }, (_, i) => (i === HIST_BINS ? 1 : i * (1 / HIST_BINS)));
  const counts = new Array<number>(HIST_BINS).fill(0);
  for (let i = 0; i < scores.length; i++) {
    const v = scores[i]!;
    if (!(v >= 0 && v <= 1)) continue;
    let b = Math.floor(v * HIST_BINS);
    if (b === HIST_BINS) b--;
    if (v < edges[b]!) b--;
    else if (b !== HIST_BINS - 1 && v >= edges[b + 1]!) b++;
    counts[b]++;
  }
  return { id: 'score_hist', model, x: edges.slice(0, -1).map((e, i) => (e + edges[i + 1]!) / 2), y: counts.map((c) => c / scores.length), xLabel: 'Score', yLabel: 'Share of rows' };
}

/**
 * The points (x0, y0), then (fx, fy)(tp, fp) at every distinct score from the highest down, as
 * downsample() would keep them, without building the full arrays (millions of distinct scores).
 */
function curvePoints(t: ScoreTable, x0: number, y0: number, fx: (tp: number, fp: number) => number, fy: (tp: number, fp: number) => number): { x: number[]; y: number[] } {
  const D = t.value.length, n = D + 1;
  const keep = n <= MAX_CURVE_POINTS ? undefined : Array.from({ length: MAX_CURVE_POINTS }, (_, i) => Math.round((i * (n - 1)) / (MAX_CURVE_POINTS - 1)));
  const x = [x0], y = [y0];
  let next = 1; // keep[0] = 0 is the first point; keep is strictly increasing when n > MAX_CURVE_POINTS
  for (let k = D - 1, j = 1, tp = 0, fp = 0; k >= 0; k--, j++) {
    tp += t.pos[k]!; fp += t.neg[k]!;
    if (keep && keep[next] !== j) continue;
    x.push(fx(tp, fp)); y.push(fy(tp, fp)); next++;
  }
  return { x, y };
}

/** At most MAX_CURVE_POINTS points, evenly spaced by index; the first and last are kept exactly. */
export function downsample(x: number[], y: number[]): { x: number[]; y: number[] } {
  const n = x.length;
  if (n <= MAX_CURVE_POINTS) return { x, y };
  const idx = Array.from({ length: MAX_CURVE_POINTS }, (_, i) => Math.round((i * (n - 1)) / (MAX_CURVE_POINTS - 1)));
  return { x: idx.map((i) => x[i]!), y: idx.map((i) => y[i]!) };
}
