import type { DeLongStats } from './delong.js';
import type { SortedRows } from './radixOrder.js';

/** Per row (of the arrays given to rankMetrics) the index of its group, -1 for none; G groups. */
export interface GroupCodes { codes: Int32Array; G: number }

/** Rank metrics of one group: as RankMetrics for the whole, without the bootstrap cells. */
export interface GroupRank { auc: [number, number]; prAuc: [number, number]; ks: [number, number]; delong?: DeLongStats }

/**
 * One model's curve statistics per group, accumulated level by level over the whole sort: the rows
 * of a group, taken in the order of the sort of all rows, are that group's own sort, so every
 * group's ROC AUC, average precision, KS and DeLong placements come out of the two sorts of the
 * whole (no sort per group). Same arithmetic as curveStats and the placements of rankMetrics.
 */
class GroupCurves {
  readonly posBelow: Float64Array; readonly negBelow: Float64Array;
  readonly auc: Float64Array; readonly ap: Float64Array; readonly ks: Float64Array;
  /** Counts of the current level per group, and the groups it touches. */
  readonly cp: Float64Array; readonly cn: Float64Array;
  readonly touched: Int32Array;
  t = 0;

  constructor(readonly P: Float64Array, readonly N: Float64Array) {
    const G = P.length, a = () => new Float64Array(G);
    this.posBelow = a(); this.negBelow = a(); this.auc = a(); this.ap = a(); this.ks = a(); this.cp = a(); this.cn = a();
    this.touched = new Int32Array(G);
  }

  /** Counts rows [i, j) of the sort (one level: equal scores) per group; code[k] is sorted row k's group. */
  count(idx: Uint32Array, code: Int32Array, i: number, j: number): void {
    const { cp, cn, touched } = this;
    let t = 0;
    for (let k = i; k < j; k++) {
      const g = code[k]!;
      if (g < 0) continue;
      if (cp[g] === 0 && cn[g] === 0) touched[t++] = g;
      if (idx[k]! & 0x80000000) cp[g]++; else cn[g]++;
    }
    this.t = t;
  }

  /** Adds the counted level to each touched group's curves, after `before(g, pos, neg)` has seen the counts below it. */
  close(before: (g: number, pos: number, neg: number) => void): void {
    const { P, N, posBelow, negBelow, auc, ap, ks, cp, cn, touched } = this;
    for (let k = 0; k < this.t; k++) {
      const g = touched[k]!, pos = cp[g]!, neg = cn[g]!;
      before(g, pos, neg);
      auc[g] += pos * (negBelow[g]! + 0.5 * neg);
      if (pos > 0) { const tp = P[g]! - posBelow[g]!, fp = N[g]! - negBelow[g]!; ap[g] += (pos / P[g]!) * (tp / (tp + fp)); }
      negBelow[g] += neg; posBelow[g] += pos;
      const gap = Math.abs(posBelow[g]! / P[g]! - negBelow[g]! / N[g]!);
      if (gap > ks[g]!) ks[g] = gap;
      cp[g] = 0; cn[g] = 0;
    }
  }

  /** Final AUC, AP and KS of group g (NaN where undefined, as curveStats). */
  result(g: number): { auc: number; ap: number; ks: number } {
    const P = this.P[g]!, N = this.N[g]!, both = P > 0 && N > 0;
    return { auc: both ? this.auc[g]! / (P * N) : NaN, ap: P > 0 ? this.ap[g]! : NaN, ks: both ? this.ks[g]! : NaN };
  }
}

/** Positives and negatives per group among the sorted rows (code: sorted row k's group). */
function groupTotals(idx: Uint32Array, code: Int32Array, G: number): { P: Float64Array; N: Float64Array } {
  const P = new Float64Array(G), N = new Float64Array(G);
  for (let i = 0; i < idx.length; i++) {
    const g = code[i]!;
    if (g < 0) continue;
    if (idx[i]! & 0x80000000) P[g]++; else N[g]++;
  }
  return { P, N };
}

/** Calls each(i, j) for every run [i, j) of equal levels of the sorted rows. */
function forEachLevel(level: Uint32Array, each: (i: number, j: number) => void): void {
  const n = level.length;
  for (let i = 0; i < n;) {
    const l = level[i]!;
    let j = i + 1;
    while (j < n && level[j] === l) j++;
    each(i, j);
    i = j;
  }
}

/** Groups' codes 0 .. PACK_NONE - 1 and placements below 2^25 fit one word: placement * 128 + code. */
const PACK_NONE = 127;

/** What the production pass leaves for the candidate pass. */
export interface GroupProduction {
  groups: GroupCodes;
  P: Float64Array;
  N: Float64Array;
  /** Production's curves per group. */
  curve: { auc: number; ap: number; ks: number }[];
  /**
   * Per row, production's placement within its group as an exact integer (V10 = u / 2N_g, V01 = u / 2P_g);
   * when `packed`, u * 128 + the row's code (PACK_NONE: none), so one payload of the candidate sort carries both.
   */
  u: Uint32Array;
  packed: boolean;
}

/** The payloads the candidate sort must carry for groupCandidatePass. */
export function candidatePayloads(gp: GroupProduction): Uint32Array[] {
  const { codes } = gp.groups;
  return gp.packed ? [gp.u] : [gp.u, new Uint32Array(codes.buffer, codes.byteOffset, codes.length)];
}

/**
 * Production's per-group curves and per-row placements from its sort (carrying the rows' codes as
 * its payload: `codePayload`) and levels.
 */
