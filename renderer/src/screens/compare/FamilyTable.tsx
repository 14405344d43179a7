import { useState } from 'react';
import type { MetricModel } from '../../../../core/contract/index.js';
import { Judge } from '../../components/Delta.js';
import { MetricLabel } from '../../components/MetricLabel.js';
import { fmtCount, fmtInterval, fmtP, NA } from '../../format/number.js';
import { groupLabel, judge, type MetricRow } from '../../metrics/group.js';
import { rowDecimals, ValueCell } from './cells.js';

const MODEL_ORDER: MetricModel[] = ['production', 'candidate', 'delta', 'ratio', 'both', 'noise'];
const MODEL_HEAD: Record<MetricModel, string> = { production: 'Production', candidate: 'Candidate', delta: 'Δ cand − prod', ratio: 'Ratio cand / prod', both: 'Value', noise: 'Noise floor' };

type SortKey = 'metric' | 'group' | MetricModel;

/**
 * Any family of metrics as a sortable table: one column per model kind present, the group
 * (attribute or column), p, n and note. New metric families render here without code changes.
 */
export function FamilyTable({ rows, label, total }: { rows: MetricRow[]; label: string; total?: number }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: 1 | -1 } | null>(null);
  const models = MODEL_ORDER.filter((m) => rows.some((r) => r.byModel[m]));
  const hasGroup = rows.some((r) => r.groupKey);
  const hasP = rows.some((r) => Object.values(r.byModel).some((x) => x?.p !== undefined));
  const hasNote = rows.some((r) => Object.values(r.byModel).some((x) => x?.note));
  const sorted = sort ? [...rows].sort((a, b) => {
    const val = (r: MetricRow): string | number => sort.key === 'metric' ? r.id : sort.key === 'group' ? r.groupKey : r.byModel[sort.key]?.value ?? -Infinity;
    const va = val(a), vb = val(b);
    return (typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb))) * sort.dir;
  }) : rows;
  const head = (key: SortKey, text: string, cls = '') => (
    <th scope="col" className={cls} aria-sort={sort?.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort({ key, dir: sort?.key === key && sort.dir === 1 ? -1 : 1 })}>
        {text}{sort?.key === key ? (sort.dir === 1 ? ' ▴' : ' ▾') : ''}
      </button>
    </th>
  );
  return (
    <div className="scroll" style={{ maxHeight: 480 }}>
      <table className="grid" aria-label={label}>
        <thead>
          <tr>
            {head('metric', 'Metric')}
            {hasGroup && head('group', 'Group / column')}
            {models.map((m) => head(m, MODEL_HEAD[m], `num ${m === 'production' ? 'prod' : m === 'candidate' ? 'cand' : ''}`))}
            {(models.includes('delta') || models.includes('ratio')) && <th scope="col">Change</th>}
            {hasP && <th scope="col" className="num">Test</th>}
            <th scope="col" className="num">n</th>
            {hasNote && <th scope="col">Note</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const d = rowDecimals(row);
            const recs = Object.values(row.byModel);
            const p = recs.find((x) => x?.p !== undefined)?.p;
            const n = recs.find((x) => x?.n !== undefined)?.n;
            const note = [...new Set(recs.map((x) => x?.note).filter(Boolean))].join('; ');
            return (
              <tr key={row.id + '|' + row.groupKey} data-metric={row.id}>
                <th scope="row" style={{ fontWeight: 400 }}><MetricLabel id={row.id} record={row.byModel.candidate ?? row.byModel.both ?? recs[0]} total={total} /></th>
                {hasGroup && <td>{groupLabel(row.group) || <span className="faint">all</span>}</td>}
                {models.map((m) => (
                  <td key={m} className="num">
                    {m === 'delta' && row.byModel.delta ? fmtInterval(row.byModel.delta.value, row.byModel.delta.ci, { decimals: d, signed: true }) + (row.byModel.delta.unit ? ` ${row.byModel.delta.unit}` : '')
                      : m === 'ratio' && row.byModel.ratio ? fmtInterval(row.byModel.ratio.value, row.byModel.ratio.ci, { decimals: 3 })
                        : <ValueCell rec={row.byModel[m]} decimals={m === 'noise' ? undefined : d} />}
                  </td>
                ))}
                {(models.includes('delta') || models.includes('ratio')) && <td><Judge verdict={judge(row)} /></td>}
                {hasP && <td className="num">{p !== undefined ? fmtP(p) : NA}</td>}
                <td className="num">{n !== undefined ? fmtCount(n) : NA}</td>
                {hasNote && <td className="soft note">{note}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
