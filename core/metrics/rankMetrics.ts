import type { DeLongStats } from './delong.js';
import { radixOrder } from './radixOrder.js';
import { isNewLevel, tableOfSorted, type ScoreTable } from './scoreTable.js';

/** Rank-based outcome metrics of both models on the labelled scored rows. */
export interface RankMetrics {
  /** ROC AUC (Mann-Whitney, ties count one half); NaN without positives or negatives. */
  auc: [number, number];
  /** Average precision (sklearn `average_precision_score`); NaN without positives. */
  prAuc: [number, number];
  /** max |F1 - F0| over distinct scores (scipy `ks_2samp` statistic). */
  ks: [number, number];
  /** DeLong structural components; undefined unless there are positives and negatives. */
  delong?: DeLongStats;
  /** The paired (score level production, score level candidate, y) cell table for the bootstrap. */
  cells: BootCells;
}

/** Dense cell counts, index (bin_production * K[1] + bin_candidate) * 2 + y. */
export interface BootCells {
  counts: Float64Array;
  K: [number, number];
  /** true: bins are the distinct scores themselves; false: equal-mass bins of them. */
  exact: boolean;
}

/** Distinct scores per model up to which the bootstrap cells are the exact (score, score, y) cells. */
export const EXACT_LEVELS = 128;
/** Equal-mass score bins per model otherwise. */
export const BOOT_BINS = 30;

/** ROC AUC, average precision and KS of one model from its distinct-score table (one pass each). */
export function curveStats(t: ScoreTable): { auc: number; ap: number; ks: number } {
  const { P, N } = t;
  let negBelow = 0, posBelow = 0, auc = 0, ks = 0;
  for (let k = 0; k < t.value.length; k++) {
    const pos = t.pos[k]!, neg = t.neg[k]!;
    auc += pos * (negBelow + 0.5 * neg);
    negBelow += neg; posBelow += pos;
    const gap = Math.abs(posBelow / P - negBelow / N);
    if (gap > ks) ks = gap;
  }
  let ap = 0, tp = 0, fp = 0; // thresholds descending; precision at each distinct score with positives
  for (let k = t.value.length - 1; k >= 0; k--) {
    const pos = t.pos[k]!;
    tp += pos; fp += t.neg[k]!;
    if (pos > 0) ap += (pos / P) * (tp / (tp + fp));
  }
  const both = P > 0 && N > 0;
  return { auc: both ? auc / (P * N) : NaN, ap: P > 0 ? ap : NaN, ks: both ? ks : NaN };
}

/**
 * ROC AUC, PR AUC, KS and DeLong's structural components of both models on the labelled rows
 * `rows` (y 1/0), with no row-level join: one radix sort per model gives its distinct-score table;
 * production's placement of each row (V10 for a positive, V01 for a negative, a function of the
 * score only) is written per row, then one pass in candidate order reads it back next to the
 * candidate placement and accumulates the centred cross products (centred at the AUCs, which are
 * the placements' exact means). The same pass counts the bootstrap cells.
 */
export function rankMetrics(pp: Float64Array, pc: Float64Array, y: Int8Array, rows: Uint32Array, onTable?: (model: 0 | 1, t: ScoreTable) => void): RankMetrics {
  // Each sort's arrays are dropped as soon as its pass is over (productionPass, candidatePass return),
  // and production's table once onTable has seen it (~16 bytes a distinct score): the candidate's
  // calibration (onTable) runs with neither sort alive.
  let tp: ScoreTable | null, word: Uint32Array | null, binSep: Uint8Array | undefined;
  ({ tp, word, binSep } = productionPass(pp, rows, y));
  const Dp = tp!.value.length;
  const P = tp!.P, N = tp!.N;
  const a = curveStats(tp!);
  const massP = Dp > EXACT_LEVELS ? null : massBins(tp!, BOOT_BINS); // used when the candidate has many levels
  onTable?.(0, tp!);
  tp = null;
  const { tc, counts, K, exact, s, b } = candidatePass(pc, rows, y, word, binSep, { Dp, massP, auc: a.auc, P, N });
  word = null;
  onTable?.(1, tc);
  const out: RankMetrics = { auc: [a.auc, b.auc], prAuc: [a.ap, b.ap], ks: [a.ks, b.ks], cells: { counts, K, exact } };
  if (!(P > 0 && N > 0)) return out;
  const v = (x: number, n: number) => (n > 1 ? x / (n - 1) : 0); // one value: variance 0, as var_samp NULL -> 0 before
  out.delong = {
    nPos: P, nNeg: N, auc: [a.auc, b.auc],
    s10: [[v(s[0]!, P), v(s[2]!, P)], [v(s[2]!, P), v(s[1]!, P)]],
    s01: [[v(s[3]!, N), v(s[5]!, N)], [v(s[5]!, N), v(s[4]!, N)]],
  };
  return out;
}

/**
 * The candidate's sort (production's per-row word riding as payload) and table, and one pass in
 * candidate order: the centred DeLong cross products (positives: 00, 11, 01; negatives: 00, 11, 01)
 * and the bootstrap cells.
 */
