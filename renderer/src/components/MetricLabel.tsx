import { useId, useRef, useState } from 'react';
import type { MetricRecord } from '../../../core/contract/index.js';
import { fmtCount } from '../format/number.js';
import { definitionOf } from '../metrics/definitions.js';

/** How many rows a record used, e.g. "n = 12,810 of 15,537 rows". */
export function rowsText(rec: MetricRecord | undefined, total?: number): string | null {
  if (!rec || rec.n === undefined) return null;
  return total && total !== rec.n ? `Computed on ${fmtCount(rec.n)} of ${fmtCount(total)} rows.` : `Computed on ${fmtCount(rec.n)} rows.`;
}

/**
 * A metric's name with a tooltip (hover or keyboard focus) giving its definition, convention,
 * CI method and the rows it used.
 */
export function MetricLabel(props: { id: string; label?: string; record?: MetricRecord; total?: number }) {
  const def = definitionOf(props.id);
  const [pos, setPos] = useState<{ x: number; y: number } | null>(null);
  const ref = useRef<HTMLSpanElement>(null);
  const tipId = useId();
  const show = () => {
    const r = ref.current?.getBoundingClientRect();
    if (r) setPos({ x: Math.min(r.left, window.innerWidth - 400), y: r.bottom + 6 });
  };
  const rows = rowsText(props.record, props.total);
  return (
    <>
      <span
        ref={ref}
        className="metric-name"
        tabIndex={0}
        aria-describedby={pos ? tipId : undefined}
        onMouseEnter={show}
        onMouseLeave={() => setPos(null)}
        onFocus={show}
        onBlur={() => setPos(null)}
        onKeyDown={(e) => e.key === 'Escape' && setPos(null)}
      >
        {props.label ?? def.label}
      </span>
      {pos && (
        <span role="tooltip" id={tipId} className="tip" style={{ left: pos.x, top: pos.y }}>
          <div className="t">{def.label} <span className="faint mono">{props.id}</span></div>
          <div>{def.definition}</div>
          {def.convention && <div className="c">{def.convention}</div>}
          {props.record?.ci && <div className="c">{Math.round(props.record.ci.level * 100)}% interval: {props.record.ci.method}.</div>}
          {rows && <div className="c">{rows}</div>}
          {props.record?.note && <div className="c">{props.record.note}</div>}
        </span>
      )}
    </>
  );
}
