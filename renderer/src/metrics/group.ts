/**
 * Turns the flat list of metric records into what the screens draw: one row per (id, group)
 * with the records of each model side by side, families in a stable order, the fairness
 * attributes, and the headline cards. Pure; new metric families simply show up.
 */
import type { MetricModel, MetricRecord } from '../../../core/contract/index.js';
import { definitionOf } from './definitions.js';

/** One metric for one group, with its records by model. */
export interface MetricRow {
  id: string;
  family: string;
  name: string;
  group?: Record<string, string>;
  groupKey: string;
  byModel: Partial<Record<MetricModel, MetricRecord>>;
}

/** `afam=yes` (keys sorted), '' without a group. */
export function groupKey(group?: Record<string, string>): string {
  if (!group) return '';
  return Object.keys(group).sort().map((k) => `${k}=${group[k]}`).join(', ');
}

/** How a group reads in a table: `afam = yes`, `afam (all groups)`, or just the column name for drift. */
export function groupLabel(group?: Record<string, string>): string {
  if (!group) return '';
  return Object.keys(group).sort().map((k) => (k === 'column' ? group[k]! : group[k] === '*' ? `${k} (all groups)` : `${k} = ${group[k]}`)).join(', ');
}

/** `outcome.roc_auc` -> family `outcome`, name `roc_auc`. */
export function splitId(id: string): { family: string; name: string } {
  const i = id.indexOf('.');
  return i < 0 ? { family: 'other', name: id } : { family: id.slice(0, i), name: id.slice(i + 1) };
}

/** Records pivoted to rows, in first-seen order. */
export function pivot(records: MetricRecord[]): MetricRow[] {
  const rows = new Map<string, MetricRow>();
  for (const r of records) {
    const gk = groupKey(r.group);
    const key = `${r.id}|${gk}`;
    let row = rows.get(key);
    if (!row) {
      row = { id: r.id, ...splitId(r.id), group: r.group, groupKey: gk, byModel: {} };
      rows.set(key, row);
    }
    row.byModel[r.model] = r;
  }
  return [...rows.values()];
}

const FAMILY_ORDER = ['data', 'outcome', 'regression', 'multiclass', 'calibration', 'shadow', 'fairness', 'drift', 'latency'];

