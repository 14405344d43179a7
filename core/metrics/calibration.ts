import type { ScoreTable } from './scoreTable.js';

/** One calibration bin: rows, sum of scores, positives. */
export interface CalibrationBin { n: number; sumP: number; sumY: number }

/** Calibration summary of one model on its labelled rows. */
export interface CalibrationStats {
  /** ECE over 10 equal-width bins on [0, 1]. */
  ece: number;
  /** ECE over 10 equal-mass bins (edges: numpy percentiles, linear). */
  eceEqualMass: number;
  /** Murphy decomposition on the 10 equal-width bins. */
  reliability: number;
  resolution: number;
  uncertainty: number;
  /** Logistic recalibration y ~ intercept + slope logit(p); NaN when the fit does not exist. */
  slope: number;
  intercept: number;
  /** Why slope/intercept are NaN, when they are. */
  fitNote?: string;
}

export const CALIBRATION_BINS = 10;
/** Scores are clipped to [eps, 1 - eps] before the logit (as log loss clips them). */
export const LOGIT_EPS = 1e-15;

/**
 * Bins of the distinct-score table by inner edges (ascending): a value goes to the bin of
 * numpy `searchsorted(inner, p)` (side left: the number of inner edges strictly below p), as
 * sklearn's calibration_curve assigns bins.
 */
export function binByEdges(t: ScoreTable, inner: readonly number[]): CalibrationBin[] {
  const { value, pos, neg } = t, D = value.length;
  const bins: CalibrationBin[] = [];
  // Bin b holds the values in (inner[b - 1], inner[b]]: a run of the ascending table, summed in a tight loop, in table order as before.
  for (let b = 0, from = 0; b <= inner.length; b++) {
    let to = D;
    if (b < inner.length) {
      const e = inner[b]!;
      let lo = from, hi = D; // first k >= from with value[k] > e
      while (lo < hi) { const mid = (lo + hi) >>> 1; if (value[mid]! > e) hi = mid; else lo = mid + 1; }
      to = lo;
    }
    let n = 0, sumP = 0, sumY = 0;
    for (let k = from; k < to; k++) {
      const p = pos[k]!, w = p + neg[k]!;
      n += w; sumP += value[k]! * w; sumY += p;
    }
    bins.push({ n, sumP, sumY });
    from = to;
  }
  return bins;
}

/** Inner edges of `nBins` equal-width bins on [0, 1], as numpy linspace(0, 1, nBins + 1)[1:-1]. */
export function equalWidthEdges(nBins: number): number[] {
  const step = 1 / nBins;
  return Array.from({ length: nBins - 1 }, (_, i) => (i + 1) * step);
}

/** Inner edges of `nBins` equal-mass bins: numpy percentile(p, linspace(0, 100, nBins + 1))[1:-1] (method linear). */
export function equalMassEdges(t: ScoreTable, nBins: number): number[] {
  const n = t.P + t.N;
  const step = 1 / nBins;
  const stat = orderStatistics(t);
  return Array.from({ length: nBins - 1 }, (_, i) => {
    const q = (((i + 1) * step) * 100) / 100;
    const virtual = (n - 1) * q, prev = Math.floor(virtual), next = Math.min(prev + 1, n - 1);
    const a = stat(prev), b = stat(next), g = virtual - prev, diff = b - a;
    return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
  });
}

/** j -> the j-th smallest score (0-based), for non-decreasing j across calls. */
function orderStatistics(t: ScoreTable): (j: number) => number {
  let k = 0, below = 0; // rows with values before index k
  return (j) => {
    while (below + t.pos[k]! + t.neg[k]! <= j) { below += t.pos[k]! + t.neg[k]!; k++; }
    return t.value[k]!;
  };
}

/** Expected calibration error: sum over bins of (n_b / n) |mean(y)_b - mean(p)_b|. */
export function ece(bins: readonly CalibrationBin[]): number {
  let n = 0, s = 0;
  for (const b of bins) { n += b.n; if (b.n) s += Math.abs(b.sumY - b.sumP); }
  return s / n;
}

/** Murphy (1973) decomposition of the Brier score over `bins`. */
export function murphy(bins: readonly CalibrationBin[]): { reliability: number; resolution: number; uncertainty: number } {
  let n = 0, y = 0;
  for (const b of bins) { n += b.n; y += b.sumY; }
  const ybar = y / n;
  let rel = 0, res = 0;
  for (const b of bins) {
    if (!b.n) continue;
    const pb = b.sumP / b.n, ob = b.sumY / b.n;
    rel += b.n * (pb - ob) ** 2; res += b.n * (ob - ybar) ** 2;
  }
  return { reliability: rel / n, resolution: res / n, uncertainty: ybar * (1 - ybar) };
}

