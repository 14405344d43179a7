import { Fragment, useCallback, useEffect, useState } from 'react';
import type { DisagreementQuery, ErrorInfo, RowPage } from '../../../core/contract/index.js';
import { WorkbenchError } from '../../../core/contract/index.js';
import { columnFormats, DataTable, formatCell, Pager } from '../components/DataTable.js';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { useAppState, useWorkbench } from '../state/hooks.js';
import { SqlBox } from './disagreements/SqlBox.js';

const PAGE = 100;

function toInfo(e: unknown): ErrorInfo {
  return WorkbenchError.is(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: String(e) };
}

/** Disagreements: the rows where the models differ most, paged on the server, filtered by group; row detail; read-only SQL. */
export function DisagreementsScreen() {
  const wb = useWorkbench();
  const run = useAppState((s) => s.run);
  const [order, setOrder] = useState<'score' | 'flip'>('score');
  const [attr, setAttr] = useState('');
  const [value, setValue] = useState('');
  const [values, setValues] = useState<string[]>([]);
  const [page, setPage] = useState<RowPage | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const sensitive = run?.map.sensitive ?? [];
  const done = run?.status === 'done';

  const load = useCallback(async (offset: number) => {
    if (!run || !done) return;
    setBusy(true);
    setError(null);
    try {
      const q: DisagreementQuery = { runId: run.id, limit: PAGE, offset, order, ...(attr && value ? { group: { column: attr, value } } : {}) };
      setPage(await wb.client.getDisagreements(q));
      setSelected(null);
    } catch (e) {
      setError(toInfo(e));
    } finally {
      setBusy(false);
    }
  }, [wb, run, done, order, attr, value]);

  useEffect(() => { void load(0); }, [load]);
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
  return (
    <>
      <h1>Disagreements</h1>
      <p className="lede">Rows ordered by how much the two models disagree. Select a row for all its values.</p>
      <Panel id="disagreements" title="Rows where the models differ most" aside={page?.total !== null && page?.total !== undefined ? `${page.total.toLocaleString('en-US')} row(s)` : undefined}>
        <div className="row" style={{ marginBottom: 8, gap: 14 }}>
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
          {busy && <span className="soft">Loading…</span>}
        </div>
        <ErrorNote error={error} />
        {page && (
          <div className="split">
            <div style={{ minWidth: 0 }}>
              <DataTable label="Disagreeing rows" page={page} selected={selected} onSelect={setSelected} maxHeight={460} highlight={Object.fromEntries(page.columns.filter((c) => /production|candidate/.test(c.name)).map((c) => [c.name, /production/.test(c.name) ? 'prod' : 'cand'] as const))} />
              <Pager label="Disagreement pages" offset={page.offset} count={page.rows.length} total={page.total} pageSize={PAGE} onPage={(o) => void load(o)} />
            </div>
            <aside className="detail" aria-label="Row detail">
              {row ? (
                <dl className="kv">
                  {page.columns.map((c, j) => <Fragment key={c.name}><dt className="mono">{c.name}</dt><dd className="num" style={{ textAlign: 'left' }}>{formatCell(row[j], c.type, columnFormats(page)[j])}</dd></Fragment>)}
                </dl>
              ) : <p className="empty">Select a row (click, or Tab then Enter) to see all its values.</p>}
            </aside>
          </div>
        )}
      </Panel>
      <SqlBox />
    </>
  );
}
