import type { MetricModel } from '../contract/index.js';

/**
 * One cell of the (sensitive groups, y, ŷ_production, ŷ_candidate) contingency table over the
 * scored rows. Every confusion-matrix metric is a function of these cell counts, so a bootstrap
 * resample of rows is a multinomial draw over the cells.
 */
export interface Cell {
  /** One value per sensitive attribute, in `attrs` order; null = missing. */
  groups: (string | null)[];
  y: 0 | 1 | null;
  yp: 0 | 1;
  yc: 0 | 1;
  n: number;
}

/** Identity of one metric value produced from the cells. */
export interface MetricKey {
  id: string;
  model: MetricModel;
  group?: Record<string, string>;
  /** Whether a bootstrap interval makes sense for this value (false for plain counts). */
  ci: boolean;
}

/** Values (NaN = undefined), denominators and notes for every key, in key order. */
export interface CellEvaluation {
  values: Float64Array;
  n: Float64Array;
  notes: (string | undefined)[];
}

/** Label of the NULL group of a sensitive attribute. */
export const MISSING_GROUP = 'missing';

const FOUR_FIFTHS_LOW = 0.8;
const FOUR_FIFTHS_HIGH = 1.25;

export type Emit = (id: string, model: MetricModel, group: Record<string, string> | undefined, value: number, n: number, note?: string, ci?: boolean) => void;

/**
 * Metrics that are functions of a vector of cell counts, emitted key by key by `run` in a fixed
 * order: evaluated once on the observed counts and once per bootstrap replicate (bootstrapCells).
 * A key without `ci: false` gets a bootstrap interval.
 */
export abstract class CountMetrics<K extends { id: string; ci?: boolean }> {
  readonly keys: K[] = [];

  protected abstract run(counts: ArrayLike<number>, emit: Emit): void;

  /** Evaluates all keys on `counts` (one count per cell, in cell order). */
  evaluate(counts: ArrayLike<number>): CellEvaluation {
    const k = this.keys.length;
    const out: CellEvaluation = { values: new Float64Array(k), n: new Float64Array(k), notes: new Array(k) };
    let i = 0;
    this.run(counts, (_id, _m, _g, v, n, note) => {
      out.values[i] = v; out.n[i] = n; out.notes[i] = note; i++;
    });
    return out;
  }

  /** Evaluates values only (bootstrap replicates). */
  values(counts: ArrayLike<number>, into: Float64Array): Float64Array {
    let i = 0;
    this.run(counts, (_id, _m, _g, v) => { into[i++] = v; });
    return into;
  }
}

// Per-group accumulator slots.
const S_N = 0, S_SELP = 1, S_SELC = 2, S_LAB = 3, S_POS = 4, S_TPP = 5, S_TPC = 6, S_FPP = 7, S_FPC = 8, SLOTS = 9;

/**
 * Computes every confusion-matrix metric (outcome accuracy/precision/recall/F1, shadow agreement
 * and flips, fairness group rates, parity differences/ratios and impact ratios) from a vector of
 * cell counts. Used once on the observed counts and once per bootstrap replicate.
 */
export class CellMetrics extends CountMetrics<MetricKey> {
  private readonly labels: string[][];
  private readonly groupIndex: Int32Array[];

  constructor(readonly cells: readonly Cell[], readonly attrs: readonly string[]) {
    super();
    this.labels = attrs.map((_, a) => [...new Set(cells.map((c) => c.groups[a] ?? MISSING_GROUP))].sort());
    this.groupIndex = attrs.map((_, a) => Int32Array.from(cells, (c) => this.labels[a]!.indexOf(c.groups[a] ?? MISSING_GROUP)));
    this.run(cells.map((c) => c.n), (id, model, group, _v, _n, _note, ci = true) => {
      this.keys.push(group ? { id, model, group, ci } : { id, model, ci });
    });
  }

