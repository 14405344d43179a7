import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import type { DisagreementQuery, ErrorInfo, RowPage } from '../../../core/contract/index.js';
import { WorkbenchError } from '../../../core/contract/index.js';
import { columnFormats, formatCell } from '../components/DataTable.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { VirtualTable } from '../components/VirtualTable.js';
import { fmtCount } from '../format/number.js';
import { useAppState, useWorkbench } from '../state/hooks.js';
import { SqlBox } from './disagreements/SqlBox.js';
import { TimeWindowFilter, type TimeWindow } from './disagreements/TimeWindowFilter.js';

/** Rows fetched per server page as the table scrolls. */
const PAGE = 200;

function toInfo(e: unknown): ErrorInfo {
  return WorkbenchError.is(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: String(e) };
}

/** Disagreements: the rows where the models differ most, in a virtualised table paged from the server as it scrolls; group and time-window filters; row detail; read-only SQL. */
export function DisagreementsScreen() {
  const wb = useWorkbench();
  const run = useAppState((s) => s.run);
  const metrics = useAppState((s) => s.metrics);
  const [order, setOrder] = useState<'score' | 'flip'>('score');
  const [attr, setAttr] = useState('');
  const [value, setValue] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [window, setWindow] = useState<TimeWindow | null>(null);
  const [page, setPage] = useState<RowPage | null>(null);
  const [complete, setComplete] = useState(false);
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const loading = useRef<number | null>(null);
  const generation = useRef(0);
  const sensitive = run?.map.sensitive ?? [];
  const done = run?.status === 'done';

  const query = useCallback((offset: number): DisagreementQuery | null => (run ? {
    runId: run.id, limit: PAGE, offset, order, ...(attr && value ? { group: { column: attr, value } } : {}), ...(window ? { window } : {}),
  } : null), [run, order, attr, value, window]);

  // A new filter: start again from the first page.
  useEffect(() => {
    const q = query(0);
    if (!q || !done) return;
    const gen = ++generation.current;
    loading.current = 0;
    setBusy(true);
    setError(null);
    setSelected(null);
    wb.client.getDisagreements(q)
      .then((p) => { if (gen === generation.current) { setPage(p); setComplete(p.rows.length < PAGE || (p.total !== null && p.rows.length >= p.total)); } })
      .catch((e: unknown) => { if (gen === generation.current) { setError(toInfo(e)); setPage(null); } })
      .finally(() => { if (gen === generation.current) { loading.current = null; setBusy(false); } });
  }, [wb, query, done]);

  // Scrolled near the end: fetch the next server page and append it.
  const more = useCallback(() => {
    if (!page || complete || loading.current !== null) return;
    const q = query(page.rows.length);
    if (!q) return;
    const gen = generation.current;
    loading.current = page.rows.length;
    setBusy(true);
    wb.client.getDisagreements(q)
      .then((p) => {
        if (gen !== generation.current) return;
        setPage((prev) => (prev ? { ...prev, rows: [...prev.rows, ...p.rows], total: p.total } : p));
        if (p.rows.length < PAGE) setComplete(true);
      })
      .catch((e: unknown) => { if (gen === generation.current) setError(toInfo(e)); })
      .finally(() => { if (gen === generation.current) { loading.current = null; setBusy(false); } });
  }, [wb, page, complete, query]);

  useEffect(() => {
    setValue('');
    setValues([]);
    if (!attr || !run) return;
    const col = `"${attr.replaceAll('"', '""')}"`;
    const table = `"${run.datasetId.replaceAll('"', '""')}"`;
    wb.client.query({ sql: `SELECT DISTINCT ${col} FROM ${table} ORDER BY 1`, limit: 200 })
      .then((r) => setValues(r.rows.map((x) => String(x[0] ?? 'missing'))))
      .catch((e: unknown) => setError(toInfo(e)));
  }, [wb, attr, run]);

  if (!done) {
    return (<><h1>Disagreements</h1><p className="empty">Finish a run first (Ctrl+3); the rows where the models disagree most appear here.</p><SqlBox /></>);
  }
  const row = page && selected !== null ? page.rows[selected] : null;
  const count = page?.rows.length ?? 0;
  const status = !page ? '' : complete ? `${fmtCount(count)} row(s)` : `${fmtCount(count)} loaded${page.total !== null ? ` of ${fmtCount(page.total)}` : ''}, more as you scroll`;
  return (
    <>
      <h1>Disagreements</h1>
      <p className="lede">Rows ordered by how much the two models disagree. Scroll to load more from the workspace; select a row for all its values.</p>
      <Panel id="disagreements" title="Rows where the models differ most" aside={status}>
        <div className="row" style={{ marginBottom: 8, gap: 14, flexWrap: 'wrap' }}>
          <label className="row">Order <select value={order} onChange={(e) => setOrder(e.target.value as 'score' | 'flip')} aria-label="Order">
            <option value="score">largest |score difference|</option>
            <option value="flip">label flips only</option>
          </select></label>
          <label className="row">Group <select value={attr} onChange={(e) => setAttr(e.target.value)} aria-label="Group attribute">
            <option value="">all rows</option>
            {sensitive.map((s) => <option key={s} value={s}>{s}</option>)}
          </select></label>
          {attr && <label className="row">= <select value={value} onChange={(e) => setValue(e.target.value)} aria-label="Group value">
            <option value="">any</option>
            {values.map((v) => <option key={v} value={v}>{v}</option>)}
          </select></label>}
          {run?.map.timestamp && <TimeWindowFilter column={run.map.timestamp} metrics={metrics} value={window} onChange={setWindow} />}
          {busy && <span className="soft" role="status">Loading…</span>}
        </div>
        <ErrorNote error={error} />
        {page && (
          <div className="split">
            <div style={{ minWidth: 0 }}>
              <VirtualTable label="Disagreeing rows" page={page} height={460} selected={selected} onSelect={setSelected} onNeedMore={complete ? undefined : more}
                highlight={Object.fromEntries(page.columns.filter((c) => /production|candidate/.test(c.name)).map((c) => [c.name, /production/.test(c.name) ? 'prod' : 'cand'] as const))} />
              <div className="pager soft" aria-live="polite">{count === 0 ? 'No rows match these filters.' : `Rows 1–${fmtCount(count)}${page.total !== null ? ` of ${fmtCount(page.total)}` : ''}${complete ? '' : ', more load as you scroll'}`}</div>
            </div>
            <aside className="detail" aria-label="Row detail">
              {row ? (
                <dl className="kv">
                  {page.columns.map((c, j) => <Fragment key={j}><dt className="mono">{c.name}</dt><dd className="num" style={{ textAlign: 'left' }}>{formatCell(row[j], c.type, columnFormats(page)[j])}</dd></Fragment>)}
                </dl>
              ) : <p className="empty">Select a row (click, or Tab then Enter; ↑/↓ to move) to see all its values.</p>}
            </aside>
          </div>
        )}
      </Panel>
      <SqlBox />
    </>
  );
}
