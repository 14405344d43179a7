import { useState } from 'react';
import { ErrorNote } from '../components/ErrorNote.js';
import { Panel } from '../components/Panel.js';
import { useAppState, useWorkbench } from '../state/hooks.js';
import { CriteriaPanel } from './report/CriteriaPanel.js';
import { ExportSignPanel } from './report/ExportSignPanel.js';

function Preview() {
  const wb = useWorkbench();
  const run = useAppState((s) => s.run);
  const criteriaPath = useAppState((s) => s.criteriaPath);
  const error = useAppState((s) => s.errors['preview.report']);
  const busy = useAppState((s) => s.busy['preview.report']);
  const [html, setHtml] = useState<string | null>(null);
  if (!run || run.status !== 'done') return null;
  return (
    <Panel id="report-preview" title="Preview" aside={<button type="button" className="btn" disabled={busy} onClick={() => void wb.guard('preview.report', async () => setHtml((await wb.client.previewReport({ runId: run.id, ...(criteriaPath ? { criteriaPath } : {}) })).html))}>{html ? 'Refresh preview' : 'Show preview'}</button>}>
      <ErrorNote error={error} />
      {html ? <iframe className="preview" title="Report preview" sandbox="" srcDoc={html} /> : <p className="empty">Show the HTML report as it will be exported.</p>}
    </Panel>
  );
}

/** Report: criteria, preview, export, sign, verify. */
export function ReportScreen() {
  return (
    <>
      <h1>Report</h1>
      <p className="lede">The verdict against pre-registered criteria, then a signed, self-contained report a regulator can verify with stock tools.</p>
      <CriteriaPanel />
      <Preview />
      <ExportSignPanel />
    </>
  );
}