  protected run(counts: ArrayLike<number>, emit: Emit): void {
    const cells = this.cells;
    let scored = 0, agree = 0, f01 = 0, f10 = 0, lab = 0;
    const conf = new Float64Array(8); // tp,fp,fn,tn for production then candidate
    for (let i = 0; i < cells.length; i++) {
      const w = counts[i]!;
      if (w === 0) continue;
      const c = cells[i]!;
      scored += w;
      if (c.yp === c.yc) agree += w; else if (c.yp === 0) f01 += w; else f10 += w;
      if (c.y === null) continue;
      lab += w;
      conf[confSlot(c.y, c.yp)] += w;
      conf[4 + confSlot(c.y, c.yc)] += w;
    }
    this.outcome(conf, lab, emit);
    emit('shadow.agreement_rate', 'both', undefined, ratio(agree, scored), scored, scored ? `${agree} of ${scored} scored rows agree` : 'no scored rows');
    emit('shadow.flip_0_to_1', 'both', undefined, ratio(f01, scored), scored, `${f01} of ${scored} scored rows flip from 0 (production) to 1 (candidate)`);
    emit('shadow.flip_1_to_0', 'both', undefined, ratio(f10, scored), scored, `${f10} of ${scored} scored rows flip from 1 (production) to 0 (candidate)`);
    for (let a = 0; a < this.attrs.length; a++) this.fairness(a, counts, emit);
  }

  private outcome(conf: Float64Array, lab: number, emit: Emit): void {
    const per = (o: number) => {
      const tp = conf[o]!, fp = conf[o + 1]!, fn = conf[o + 2]!, tn = conf[o + 3]!;
      const none = lab === 0 ? 'no labelled rows' : undefined;
      return {
        accuracy: { v: lab ? (tp + tn) / lab : NaN, note: none },
        precision: zeroDiv(tp, tp + fp, none ?? 'no predicted positives: 0 by zero_division=0'),
        recall: zeroDiv(tp, tp + fn, none ?? 'no positive rows: 0 by zero_division=0'),
        f1: zeroDiv(2 * tp, 2 * tp + fp + fn, none ?? 'no positives predicted or present: 0 by zero_division=0'),
      };
    };
    const p = per(0), c = per(4);
    for (const m of ['accuracy', 'precision', 'recall', 'f1'] as const) {
      emitTriple(emit, `outcome.${m}`, undefined, p[m], c[m], lab);
    }
  }

  private fairness(a: number, counts: ArrayLike<number>, emit: Emit): void {
    const attr = this.attrs[a]!, labels = this.labels[a]!, gi = this.groupIndex[a]!;
    const G = labels.length;
    const acc = new Float64Array(G * SLOTS);
    for (let i = 0; i < this.cells.length; i++) {
      const w = counts[i]!;
      if (w === 0) continue;
      const c = this.cells[i]!, o = gi[i]! * SLOTS;
      acc[o + S_N] += w;
      if (c.yp) acc[o + S_SELP] += w;
      if (c.yc) acc[o + S_SELC] += w;
      if (c.y === null) continue;
      acc[o + S_LAB] += w;
      if (c.y === 1) { acc[o + S_POS] += w; if (c.yp) acc[o + S_TPP] += w; if (c.yc) acc[o + S_TPC] += w; } else { if (c.yp) acc[o + S_FPP] += w; if (c.yc) acc[o + S_FPC] += w; }
    }
    const sel: [number[], number[]] = [[], []], tpr: [number[], number[]] = [[], []], fpr: [number[], number[]] = [[], []];
    for (let g = 0; g < G; g++) {
      const o = g * SLOTS, group = { [attr]: labels[g]! };
      const n = acc[o + S_N]!, labN = acc[o + S_LAB]!, pos = acc[o + S_POS]!, neg = labN - pos;
      emit('fairness.count', 'both', group, n, n, undefined, false);
      const empty = n === 0 ? 'group empty in this sample' : undefined;
      const s = (k: number) => ({ v: n ? acc[o + k]! / n : NaN, note: empty });
      const sp = s(S_SELP), sc = s(S_SELC);
      emitTriple(emit, 'fairness.selection_rate', group, sp, sc, n);
      const noLab = labN === 0 ? 'no labelled rows in group' : undefined;
      const t = (k: number) => (noLab ? { v: NaN, note: noLab } : zeroDiv(acc[o + k]!, pos, 'no positive rows in group: 0 (zero_division=0, as Fairlearn)'));
      const f = (k: number) => (noLab ? { v: NaN, note: noLab } : zeroDiv(acc[o + k]!, neg, 'no negative rows in group: 0 (as Fairlearn)'));
      const pr = (tpK: number, fpK: number) => (noLab ? { v: NaN, note: noLab } : zeroDiv(acc[o + tpK]!, acc[o + tpK]! + acc[o + fpK]!, 'no predicted positives in group: 0 by zero_division=0'));
      const tp = t(S_TPP), tc = t(S_TPC), fp = f(S_FPP), fc = f(S_FPC);
      emitTriple(emit, 'fairness.tpr', group, tp, tc, labN);
      emitTriple(emit, 'fairness.fpr', group, fp, fc, labN);
      emitTriple(emit, 'fairness.precision', group, pr(S_TPP, S_FPP), pr(S_TPC, S_FPC), labN);
      sel[0].push(sp.v); sel[1].push(sc.v); tpr[0].push(tp.v); tpr[1].push(tc.v); fpr[0].push(fp.v); fpr[1].push(fc.v);
    }
    const star = { [attr]: '*' };
    const total = sum(acc, S_N, G), totalLab = sum(acc, S_LAB, G);
    const dpd = sel.map((r) => spread(r)), dpr = sel.map((r) => minOverMax(r));
    const eod = [0, 1].map((m) => maxDefined(spread(tpr[m]!), spread(fpr[m]!))), eop = tpr.map((r) => spread(r));
    emitTriple(emit, 'fairness.demographic_parity_difference', star, val(dpd[0]!), val(dpd[1]!), total);
    emitTriple(emit, 'fairness.demographic_parity_ratio', star, ratioNote(dpr[0]!), ratioNote(dpr[1]!), total);
    emitTriple(emit, 'fairness.equalized_odds_difference', star, val(eod[0]!), val(eod[1]!), totalLab);
    emitTriple(emit, 'fairness.equal_opportunity_difference', star, val(eop[0]!), val(eop[1]!), totalLab);
    const maxSel = sel.map((r) => maxOf(r));
    for (let g = 0; g < G; g++) {
      const group = { [attr]: labels[g]! }, n = acc[g * SLOTS + S_N]!;
      const ir = [0, 1].map((m) => impact(sel[m]![g]!, maxSel[m]!));
      emitTriple(emit, 'fairness.impact_ratio', group, ir[0]!, ir[1]!, n);
    }
  }
}

