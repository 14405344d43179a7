import { useState } from 'react';
import type { ReportExport, VerifyResult } from '../../../../core/contract/index.js';
import { FILTERS } from '../../api/shell.js';
import { ErrorNote } from '../../components/ErrorNote.js';
import { Panel } from '../../components/Panel.js';
import { PathField } from '../../components/PathField.js';
import { useAppState, useWorkbench } from '../../state/hooks.js';
import { ExportFiles, VerifyView } from './SignaturesTable.js';

/** Export the report folder, sign it (name, role, meaning, key, passphrase), verify any folder. */
export function ExportSignPanel() {
  const wb = useWorkbench();
  const run = useAppState((s) => s.run);
  const criteriaPath = useAppState((s) => s.criteriaPath);
  const errors = useAppState((s) => s.errors);
  const busy = useAppState((s) => s.busy);
  const [exported, setExported] = useState<ReportExport | null>(null);
  const [signed, setSigned] = useState<VerifyResult | null>(null);
  const [verified, setVerified] = useState<VerifyResult | null>(null);
  const [keys, setKeys] = useState('');
  const [form, setForm] = useState({ signer: '', role: '', meaning: 'validated', keyPath: '', passphrase: '' });
  const dir = exported?.dir ?? '';
  const canSign = !!dir && !!form.signer && !!form.role && !!form.keyPath;
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <>
      <Panel id="export" title="Export">
        {!run || run.status !== 'done' ? <p className="empty">Finish a run first; the report is built from its results.</p> : (
          <>
            <PathField label="Report folder" action="Export report" name="export-dir" placeholder="/path/to/report-folder" directory busy={busy.export}
              onSubmit={(d) => void wb.guard('export', async () => setExported(await wb.client.exportReport({ runId: run.id, dir: d, ...(criteriaPath ? { criteriaPath } : {}) })))} />
            <ErrorNote error={errors.export} />
            {exported && <><p className="ok" role="status">✓ Written to <span className="mono">{exported.dir}</span></p><ExportFiles files={exported.files} /></>}
          </>
        )}
      </Panel>
      <Panel id="sign" title="Sign" aside={dir ? <span className="mono">{dir}</span> : 'export first'}>
        <form className="narrow" onSubmit={(e) => { e.preventDefault(); if (canSign) void wb.guard('sign', async () => { setSigned(await wb.client.signReport({ dir, ...form, ...(form.passphrase ? {} : { passphrase: undefined }) })); setForm((f) => ({ ...f, passphrase: '' })); }); }}>
          <div className="field"><label htmlFor="sign-name">Name</label><input id="sign-name" type="text" value={form.signer} onChange={set('signer')} autoComplete="name" /></div>
          <div className="field"><label htmlFor="sign-role">Role</label><input id="sign-role" type="text" value={form.role} onChange={set('role')} placeholder="e.g. Model validator" /></div>
          <div className="field"><label htmlFor="sign-meaning">Meaning</label>
            <select id="sign-meaning" value={form.meaning} onChange={set('meaning')}><option value="validated">validated</option><option value="approved">approved</option><option value="reviewed">reviewed</option><option value="rejected">rejected</option></select></div>
          <div className="field"><label htmlFor="sign-key">Private key (PEM)</label>
            <div className="row"><input id="sign-key" className="path" type="text" value={form.keyPath} onChange={set('keyPath')} placeholder="/path/to/key.pem" />
              {wb.shell.native && <button type="button" className="btn" onClick={() => void wb.shell.openFile({ title: 'Private key', filters: FILTERS.key }).then((p) => p && setForm((f) => ({ ...f, keyPath: p })))}>Browse…</button>}</div></div>
          <div className="field"><label htmlFor="sign-pass">Passphrase</label><input id="sign-pass" type="password" value={form.passphrase} onChange={set('passphrase')} autoComplete="off" /></div>
          <div className="row"><button type="submit" className="btn primary" disabled={!canSign || busy.sign}>{busy.sign ? 'Signing…' : 'Sign report'}</button>{!dir && <span className="soft">Export the report first; the signature covers its files.</span>}</div>
        </form>
        <ErrorNote error={errors.sign} />
        {signed && <div style={{ marginTop: 8 }}><VerifyView result={signed} label="Signatures on the envelope" /></div>}
      </Panel>
      <Panel id="verify" title="Verify a received report">
        <div className="field">
          <label htmlFor="verify-keys">Public keys (PEM)</label>
          <textarea id="verify-keys" rows={2} value={keys} onChange={(e) => setKeys(e.target.value)} placeholder="/path/to/validator.pub.pem (one file per line: every signer you trust)" spellCheck={false} />
        </div>
        <PathField label="Report folder" action="Verify" name="verify-dir" placeholder="/path/to/received-report" directory busy={busy.verify}
          onSubmit={(d) => void wb.guard('verify', async () => setVerified(await wb.client.verifyReport({ dir: d, keys: keys.split('\n').map((k) => k.trim()).filter(Boolean) })))} />
        <ErrorNote error={errors.verify} />
        {verified && <VerifyView result={verified} label="Verification" />}
      </Panel>
    </>
  );
}
