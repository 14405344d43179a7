import { FILTERS } from '../../api/shell.js';
import { DataTable, Pager } from '../../components/DataTable.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Panel } from '../../components/Panel.js';
import { PathField } from '../../components/PathField.js';
import { fmtBytes, fmtCount } from '../../format/number.js';
import { useAppState, useWorkbench } from '../../state/hooks.js';

/** Import the replay dataset; show its identity, schema and a preview page. */
export function DatasetPanel() {
  const wb = useWorkbench();
  const ws = useAppState((s) => s.workspace);
  const datasetId = useAppState((s) => s.datasetId);
  const preview = useAppState((s) => s.preview);
  const busy = useAppState((s) => s.busy.dataset);
  const error = useAppState((s) => s.errors.dataset);
  const previewError = useAppState((s) => s.errors.preview);
  const ds = ws?.datasets.find((d) => d.id === datasetId);
  return (
    <Panel id="dataset" title="Replay dataset" aside={ds ? `${ds.name} · ${fmtCount(ds.rows)} rows` : 'none imported'}>
      <PathField label="Parquet, Arrow or CSV" action="Import" name="dataset-path" placeholder="/path/to/traffic.parquet" initial={ds?.path} filters={FILTERS.dataset} busy={busy} onSubmit={(p) => void wb.importDataset(p)} />
      <ErrorNote error={error} />
      {!ds && !error && <p className="empty">Import the captured production traffic to replay through both models.</p>}
      {ds && (
        <>
          <dl className="kv">
            <dt>Table</dt><dd className="mono">{ds.id}</dd>
            <dt>File</dt><dd className="mono">{ds.path}</dd>
            <dt>sha256</dt><dd className="mono">{ds.sha256}</dd>
            <dt>Shape</dt><dd>{fmtCount(ds.rows)} rows × {ds.columns.length} columns · {ds.format} · {fmtBytes(ds.sizeBytes)}</dd>
          </dl>
          <div className="split" style={{ marginTop: 10, gridTemplateColumns: '240px 1fr' }}>
            <div>
              <div className="soft" style={{ marginBottom: 4 }}>Schema</div>
              <DataTable label="Schema" page={{ columns: [{ name: 'column', type: 'VARCHAR' }, { name: 'type', type: 'VARCHAR' }], rows: ds.columns.map((c) => [c.name, c.type]) }} maxHeight={360} />
            </div>
            <div style={{ minWidth: 0 }}>
              <div className="soft" style={{ marginBottom: 4 }}>Preview</div>
              <ErrorNote error={previewError} />
              {preview ? (
                <>
                  <DataTable label="Dataset preview" page={preview} maxHeight={360} />
                  <Pager label="Preview pages" offset={preview.offset} count={preview.rows.length} total={preview.total} pageSize={50} onPage={(o) => void wb.loadPreview(o)} />
                </>
              ) : (
                <button type="button" className="btn" onClick={() => void wb.loadPreview()}>Load preview</button>
              )}
            </div>
          </div>
        </>
      )}
    </Panel>
  );
}
