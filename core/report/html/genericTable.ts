import type { MetricRecord } from '../../contract/index.js';
import { esc } from './escape.js';
import { deltaMark, table } from './fragments.js';
import { int, pValue, withCi } from './format.js';
import { metricName, metricTitle, higherIsBetter } from './metricInfo.js';
import { groupKey, groupText } from './renderContext.js';

const COLS = ['production', 'candidate', 'delta', 'ratio', 'both', 'noise'] as const;

function cell(r: MetricRecord | undefined, signed: boolean): string {
  if (!r) return '';
  const unit = r.unit && r.unit !== 'ratio' && r.unit !== 'flag' ? ` ${esc(r.unit)}` : '';
  const v = withCi(r.value, r.ci, signed) + unit;
  const note = r.note ? ` title="${esc(r.note)}"` : '';
  return `<span class="num"${note}>${esc(v)}</span>${r.p !== undefined && r.id !== 'shadow.mcnemar_p' ? `<br><span class="p">${esc(pValue(r.p))}</span>` : ''}`;
}

/**
 * Any family of records as a table: one row per (id, group), one column per model present. Used for
 * families without a dedicated renderer, so new metric ids appear without code changes.
 */
export function genericMetricTable(records: MetricRecord[], opts: { withDirection?: boolean } = {}): string {
  const rows = new Map<string, MetricRecord[]>();
  for (const r of records) {
    const k = r.id + '|' + groupKey(r.group);
    if (!rows.has(k)) rows.set(k, []);
    rows.get(k)!.push(r);
  }
  const present = COLS.filter((c) => records.some((r) => r.model === c));
  const hasGroups = records.some((r) => r.group);
  const head = ['Metric', ...(hasGroups ? ['Group'] : []), ...present.map((c) => c[0].toUpperCase() + c.slice(1)), 'n', ...(opts.withDirection ? ['Change'] : [])];
  const body = [...rows.values()].map((rs) => {
    const r0 = rs[0];
    const by = (m: string) => rs.find((r) => r.model === m);
    const d = by('delta');
    return [
      `<span title="${esc(metricTitle(r0.id))}">${esc(metricName(r0.id))}</span><br><code class="id">${esc(r0.id)}</code>`,
      ...(hasGroups ? [esc(groupText(r0.group))] : []),
      ...present.map((c) => cell(by(c), c === 'delta')),
      esc(nOf(rs)),
      ...(opts.withDirection ? [d ? deltaMark(d.value, d.ci?.low, d.ci?.high, higherIsBetter(r0.id)) : ''] : []),
    ];
  });
  return table(head, body, 'metrics');
}

function nOf(rs: MetricRecord[]): string {
  const ns = rs.map((r) => r.n).filter((x): x is number => typeof x === 'number');
  return ns.length ? int(Math.max(...ns)) : '–';
}
