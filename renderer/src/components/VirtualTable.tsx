import { useEffect, useRef, useState } from 'react';
import type { RowPage } from '../../../core/contract/index.js';
import { columnFormats, formatCell, isNumericType } from './DataTable.js';
import { ROW_HEIGHT, visibleRange } from './visibleRange.js';

/**
 * A virtualised table: only the rows in view (plus overscan) are in the DOM, spacer rows keep the
 * scroll height. `onNeedMore` fires when the view comes within a screen of the last loaded row, so
 * the caller can fetch the next server page. Rows select by click, Enter/Space, and ↑/↓.
 */
export function VirtualTable(props: {
  page: Pick<RowPage, 'columns' | 'rows'>;
  label: string;
  height: number;
  selected?: number | null;
  onSelect?: (index: number) => void;
  onNeedMore?: () => void;
  highlight?: Record<string, 'prod' | 'cand'>;
}) {
  const { columns, rows } = props.page;
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const formats = columnFormats(props.page);
  const { start, end } = visibleRange(scrollTop, props.height, rows.length);
  const { onNeedMore } = props;
  useEffect(() => {
    if (onNeedMore && end >= rows.length - Math.ceil(props.height / ROW_HEIGHT)) onNeedMore();
  }, [end, rows.length, onNeedMore, props.height]);
  useEffect(() => {
    // Keep the selected row in view when it moves with the keyboard.
    const el = ref.current;
    if (!el || props.selected === null || props.selected === undefined) return;
    const top = props.selected * ROW_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + 2 * ROW_HEIGHT > el.scrollTop + el.clientHeight) el.scrollTop = top + 2 * ROW_HEIGHT - el.clientHeight;
  }, [props.selected]);
  const select = (i: number) => props.onSelect?.(Math.max(0, Math.min(rows.length - 1, i)));
  return (
    <div ref={ref} className="scroll virtual" style={{ height: props.height, maxHeight: 'none' }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
      <table className="grid" aria-label={props.label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            {columns.map((c, j) => (
              <th key={j} scope="col" className={[isNumericType(c.type) ? 'num' : '', props.highlight?.[c.name] ?? ''].join(' ')} title={c.type}>{c.name}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {start > 0 && <tr aria-hidden="true" style={{ height: start * ROW_HEIGHT }}><td colSpan={columns.length} style={{ padding: 0, border: 0 }} /></tr>}
          {rows.slice(start, end).map((r, k) => {
            const i = start + k;
            return (
              <tr
                key={i}
                aria-rowindex={i + 2}
                style={{ height: ROW_HEIGHT }}
                className={props.onSelect ? 'clickable' : undefined}
                aria-selected={props.onSelect ? props.selected === i : undefined}
                tabIndex={props.onSelect ? 0 : undefined}
                onClick={props.onSelect ? () => select(i) : undefined}
                onKeyDown={props.onSelect ? (e) => {
                  if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(i); }
                  else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    select(i + (e.key === 'ArrowDown' ? 1 : -1));
                    requestAnimationFrame(() => (ref.current?.querySelector('tr[aria-selected="true"]') as HTMLElement | null)?.focus());
                  }
                } : undefined}
              >
                {columns.map((c, j) => <td key={j} className={isNumericType(c.type) ? 'num' : undefined}>{formatCell(r[j], c.type, formats[j])}</td>)}
              </tr>
            );
          })}
          {end < rows.length && <tr aria-hidden="true" style={{ height: (rows.length - end) * ROW_HEIGHT }}><td colSpan={columns.length} style={{ padding: 0, border: 0 }} /></tr>}
        </tbody>
      </table>
      {rows.length === 0 && <div className="empty" style={{ padding: 10 }}>No rows match.</div>}
    </div>
  );
}