export function groupProductionPass(s: SortedRows, level: Uint32Array, groups: GroupCodes, rows: number): GroupProduction {
  const { idx } = s;
  const sorted = s.payloads![0]!, code = new Int32Array(sorted.buffer, sorted.byteOffset, sorted.length);
  const { P, N } = groupTotals(idx, code, groups.G);
  let most = 0;
  for (let g = 0; g < groups.G; g++) most = Math.max(most, P[g]!, N[g]!);
  const packed = groups.G < PACK_NONE && 2 * most < 2 ** 25;
  const c = new GroupCurves(P, N);
  const u = new Uint32Array(rows), u10 = new Float64Array(groups.G), u01 = new Float64Array(groups.G);
  forEachLevel(level, (i, j) => {
    c.count(idx, code, i, j);
    c.close((g, pos, neg) => { u10[g] = 2 * c.negBelow[g]! + neg; u01[g] = 2 * (P[g]! - c.posBelow[g]!) - pos; });
    for (let k = i; k < j; k++) {
      const v = idx[k]!, r = v & 0x7fffffff, g = code[k]!;
      const x = g < 0 ? 0 : v & 0x80000000 ? u10[g]! : u01[g]!;
      u[r] = packed ? x * 128 + (g < 0 ? PACK_NONE : g) : x;
    }
  });
  return { groups, P, N, curve: Array.from({ length: groups.G }, (_, g) => c.result(g)), u, packed };
}

/** The codes argument of productionPass's sort: the rows' codes as a payload. */
export function codePayload(groups: GroupCodes): Uint32Array {
  return new Uint32Array(groups.codes.buffer, groups.codes.byteOffset, groups.codes.length);
}

/**
 * The candidate's per-group curves from its sort (carrying candidatePayloads after rankMetrics' own
 * word, from payload index `at`) and levels, and with production's placements the DeLong structural
 * components of each group. The candidate placements are summed shifted by `shift` (the candidate
 * AUC of all rows, near every group's) and centred at the end, since a group's own AUC is only known
 * once its last level is seen.
 */
export function groupCandidatePass(s: SortedRows, level: Uint32Array, prod: GroupProduction, at: number, shift: number): (GroupRank | undefined)[] {
  const { groups: { G }, P, N, packed } = prod;
  const { idx } = s;
  const n = idx.length, word = s.payloads![at]!;
  // Sorted rows' codes and production placements.
  let code: Int32Array, u: Uint32Array;
  if (packed) {
    code = new Int32Array(n); u = new Uint32Array(n);
    for (let k = 0; k < n; k++) { const w = word[k]!, g = w & 127; code[k] = g === PACK_NONE ? -1 : g; u[k] = w >>> 7; }
  } else {
    const c = s.payloads![at + 1]!;
    code = new Int32Array(c.buffer, c.byteOffset, c.length); u = word;
  }
  const c = new GroupCurves(P, N);
  const v10 = new Float64Array(G), v01 = new Float64Array(G);
  const aucP = Float64Array.from(prod.curve, (x) => x.auc);
  // Per group: positives then negatives, each [Σd0², Σe1², Σd0·e1, Σd0, Σe1] (d0 centred, e1 shifted).
  const S = new Float64Array(G * 10);
  forEachLevel(level, (i, j) => {
    c.count(idx, code, i, j);
    c.close((g, pos, neg) => {
      v10[g] = (c.negBelow[g]! + 0.5 * neg) / N[g]!;
      v01[g] = (P[g]! - c.posBelow[g]! - 0.5 * pos) / P[g]!;
    });
    for (let k = i; k < j; k++) {
      const g = code[k]!;
      if (g < 0) continue;
      const pos = (idx[k]! & 0x80000000) !== 0, o = g * 10 + (pos ? 0 : 5);
      const d0 = u[k]! / (pos ? 2 * N[g]! : 2 * P[g]!) - aucP[g]!, e1 = (pos ? v10[g]! : v01[g]!) - shift;
      S[o] += d0 * d0; S[o + 1] += e1 * e1; S[o + 2] += d0 * e1; S[o + 3] += d0; S[o + 4] += e1;
    }
  });
  const v = (x: number, n: number) => (n > 1 ? x / (n - 1) : 0); // as rankMetrics
  return Array.from({ length: G }, (_, g): GroupRank | undefined => {
    const nP = P[g]!, nN = N[g]!;
    if (nP + nN === 0) return undefined;
    const a = prod.curve[g]!, b = c.result(g);
    const out: GroupRank = { auc: [a.auc, b.auc], prAuc: [a.ap, b.ap], ks: [a.ks, b.ks] };
    if (!(nP > 0 && nN > 0)) return out;
    const centred = (o: number, n: number) => ({
      s00: S[o]!, s11: S[o + 1]! - (S[o + 4]! * S[o + 4]!) / n, s01: S[o + 2]! - (S[o + 3]! * S[o + 4]!) / n,
    });
    const p = centred(g * 10, nP), q = centred(g * 10 + 5, nN);
    out.delong = {
      nPos: nP, nNeg: nN, auc: [a.auc, b.auc],
      s10: [[v(p.s00, nP), v(p.s01, nP)], [v(p.s01, nP), v(p.s11, nP)]],
      s01: [[v(q.s00, nN), v(q.s01, nN)], [v(q.s01, nN), v(q.s11, nN)]],
    };
    return out;
  });
}
