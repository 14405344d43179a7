import type { MetricRecord } from '../../../core/contract/index.js';
import { fmtInterval, fmtP } from '../format/number.js';
import type { Verdict } from '../metrics/group.js';

const JUDGE: Record<Verdict, { text: string; arrow: string } | null> = {
  better: { text: 'better', arrow: '▲' },
  worse: { text: 'worse', arrow: '▼' },
  same: { text: 'no clear change', arrow: '=' },
  unknown: null,
};

/** A judgement badge: arrow + word + colour (never colour alone). ▲ better, ▼ worse, = within the interval. */
export function Judge({ verdict }: { verdict: Verdict }) {
  const j = JUDGE[verdict];
  if (!j) return null;
  return <span className={`judge ${verdict}`} title={verdict === 'same' ? 'The interval of the change includes zero.' : undefined}>{j.arrow} {j.text}</span>;
}

/** A signed delta with its interval and p-value: `+0.0224 [0.0098, 0.0343] p = 0.0071`. */
export function DeltaText({ rec, decimals, withP = true }: { rec: MetricRecord | undefined; decimals?: number; withP?: boolean }) {
  if (!rec || rec.value === null) return <span className="faint">{rec?.note ?? '—'}</span>;
  return (
    <span className="delta">
      {fmtInterval(rec.value, rec.ci, { signed: true, ...(decimals !== undefined ? { decimals } : {}) })}
      {withP && rec.p !== undefined && <span className="soft"> · {fmtP(rec.p)}</span>}
    </span>
  );
}
