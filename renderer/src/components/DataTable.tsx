import type { RowPage } from '../../../core/contract/index.js';
import { decimalsFor, fmtCount, fmtNum, fmtSigned, NA } from '../format/number.js';

const INT = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|U\w*INT)/i;
const FLOAT = /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC)/i;

/**
 * One cell formatted by its DuckDB type: floats with `decimals` (default: 4 significant digits),
 * signed when the column is a difference (`*delta*`), integers with separators.
 */
export function formatCell(v: unknown, type: string, opts: { decimals?: number; signed?: boolean } = {}): string {
  if (v === null || v === undefined) return NA;
  if (typeof v === 'number' || typeof v === 'bigint') {
    const n = Number(v);
    if (INT.test(type)) return fmtCount(n);
    if (FLOAT.test(type)) {
      const o = opts.decimals !== undefined ? { decimals: opts.decimals } : {};
      return opts.signed ? fmtSigned(n, o) : fmtNum(n, o);
    }
    return String(v);
  }
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** Per float column of a page: one number of decimals (4 significant digits of its largest value) so decimals line up. */
export function columnFormats(page: Pick<RowPage, 'columns' | 'rows'>): { decimals?: number; signed?: boolean }[] {
  return page.columns.map((c, j) => {
    if (!FLOAT.test(c.type)) return {};
    let max = 0;
    for (const r of page.rows) {
      const v = r[j];
      if (typeof v === 'number' && Number.isFinite(v)) max = Math.max(max, Math.abs(v));
    }
    return { decimals: max === 0 ? 4 : Math.min(6, decimalsFor(max)), signed: /delta|diff/i.test(c.name) };
  });
}

export function isNumericType(type: string): boolean {
  return INT.test(type) || FLOAT.test(type);
}

/** A page of rows; rows are selectable by click or keyboard (Enter/Space) when onSelect is given. */
export function DataTable(props: {
  page: Pick<RowPage, 'columns' | 'rows'>;
  label: string;
  selected?: number | null;
  onSelect?: (index: number) => void;
  maxHeight?: number;
  highlight?: Record<string, 'prod' | 'cand'>;
}) {
  const { columns, rows } = props.page;
  const formats = columnFormats(props.page);
  return (
    <div className="scroll" style={props.maxHeight ? { maxHeight: props.maxHeight } : undefined}>
      <table className="grid" aria-label={props.label}>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.name} scope="col" className={[isNumericType(c.type) ? 'num' : '', props.highlight?.[c.name] ?? ''].join(' ')} title={c.type}>
                {c.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={i}
              className={props.onSelect ? 'clickable' : undefined}
              aria-selected={props.onSelect ? props.selected === i : undefined}
              tabIndex={props.onSelect ? 0 : undefined}
              onClick={props.onSelect ? () => props.onSelect!(i) : undefined}
              onKeyDown={props.onSelect ? (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); props.onSelect!(i); } } : undefined}
            >
              {columns.map((c, j) => (
                <td key={c.name} className={isNumericType(c.type) ? 'num' : undefined}>{formatCell(r[j], c.type, formats[j])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && <div className="empty" style={{ padding: 10 }}>No rows.</div>}
    </div>
  );
}

/** Previous / next for server-side pages, with "rows 1-100 of 2,380". */
export function Pager(props: { offset: number; count: number; total: number | null; pageSize: number; onPage: (offset: number) => void; label: string }) {
  const { offset, count, total, pageSize } = props;
  const end = offset + count;
  return (
    <nav className="pager" aria-label={props.label}>
      <button type="button" className="btn" disabled={offset === 0} onClick={() => props.onPage(Math.max(0, offset - pageSize))}>← Previous</button>
      <span>{count === 0 ? 'No rows' : `Rows ${fmtCount(offset + 1)}–${fmtCount(end)}${total !== null ? ` of ${fmtCount(total)}` : ''}`}</span>
      <button type="button" className="btn" disabled={total !== null ? end >= total : count < pageSize} onClick={() => props.onPage(offset + pageSize)}>Next →</button>
    </nav>
  );
}
