import type { MetricModel } from '../../contract/index.js';
import { CountMetrics, type Emit } from '../cellMetrics.js';

/** One cell of the (y, ŷ_production, ŷ_candidate) table over the scored rows; y null = unlabelled. */
export interface MulticlassCell {
  y: number | null;
  cp: number;
  cc: number;
  n: number;
}

/** Identity of one value computed from the cells. */
export interface MulticlassKey {
  id: string;
  model: MetricModel;
  group?: Record<string, string>;
}

/**
 * Every multiclass confusion-matrix metric as a function of the cell counts, so that a bootstrap
 * resample of rows is one multinomial draw over the cells: accuracy, macro and micro F1, and per
 * class recall, precision and F1 (each production, candidate, delta), and the agreement rate.
 * Conventions of sklearn (`zero_division=0`): a per-class ratio with a zero denominator is 0 with a
 * note; macro F1 averages over the classes present in the labels or that model's predictions (the
 * labelled rows), as `f1_score(average="macro")` without `labels`; micro F1 = accuracy for
 * single-label data. Accuracy, F1s, recall and precision use the labelled rows; agreement every
 * scored row.
 */
export class MulticlassCells extends CountMetrics<MulticlassKey> {
  private readonly conf: Float64Array;

  constructor(readonly cells: readonly MulticlassCell[], readonly classes: readonly string[]) {
    super();
    const C = classes.length;
    this.conf = new Float64Array(2 * C * C);
    this.run(cells.map((c) => c.n), (id, model, group) => { this.keys.push(group ? { id, model, group } : { id, model }); });
  }

  protected run(counts: ArrayLike<number>, emit: Emit): void {
    const C = this.classes.length, conf = this.conf;
    conf.fill(0);
    let scored = 0, agree = 0, lab = 0;
    for (let i = 0; i < this.cells.length; i++) {
      const w = counts[i]!;
      if (w === 0) continue;
      const c = this.cells[i]!;
      scored += w;
      if (c.cp === c.cc) agree += w;
      if (c.y === null) continue;
      lab += w;
      conf[c.y * C + c.cp] += w;
      conf[C * C + c.y * C + c.cc] += w;
    }
    const none = lab === 0 ? 'no labelled rows' : undefined;
    const per = [0, 1].map((m) => perModel(conf, m * C * C, C, lab));
    const triple = (id: string, group: Record<string, string> | undefined, p: V, c: V) => {
      emit(id, 'production', group, p.v, lab, p.note ?? none);
      emit(id, 'candidate', group, c.v, lab, c.note ?? none);
      const notes = [p.note && `production: ${p.note}`, c.note && `candidate: ${c.note}`].filter(Boolean).join('; ');
      emit(id, 'delta', group, c.v - p.v, lab, notes || none);
    };
    triple('multiclass.accuracy', undefined, per[0]!.accuracy, per[1]!.accuracy);
    triple('multiclass.macro_f1', undefined, per[0]!.macroF1, per[1]!.macroF1);
    triple('multiclass.micro_f1', undefined, per[0]!.accuracy, per[1]!.accuracy);
    for (const m of ['recall', 'precision', 'f1'] as const) {
      for (let k = 0; k < C; k++) triple(`multiclass.${m}`, { class: this.classes[k]! }, per[0]![m][k]!, per[1]![m][k]!);
    }
    emit('shadow.agreement_rate', 'both', undefined, scored ? agree / scored : NaN, scored, scored ? `${agree} of ${scored} scored rows get the same class` : 'no scored rows');
  }
}

interface V { v: number; note?: string }

function perModel(conf: Float64Array, o: number, C: number, lab: number): { accuracy: V; macroF1: V; recall: V[]; precision: V[]; f1: V[] } {
  if (lab === 0) {
    const nan = Array.from({ length: C }, () => ({ v: NaN }));
    return { accuracy: { v: NaN }, macroF1: { v: NaN }, recall: nan, precision: nan, f1: nan };
  }
  let correct = 0, f1Sum = 0, present = 0;
  const recall: V[] = [], precision: V[] = [], f1: V[] = [];
  for (let k = 0; k < C; k++) {
    let tru = 0, pred = 0;
    for (let j = 0; j < C; j++) { tru += conf[o + k * C + j]!; pred += conf[o + j * C + k]!; }
    const tp = conf[o + k * C + k]!;
    correct += tp;
    recall.push(tru ? { v: tp / tru } : { v: 0, note: 'no labelled rows of this class: 0 by zero_division=0' });
    precision.push(pred ? { v: tp / pred } : { v: 0, note: 'class never predicted: 0 by zero_division=0' });
    const f = tru + pred ? { v: (2 * tp) / (tru + pred) } : { v: 0, note: 'class neither present nor predicted: 0 by zero_division=0' };
    f1.push(f);
    if (tru + pred > 0) { f1Sum += f.v; present++; }
  }
  const macroF1: V = present < C ? { v: f1Sum / present, note: `macro average over the ${present} of ${C} classes present in the labels or predictions (sklearn)` } : { v: f1Sum / present };
  return { accuracy: { v: correct / lab }, macroF1, recall, precision, f1 };
}