/** Rows by family, known families first in the order of the Compare screen, then the rest alphabetically. */
export function byFamily(rows: MetricRow[]): [string, MetricRow[]][] {
  const map = new Map<string, MetricRow[]>();
  for (const r of rows) (map.get(r.family) ?? map.set(r.family, []).get(r.family)!).push(r);
  const rank = (f: string) => (FAMILY_ORDER.includes(f) ? FAMILY_ORDER.indexOf(f) : FAMILY_ORDER.length);
  return [...map.entries()].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A per-group fairness value of one metric: production and candidate records. */
export interface FairnessPoint {
  group: string;
  production?: MetricRecord;
  candidate?: MetricRecord;
}

/** One sensitive attribute: its groups and the per-group metrics (selection_rate, tpr, fpr, ...). */
export interface FairnessAttribute {
  attribute: string;
  groups: string[];
  metrics: { name: string; points: FairnessPoint[] }[];
  /** Summary rows of this attribute (group value '*'), e.g. parity differences and ratios. */
  summary: MetricRow[];
}

/** Fairness records by attribute: per-group metrics for charts and '*' summaries for the table. */
export function fairnessAttributes(records: MetricRecord[]): FairnessAttribute[] {
  const attrs = new Map<string, FairnessAttribute>();
  const get = (a: string) => attrs.get(a) ?? attrs.set(a, { attribute: a, groups: [], metrics: [], summary: [] }).get(a)!;
  for (const row of pivot(records.filter((r) => r.id.startsWith('fairness.')))) {
    const keys = Object.keys(row.group ?? {});
    if (keys.length !== 1) continue;
    const attribute = keys[0]!;
    const value = row.group![attribute]!;
    const fa = get(attribute);
    if (value === '*') {
      fa.summary.push(row);
      continue;
    }
    if (!fa.groups.includes(value)) fa.groups.push(value);
    let metric = fa.metrics.find((m) => m.name === row.name);
    if (!metric) fa.metrics.push((metric = { name: row.name, points: [] }));
    metric.points.push({ group: value, production: row.byModel.production, candidate: row.byModel.candidate });
  }
  return [...attrs.values()];
}

/**
 * Each group's selection rate divided by the highest group's (the four-fifths check), per model;
 * flagged when outside [0.8, 1.25].
 */
export function fourFifths(points: FairnessPoint[]): { group: string; production: number | null; candidate: number | null }[] {
  const ratio = (pick: (p: FairnessPoint) => number | null | undefined) => {
    const vals = points.map(pick);
    const max = Math.max(...vals.filter((v): v is number => typeof v === 'number'));
    return vals.map((v) => (typeof v === 'number' && max > 0 ? v / max : null));
  };
  const p = ratio((x) => x.production?.value);
  const c = ratio((x) => x.candidate?.value);
  return points.map((x, i) => ({ group: x.group, production: p[i] ?? null, candidate: c[i] ?? null }));
}

/** Whether a change is better, worse or within noise, from the metric's direction and the delta's CI. */
export type Verdict = 'better' | 'worse' | 'same' | 'unknown';

/** Judges a row's candidate-vs-production change. Ratios judge against 1 (latency ratio 1.3 = worse). */
export function judge(row: MetricRow): Verdict {
  const dir = definitionOf(row.id).direction;
  if (dir === 'none') return 'unknown';
  const delta = row.byModel.delta;
  const ratio = row.byModel.ratio;
  const p = row.byModel.production?.value;
  const c = row.byModel.candidate?.value;
  let change: number | null = null;
  let ci: { low: number; high: number } | undefined;
  if (delta && typeof delta.value === 'number') {
    change = delta.value;
    ci = delta.ci;
  } else if (ratio && typeof ratio.value === 'number') {
    change = ratio.value - 1;
    ci = ratio.ci ? { low: ratio.ci.low - 1, high: ratio.ci.high - 1 } : undefined;
  } else if (typeof p === 'number' && typeof c === 'number') {
    change = c - p;
  }
  if (change === null) return 'unknown';
  if (ci && ci.low <= 0 && ci.high >= 0) return 'same';
  if (change === 0) return 'same';
  if (dir === 'one' && typeof p === 'number' && typeof c === 'number') return Math.abs(c - 1) < Math.abs(p - 1) ? 'better' : 'worse';
  return (dir === 'higher') === change > 0 ? 'better' : 'worse';
}

/** A headline card: a title and the row behind it. */
export interface Headline {
  key: string;
  title: string;
  subtitle?: string;
  row: MetricRow;
}

/**
 * The strip of headline cards: ROC AUC and accuracy (binary), MAE and R² (regression), accuracy and
 * macro F1 (multiclass), largest fairness gap, share of drifted columns, p99 latency (those present).
 */
export function headlines(records: MetricRecord[]): Headline[] {
  const rows = pivot(records);
  const find = (id: string) => rows.find((r) => r.id === id && !r.group);
  const out: Headline[] = [];
  const auc = find('outcome.roc_auc');
  if (auc) out.push({ key: 'auc', title: 'ROC AUC', row: auc });
  const acc = find('outcome.accuracy') ?? rows.find((r) => r.family === 'outcome' && !r.group && r.id !== 'outcome.roc_auc');
  if (acc) out.push({ key: 'primary', title: definitionOf(acc.id).label, row: acc });
  for (const [id, title] of [['regression.mae', 'MAE'], ['regression.r2', 'R²'], ['multiclass.accuracy', 'Accuracy'], ['multiclass.macro_f1', 'Macro F1']] as const) {
    const row = find(id);
    if (row) out.push({ key: id.replace('.', '-'), title, row });
  }
  const gaps = rows.filter((r) => r.family === 'fairness' && /_difference$/.test(r.name) && (!r.group || Object.values(r.group)[0] === '*'));
  const size = (r: MetricRow) => Math.max(Math.abs(r.byModel.production?.value ?? 0), Math.abs(r.byModel.candidate?.value ?? 0));
  const gap = gaps.sort((a, b) => size(b) - size(a))[0];
  if (gap) out.push({ key: 'fairness', title: 'Largest fairness gap', subtitle: `${definitionOf(gap.id).label}${gap.group ? ' · ' + Object.keys(gap.group)[0] : ''}`, row: gap });
  const drift = rows.find((r) => r.family === 'drift' && !r.group && /share/.test(r.name));
  if (drift) out.push({ key: 'drift', title: 'Drifted columns', subtitle: 'share, after correction', row: drift });
  const p99 = find('latency.p99');
  if (p99) out.push({ key: 'latency', title: 'p99 latency', row: p99 });
  return out;
}
