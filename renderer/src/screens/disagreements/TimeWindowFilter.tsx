import { useEffect, useState } from 'react';
import type { MetricRecord } from '../../../../core/contract/index.js';
import { runWindows, type TimeWindow } from './runWindows.js';

export type { TimeWindow };

/** Time filter of the disagreements: the run's windows in a list, or any dates. */
export function TimeWindowFilter(props: { column: string; metrics: MetricRecord[] | null; value: TimeWindow | null; onChange: (w: TimeWindow | null) => void }) {
  const windows = runWindows(props.metrics);
  const v = props.value;
  const key = v ? `${v.from}|${v.to}` : '';
  const [draft, setDraft] = useState<TimeWindow>(v ?? { from: '', to: '' });
  useEffect(() => { if (v) setDraft(v); }, [v]);
  const set = (from: string, to: string) => {
    setDraft({ from, to });
    if (from && to && from < to) props.onChange({ from, to });
    else if (!from && !to) props.onChange(null);
  };
  return (
    <span className="row" style={{ gap: 6 }} role="group" aria-label={`Time window on ${props.column}`}>
      <label className="row">Time <select aria-label="Time window" value={windows.some((w) => `${w.from}|${w.to}` === key) ? key : v ? 'custom' : ''} onChange={(e) => {
        const w = windows.find((x) => `${x.from}|${x.to}` === e.target.value);
        props.onChange(w ?? null);
        if (!w) setDraft({ from: '', to: '' });
      }}>
        <option value="">all time</option>
        {windows.map((w) => <option key={w.from} value={`${w.from}|${w.to}`}>{w.from} to {w.to}</option>)}
        {v && !windows.some((w) => `${w.from}|${w.to}` === key) && <option value="custom">custom</option>}
      </select></label>
      <input type="date" aria-label="From (inclusive)" value={draft.from} onChange={(e) => set(e.target.value, draft.to)} style={{ width: 130 }} />
      <span className="faint">to</span>
      <input type="date" aria-label="To (exclusive)" value={draft.to} onChange={(e) => set(draft.from, e.target.value)} style={{ width: 130 }} />
    </span>
  );
}