function candidatePass(pc: Float64Array, rows: Uint32Array, y: Int8Array, word: Uint32Array, binSep: Uint8Array | undefined,
  prod: { Dp: number; massP: Uint8Array | null; auc: number; P: number; N: number }): { tc: ScoreTable; counts: Float64Array; K: [number, number]; exact: boolean; s: Float64Array; b: { auc: number; ap: number; ks: number } } {
  const { Dp, massP, P, N } = prod;
  const sc = radixOrder(pc, rows, y, word);
  const sortedWord = sc.payload!;
  const tc = tableOfSorted(sc);
  const Dc = tc.value.length;
  const exact = Dp <= EXACT_LEVELS && Dc <= EXACT_LEVELS;
  const remapP = exact || !massP ? identity(EXACT_LEVELS) : massP;
  const binOfC = exact ? identity(Dc) : massBins(tc, BOOT_BINS);
  const K: [number, number] = [exact ? Dp : BOOT_BINS, exact ? Dc : BOOT_BINS];
  const counts = new Float64Array(K[0] * K[1] * 2);
  const b = curveStats(tc);
  const s = new Float64Array(6);
  const n2P = 2 * P, n2N = 2 * N, LOW = 2 ** 25 - 1;
  // Candidate placements (as placements(tc), same arithmetic) level by level: sorted rows visit every level in order.
  let negBelowC = 0, posBelowC = 0, l = -1, v10 = 0, v01 = 0;
  for (let i = 0; i < sc.idx.length; i++) {
    const v = sc.idx[i]!, r = v & 0x7fffffff, pos = (v & 0x80000000) !== 0;
    if (isNewLevel(sc, i)) {
      if (l >= 0) { negBelowC += tc.neg[l]!; posBelowC += tc.pos[l]!; }
      l++;
      v10 = (negBelowC + 0.5 * tc.neg[l]!) / tc.N; v01 = (tc.P - posBelowC - 0.5 * tc.pos[l]!) / tc.P;
    }
    const w = sortedWord[i]!, u = binSep ? w : w & LOW, bin = binSep ? binSep[r]! : w >>> 25;
    const d0 = u / (pos ? n2N : n2P) - prod.auc, d1 = (pos ? v10 : v01) - b.auc, o = pos ? 0 : 3;
    s[o] += d0 * d0; s[o + 1] += d1 * d1; s[o + 2] += d0 * d1;
    counts[(remapP[bin]! * K[1] + binOfC[l]!) * 2 + (pos ? 1 : 0)]++;
  }
  return { tc, counts, K, exact, s, b };
}

/**
 * Production's sort and table, and per row production's placement as an exact integer u (V10 = u / 2N
 * for a positive, V01 = u / 2P for a negative) packed with its bootstrap bin in one 32-bit word; the
 * word rides through the candidate sort as payload, so the candidate-order pass never gathers by row
 * (cache misses).
 */
function productionPass(pp: Float64Array, rows: Uint32Array, y: Int8Array): { tp: ScoreTable; word: Uint32Array; binSep?: Uint8Array } {
  const sp = radixOrder(pp, rows, y);
  const tp = tableOfSorted(sp);
  const Dp = tp.value.length;
  const binOfP = Dp <= EXACT_LEVELS ? identity(Dp) : massBins(tp, BOOT_BINS);
  const P = tp.P, N = tp.N;
  const pack = 2 * Math.max(P, N) < 2 ** 25;
  const word = new Uint32Array(pp.length), binSep = pack ? undefined : new Uint8Array(pp.length);
  // Placements level by level (sorted rows visit every level in order): u10 for a positive, u01 for a negative.
  let negBelow = 0, posBelow = 0, l = -1, u10 = 0, u01 = 0;
  for (let i = 0; i < sp.idx.length; i++) {
    const v = sp.idx[i]!, r = v & 0x7fffffff;
    if (isNewLevel(sp, i)) {
      if (l >= 0) { negBelow += tp.neg[l]!; posBelow += tp.pos[l]!; }
      l++;
      u10 = 2 * negBelow + tp.neg[l]!; u01 = 2 * (P - posBelow) - tp.pos[l]!;
    }
    const u = v & 0x80000000 ? u10 : u01;
    if (binSep) { word[r] = u; binSep[r] = binOfP[l]!; } else word[r] = (u + binOfP[l]! * 2 ** 25) >>> 0;
  }
  return binSep ? { tp, word, binSep } : { tp, word };
}

function identity(D: number): Uint8Array {
  return Uint8Array.from({ length: D }, (_, i) => i);
}

/** Level -> equal-mass bin (by rows below the level), so tied rows share a bin. */
function massBins(t: ScoreTable, bins: number): Uint8Array {
  const n = t.P + t.N, out = new Uint8Array(t.value.length);
  let before = 0;
  for (let k = 0; k < out.length; k++) {
    out[k] = Math.min(bins - 1, Math.floor((before * bins) / n));
    before += t.pos[k]! + t.neg[k]!;
  }
  return out;
}
