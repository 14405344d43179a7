import type { ConfidenceInterval, MetricModel, MetricRecord } from '../../contract/index.js';
import { bootstrapCells } from '../bootstrapCells.js';
import { CellMetrics } from '../cellMetrics.js';
import { delong, delongAucInterval } from '../delong.js';
import { normalQuantile } from '../specialFunctions.js';
import type { GroupStats, RowSums } from './groupStats.js';
import type { SliceMetric } from './sliceMetrics.js';

/** Bootstrap settings for the per-group intervals (B = 0: no bootstrap intervals). */
export interface GroupBootstrap { B: number; seed: number; level: number }

/** Records of one group, and the per-metric records by model for flagging. */
export interface GroupRecords {
  records: MetricRecord[];
  byMetric: Map<string, Partial<Record<MetricModel, MetricRecord>>>;
}

/**
 * The records of `metrics` for one group, with the same conventions and intervals as
 * computeMetrics: ROC AUC with DeLong intervals (per model: Wald clipped to [0, 1]; delta: paired
 * DeLong with p), confusion-matrix rates with the paired multinomial bootstrap over the group's
 * cells (resampling the group's scored rows, seed as given), Brier and log loss with normal (CLT)
 * intervals (delta on the paired per-row difference), PR AUC and KS without interval. Ids are
 * `${prefix}.${metric.short}`; every record carries `group`.
 */
export function groupRecords(g: GroupStats, metrics: readonly SliceMetric[], prefix: string, group: Record<string, string>, boot: GroupBootstrap): GroupRecords {
  const { level } = boot;
  const records: MetricRecord[] = [];
  const byMetric = new Map<string, Partial<Record<MetricModel, MetricRecord>>>();
  const excluded = g.rows - g.scored;
  const exclNote = excluded > 0 ? `${excluded} row(s) without a valid score excluded` : undefined;
  const N = g.lab - g.pos;
  const push = (m: SliceMetric, model: MetricModel, value: number, n: number, note?: string, ci?: ConfidenceInterval, p?: number) => {
    const r: MetricRecord = { id: `${prefix}.${m.short}`, model, group, value: Number.isNaN(value) ? null : value };
    if (ci && Number.isFinite(ci.low) && Number.isFinite(ci.high)) r.ci = ci;
    r.n = n;
    if (p !== undefined && !Number.isNaN(p)) r.p = p;
    if (note) r.note = note;
    records.push(r);
    const e = byMetric.get(m.short) ?? {};
    e[model] = r;
    byMetric.set(m.short, e);
  };

  // Cell metrics share one CellMetrics and one bootstrap.
  const cellKeys = metrics.filter((m) => m.source === 'cells');
  let cellValue: ((id: string, model: MetricModel) => { v: number; n: number; note?: string; ci?: ConfidenceInterval }) | undefined;
  if (cellKeys.length && g.scored > 0) {
    const cm = new CellMetrics(g.cells, ['__g']);
    const counts = g.cells.map((c) => c.n);
    const point = cm.evaluate(counts);
    const iv = boot.B > 0 ? bootstrapCells(cm, counts, boot) : [];
    const method = `bootstrap percentile, paired multinomial over the group's ${g.cells.length} cells, B=${boot.B}, seed=${boot.seed}`;
    cellValue = (id, model) => {
      const k = cm.keys.findIndex((key) => key.id === id && key.model === model);
      const b = iv[k];
      const usable = b && b.used >= Math.max(2, boot.B / 2);
      return {
        v: point.values[k]!, n: point.n[k]!, note: point.notes[k],
        ci: usable ? { low: b.low, high: b.high, level, method: b.dropped ? `${method}; ${b.dropped} replicate(s) where the metric is undefined dropped` : method } : undefined,
      };
    };
  }

  const noLab = g.lab === 0 ? 'no labelled rows with valid scores' : undefined;
  const aucNote = noLab ?? (g.pos === 0 ? 'no positive rows: undefined' : N === 0 ? 'no negative rows: undefined' : undefined);
  for (const m of metrics) {
    if (m.source === 'rank') {
      const r = g.rank;
      const v: [number, number] = m.short === 'roc_auc' ? r?.auc ?? [NaN, NaN] : m.short === 'pr_auc' ? r?.prAuc ?? [NaN, NaN] : r?.ks ?? [NaN, NaN];
      const note = join(m.short === 'pr_auc' ? noLab ?? (g.pos === 0 ? 'no positive rows: undefined' : undefined) : aucNote, exclNote);
      if (m.short === 'roc_auc') {
        const dl = r?.delong && g.pos >= 2 && N >= 2 ? delong(r.delong, level) : undefined;
        const dlNote = r?.delong && !dl ? 'DeLong variance needs at least 2 positives and 2 negatives' : undefined;
        push(m, 'production', v[0], g.lab, join(note, dlNote), dl && ci(delongAucInterval(v[0], dl.variance[0], level), 'delong'));
        push(m, 'candidate', v[1], g.lab, join(note, dlNote), dl && ci(delongAucInterval(v[1], dl.variance[1], level), 'delong'));
        push(m, 'delta', v[1] - v[0], g.lab, join(note, dlNote), dl && ci(dl.ci, 'delong paired (Sun & Xu 2014)'), dl?.p);
      } else {
        push(m, 'production', v[0], g.lab, note);
        push(m, 'candidate', v[1], g.lab, note);
        push(m, 'delta', v[1] - v[0], g.lab, note);
      }
    } else if (m.source === 'mean') {
      const s = m.short === 'brier' ? g.brier : g.logLoss;
      const note = join(noLab, exclNote);
      const models: MetricModel[] = ['production', 'candidate', 'delta'];
      s.forEach((sum, i) => {
        const { mean, half } = cltHalf(sum, g.lab, level);
        push(m, models[i]!, mean, g.lab, note, Number.isFinite(half)
          ? ci({ low: mean - half, high: mean + half, level }, i === 2 ? 'normal (CLT) on the paired per-row difference' : 'normal (CLT) on per-row values') : undefined);
      });
    } else {
      const n = m.over === 'labelled' ? g.lab : g.scored;
      const models: MetricModel[] = m.models === 'both' ? ['both'] : ['production', 'candidate', 'delta'];
      for (const model of models) {
        if (!cellValue) {
          push(m, model, NaN, n, join(g.scored === 0 ? 'no scored rows' : noLab, exclNote));
          continue;
        }
        const c = cellValue(m.id, model);
        push(m, model, c.v, n, join(c.note, exclNote), c.ci);
      }
    }
  }
  return { records, byMetric };
}

/** Mean and CLT half-width of a per-row quantity from its sum and sum of squares. */
function cltHalf(sum: RowSums, n: number, level: number): { mean: number; half: number } {
  if (n === 0) return { mean: NaN, half: NaN };
  const mean = sum.s / n;
  if (n < 2) return { mean, half: NaN };
  const v = Math.max(0, (sum.s2 - (sum.s * sum.s) / n) / (n - 1));
  return { mean, half: normalQuantile(1 - (1 - level) / 2) * Math.sqrt(v / n) };
}

function ci(iv: { low: number; high: number; level: number }, method: string): ConfidenceInterval {
  return { low: iv.low, high: iv.high, level: iv.level, method };
}

function join(...notes: (string | undefined)[]): string | undefined {
  const s = notes.filter(Boolean).join('; ');
  return s || undefined;
}
