import { useState } from 'react';
import type { MetricRecord } from '../../../../core/contract/index.js';
import { MetricLabel } from '../../components/MetricLabel.js';
import { Sparkline } from '../../components/Sparkline.js';
import { fmtCount, fmtNum, fmtP, NA } from '../../format/number.js';

/** One column's drift result, gathered from its records (group {column}). */
export interface DriftColumnRow {
  column: string;
  method: string | null;
  statistic: MetricRecord | undefined;
  rule: string | null;
  drifted: number | null;
  pAdjusted: number | null;
  psi: MetricRecord | undefined;
  n: number | undefined;
  note: string;
  /** PSI per time window (drift.psi_window), windows ascending; empty without a timestamp. */
  windows: { window: string; psi: number | null }[];
}

/** Parses `method=wasserstein_normed (auto); drift at >= 0.1; n_ref=...` into its parts. */
export function parseDriftNote(note: string | undefined): { method: string | null; rule: string | null; rest: string } {
  if (!note) return { method: null, rule: null, rest: '' };
  const parts = note.split(';').map((x) => x.trim()).filter(Boolean);
  const m = parts[0]?.startsWith('method=') ? parts.shift()!.slice('method='.length) : null;
  const rule = parts.length && !/^n_ref|^excluded/.test(parts[0]!) ? parts.shift()! : null;
  return { method: m, rule, rest: parts.join('; ') };
}

/** Columns with a `drift.method_value` record, one row each. */
export function driftColumns(records: MetricRecord[]): DriftColumnRow[] {
  const byCol = new Map<string, MetricRecord[]>();
  for (const r of records) {
    const col = r.id.startsWith('drift.') ? r.group?.column : undefined;
    if (col !== undefined) (byCol.get(col) ?? byCol.set(col, []).get(col)!).push(r);
  }
  const out: DriftColumnRow[] = [];
  for (const [column, recs] of byCol) {
    const stat = recs.find((r) => r.id === 'drift.method_value' && !r.group?.window);
    if (!stat) continue;
    const parsed = parseDriftNote(stat.note);
    out.push({
      column, method: parsed.method, statistic: stat, rule: parsed.rule,
      drifted: recs.find((r) => r.id === 'drift.drifted')?.value ?? null,
      pAdjusted: recs.find((r) => r.id === 'drift.p_adjusted')?.value ?? null,
      psi: recs.find((r) => r.id === 'drift.psi' && !r.group?.window), n: stat.n, note: parsed.rest,
      windows: recs.filter((r) => (r.id === 'drift.psi_window' || r.id === 'drift.psi') && r.group?.window !== undefined)
        .map((r) => ({ window: r.group!.window!, psi: r.value })).sort((a, b) => a.window.localeCompare(b.window)),
    });
  }
  return out;
}

type Key = 'column' | 'statistic' | 'drifted' | 'p' | 'psi';

/**
 * The drift table of the Compare screen: column, method chosen, statistic, rule, drifted, corrected
 * p, PSI and its sparkline over time windows; sortable; a row (click, or Enter) selects its column.
 */
export function DriftTable({ rows, selected, onSelect }: { rows: DriftColumnRow[]; selected?: string | null; onSelect?: (column: string) => void }) {
  const timed = rows.some((r) => r.windows.length > 0);
  const [sort, setSort] = useState<{ key: Key; dir: 1 | -1 }>({ key: 'drifted', dir: -1 });
  const val = (r: DriftColumnRow): number | string => ({ column: r.column, statistic: r.statistic?.value ?? -1, drifted: r.drifted ?? -1, p: r.pAdjusted ?? 2, psi: r.psi?.value ?? -1 })[sort.key];
  const sorted = [...rows].sort((a, b) => {
    const x = val(a), y = val(b);
    return (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))) * sort.dir;
  });
  const head = (key: Key, text: string, num = false) => (
    <th scope="col" className={num ? 'num' : ''} aria-sort={sort.key === key ? (sort.dir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort({ key, dir: sort.key === key ? (-sort.dir as 1 | -1) : 1 })}>{text}{sort.key === key ? (sort.dir === 1 ? ' ▴' : ' ▾') : ''}</button>
    </th>
  );
  return (
    <div className="scroll" style={{ maxHeight: 480 }}>
      <table className="grid" aria-label="Drift by column">
        <thead><tr>{head('column', 'Column')}<th scope="col">Method</th>{head('statistic', 'Statistic', true)}<th scope="col">Rule</th>{head('drifted', 'Drifted')}{head('p', 'Corrected p', true)}{head('psi', 'PSI', true)}{timed && <th scope="col">PSI over time</th>}<th scope="col" className="num">n</th><th scope="col">Note</th></tr></thead>
        <tbody>
          {sorted.map((r) => (
            <tr key={r.column} data-column={r.column} className={onSelect ? 'clickable' : undefined} aria-selected={onSelect ? selected === r.column : undefined}
              tabIndex={onSelect ? 0 : undefined} onClick={() => onSelect?.(r.column)} onKeyDown={(e) => { if (onSelect && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); onSelect(r.column); } }}>
              <th scope="row" className="mono">{r.column}</th>
              <td>{r.method ? <MetricLabel id={`drift.${r.method.replace(/\s*\(auto\)$/, '')}`} label={r.method} record={r.statistic} /> : NA}</td>
              <td className="num">{r.statistic?.value === null || r.statistic === undefined ? <span className="faint">{NA}</span> : fmtNum(r.statistic.value)}</td>
              <td className="soft">{r.rule ?? ''}</td>
              <td>{r.drifted === null ? <span className="faint">not evaluable</span> : r.drifted ? <strong className="warn">▲ yes</strong> : 'no'}</td>
              <td className="num">{r.pAdjusted === null ? NA : fmtP(r.pAdjusted).replace(/^p [=<] /, (m) => (m.includes('<') ? '< ' : ''))}</td>
              <td className="num">{r.psi?.value === null || r.psi === undefined ? NA : <>{fmtNum(r.psi.value)}{r.psi.value >= 0.25 ? ' (act)' : r.psi.value >= 0.1 ? ' (monitor)' : ''}</>}</td>
              {timed && <td>{r.windows.length ? <Sparkline values={r.windows.map((w) => w.psi)} labels={r.windows.map((w) => w.window)} bands={[0.1, 0.25]} label={`PSI of ${r.column} per window`} /> : <span className="faint">{NA}</span>}</td>}
              <td className="num">{r.n !== undefined ? fmtCount(r.n) : NA}</td>
              <td className="soft" style={{ fontSize: 11 }}>{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
