import { useState } from 'react';
import type { ErrorInfo, RowPage } from '../../../../core/contract/index.js';
import { WorkbenchError } from '../../../../core/contract/index.js';
import { DataTable, Pager } from '../../components/DataTable.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Panel } from '../../components/Panel.js';
import { useAppState, useWorkbench } from '../../state/hooks.js';

const PAGE = 100;

/** A read-only SQL box over the workspace; results paged on the server. Ctrl/Cmd+Enter runs. */
export function SqlBox() {
  const wb = useWorkbench();
  const datasetId = useAppState((s) => s.datasetId);
  const [sql, setSql] = useState(datasetId ? `SELECT * FROM "${datasetId}" LIMIT 1000` : 'SELECT 42 AS answer');
  const [ran, setRan] = useState<string | null>(null);
  const [page, setPage] = useState<RowPage | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (text: string, offset: number) => {
    setBusy(true);
    setError(null);
    try {
      setPage(await wb.client.query({ sql: text, limit: PAGE, offset }));
      setRan(text);
    } catch (e) {
      setError(WorkbenchError.is(e) ? { code: e.code, message: e.message, details: e.details } : { code: 'INTERNAL', message: String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel id="sql" title="SQL (read-only)" aside="DuckDB · Ctrl+Enter to run">
      <label htmlFor="sql-text" className="sr-only">SQL query</label>
      <textarea id="sql-text" rows={4} value={sql} spellCheck={false} onChange={(e) => setSql(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); void run(sql, 0); } }} />
      <div className="row" style={{ margin: '6px 0' }}>
        <button type="button" className="btn primary" onClick={() => void run(sql, 0)} disabled={busy || !sql.trim()}>{busy ? 'Running…' : 'Run query'}</button>
        <span className="faint">SELECT, WITH, DESCRIBE and SUMMARIZE only; nothing in the workspace can change from here.</span>
      </div>
      <ErrorNote error={error} />
      {page && (
        <>
          <DataTable label="Query results" page={page} maxHeight={360} />
          <Pager label="Query result pages" offset={page.offset} count={page.rows.length} total={page.total} pageSize={PAGE} onPage={(o) => ran && void run(ran, o)} />
        </>
      )}
    </Panel>
  );
}
