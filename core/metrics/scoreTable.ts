import { keyToDouble, keyToFloat, radixOrder, type SortedRows } from './radixOrder.js';

/**
 * One model's scores collapsed to distinct values, ascending, with the positive and negative
 * counts at each value; everything rank-based (ROC, PR, KS, calibration bins, quantiles) is a pass
 * over this table. For unlabelled rows use `neg` as the row count.
 */
export interface ScoreTable {
  /** Distinct score values, ascending. */
  value: Float64Array;
  /** Counts per distinct value (Uint32Array from tableOfSorted: half the memory of doubles, millions of levels at 10M rows). */
  pos: Uint32Array | Float64Array;
  neg: Uint32Array | Float64Array;
  /** Totals: positives and negatives. */
  P: number;
  N: number;
}

/**
 * The ScoreTable of rows sorted by radixOrder: one pass counts the distinct keys, one fills the
 * table. A sorted row's level (index into the table) is the number of key changes before it: a pass
 * over the sorted rows counts it as it goes (isNewLevel), with no array of levels.
 */
export function tableOfSorted(s: SortedRows): ScoreTable {
  const n = s.idx.length, { hi, lo, idx } = s;
  let D = n > 0 ? 1 : 0;
  for (let i = 1; i < n; i++) if (isNewLevel(s, i)) D++;
  const value = new Float64Array(D), pos = new Uint32Array(D), neg = new Uint32Array(D);
  let P = 0;
  for (let i = 0, d = -1; i < n; i++) {
    if (isNewLevel(s, i)) { d++; value[d] = s.f32 ? keyToFloat(hi[i]!) : keyToDouble(hi[i]!, lo[i]!); }
    if (idx[i]! & 0x80000000) { pos[d]++; P++; } else neg[d]++;
  }
  return { value, pos, neg, P, N: n - P };
}

/** Whether sorted row i starts a level (its key differs from row i - 1's; row 0 always does). */
export function isNewLevel(s: SortedRows, i: number): boolean {
  return i === 0 || s.hi[i] !== s.hi[i - 1] || s.lo[i] !== s.lo[i - 1];
}

/** ScoreTable of `values` over `rows` (labels from `y`, 1 = positive; others count as negatives). */
export function scoreTable(values: Float64Array, rows: Uint32Array, y?: Int8Array): ScoreTable {
  return tableOfSorted(radixOrder(values, rows, y));
}

/** DeLong placements per distinct value: V10 = (negatives below + half the ties) / N, V01 = (positives above + half the ties) / P. */
export function placements(t: ScoreTable): { v10: Float64Array; v01: Float64Array } {
  const D = t.value.length, v10 = new Float64Array(D), v01 = new Float64Array(D);
  let negBelow = 0, posBelow = 0;
  for (let k = 0; k < D; k++) {
    v10[k] = (negBelow + 0.5 * t.neg[k]!) / t.N;
    v01[k] = (t.P - posBelow - 0.5 * t.pos[k]!) / t.P;
    negBelow += t.neg[k]!; posBelow += t.pos[k]!;
  }
  return { v10, v01 };
}