/**
 * Maximum-likelihood logistic regression of y on [1, logit(p)] by Newton-Raphson (= IRLS), each
 * iteration one pass over the distinct scores (weights: positives and negatives at each score),
 * started at (0, 0) as statsmodels' Logit, until both steps are below 1e-8 (relative), as statsmodels'
 * newton tolerance; Newton's error after such a step is of the order of its square. With many
 * distinct scores the start comes from the same fit on <= 65,536 groups of adjacent scores (their
 * weighted mean logit), so the exact passes only polish (Newton converges quadratically).
 */
export function logisticRecalibration(t: ScoreTable): { slope: number; intercept: number; note?: string } {
  const fail = (note: string) => ({ slope: NaN, intercept: NaN, note });
  if (!(t.P > 0 && t.N > 0)) return fail('needs positives and negatives');
  if (t.value.length < 2) return fail('needs at least two distinct scores');
  const D = t.value.length;
  const x = new Float64Array(D); // the weights (rows at each score) are pos + neg, summed where used: 8 bytes a distinct score less
  for (let k = 0; k < D; k++) {
    const p = Math.min(Math.max(t.value[k]!, LOGIT_EPS), 1 - LOGIT_EPS);
    x[k] = Math.log(p / (1 - p));
  }
  let start: [number, number] = [0, 0];
  if (D > 4096) {
    // Up to 65,536 groups (at least two scores each): at 10M rows the start is then within ~1e-8 and one exact pass confirms it (2,048 groups needed two).
    // Group counts typed as t.pos and t.neg: newton's loop sees one array type.
    const G = Math.min(65536, D >> 1), gx = new Float64Array(G), counts = () => (t.pos instanceof Uint32Array ? new Uint32Array(G) : new Float64Array(G));
    const gp = counts(), gn = counts();
    for (let k = 0; k < D; k++) { const g = Math.floor((k * G) / D), wk = t.pos[k]! + t.neg[k]!; gx[g] += x[k]! * wk; gp[g] += t.pos[k]!; gn[g] += t.neg[k]!; }
    for (let g = 0; g < G; g++) gx[g] /= gp[g]! + gn[g]!;
    const coarse = newton(gx, gp, gn, [0, 0], 1e-8);
    if (coarse) start = coarse;
  }
  const fit = newton(x, t.pos, t.neg, start, 1e-8);
  return fit ? { slope: fit[1], intercept: fit[0] } : fail('logistic fit did not converge (perfect separation?)');
}

/** Newton iterations of the weighted logistic fit: at x[k], pos[k] positives out of pos[k] + neg[k] rows. */
function newton(x: Float64Array, pos: Float64Array | Uint32Array, neg: Float64Array | Uint32Array, start: [number, number], tol: number): [number, number] | undefined {
  let [a, b] = start;
  for (let it = 0; it < 100; it++) {
    let g0 = 0, g1 = 0, h00 = 0, h01 = 0, h11 = 0;
    for (let k = 0; k < x.length; k++) {
      const xk = x[k]!, wk = pos[k]! + neg[k]!;
      const mu = 1 / (1 + Math.exp(-(a + b * xk)));
      const r = pos[k]! - wk * mu, v = wk * mu * (1 - mu);
      g0 += r; g1 += r * xk; h00 += v; h01 += v * xk; h11 += v * xk * xk;
    }
    const det = h00 * h11 - h01 * h01;
    if (!(det > 0) || !Number.isFinite(det)) return undefined;
    const da = (h11 * g0 - h01 * g1) / det, db = (h00 * g1 - h01 * g0) / det;
    a += da; b += db;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return undefined;
    if (Math.abs(da) <= tol * (1 + Math.abs(a)) && Math.abs(db) <= tol * (1 + Math.abs(b))) return [a, b];
  }
  return undefined;
}

/** Every calibration summary of one model (scores must lie in [0, 1]). */
export function calibrationStats(t: ScoreTable): CalibrationStats {
  const width = binByEdges(t, equalWidthEdges(CALIBRATION_BINS));
  const mass = binByEdges(t, equalMassEdges(t, CALIBRATION_BINS));
  const fit = logisticRecalibration(t);
  const out: CalibrationStats = { ece: ece(width), eceEqualMass: ece(mass), ...murphy(width), slope: fit.slope, intercept: fit.intercept };
  if (fit.note) out.fitNote = fit.note;
  return out;
}