interface V { v: number; note?: string | undefined }

function emitTriple(emit: Emit, id: string, group: Record<string, string> | undefined, p: V, c: V, n: number): void {
  emit(id, 'production', group, p.v, n, p.note);
  emit(id, 'candidate', group, c.v, n, c.note);
  const notes = [p.note && `production: ${p.note}`, c.note && `candidate: ${c.note}`].filter(Boolean).join('; ');
  emit(id, 'delta', group, c.v - p.v, n, notes || undefined);
}

function confSlot(y: 0 | 1, yhat: 0 | 1): number {
  return y === 1 ? (yhat ? 0 : 2) : (yhat ? 1 : 3);
}

function ratio(a: number, b: number): number {
  return b ? a / b : NaN;
}

function zeroDiv(num: number, den: number, note: string): V {
  return den ? { v: num / den } : { v: 0, note };
}

function sum(acc: Float64Array, slot: number, G: number): number {
  let s = 0;
  for (let g = 0; g < G; g++) s += acc[g * SLOTS + slot]!;
  return s;
}

function maxOf(r: number[]): number {
  let m = NaN;
  for (const x of r) if (!Number.isNaN(x) && !(x <= m)) m = x;
  return m;
}

function minOf(r: number[]): number {
  let m = NaN;
  for (const x of r) if (!Number.isNaN(x) && !(x >= m)) m = x;
  return m;
}

/** Max minus min over groups where the rate is defined (Fairlearn "between_groups"). */
function spread(r: number[]): number {
  return maxOf(r) - minOf(r);
}

function minOverMax(r: number[]): number {
  const hi = maxOf(r);
  return hi > 0 ? minOf(r) / hi : NaN;
}

function maxDefined(a: number, b: number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return Math.max(a, b);
}

function val(v: number): V {
  return Number.isNaN(v) ? { v, note: 'no group with a defined rate' } : { v };
}

function ratioNote(v: number): V {
  return Number.isNaN(v) ? { v, note: 'highest selection rate is 0: ratio undefined' } : { v };
}

function impact(rate: number, maxRate: number): V {
  if (Number.isNaN(rate)) return { v: NaN, note: 'group empty in this sample' };
  if (!(maxRate > 0)) return { v: NaN, note: 'highest selection rate is 0: ratio undefined' };
  const v = rate / maxRate;
  return v < FOUR_FIFTHS_LOW || v > FOUR_FIFTHS_HIGH ? { v, note: `outside the four-fifths band [${FOUR_FIFTHS_LOW}, ${FOUR_FIFTHS_HIGH}]` } : { v };
}
