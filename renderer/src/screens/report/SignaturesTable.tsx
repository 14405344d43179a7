import type { VerifyResult } from '../../../../core/contract/index.js';
import { fmtBytes } from '../../format/number.js';

/** Per-signature and per-file results of a verification. */
export function VerifyView({ result, label }: { result: VerifyResult; label: string }) {
  const unchecked = result.signatures.filter((s) => !s.ok && s.reason?.startsWith('not checked')).length;
  return (
    <div aria-label={label}>
      <p className={result.ok ? 'status-pass' : 'status-fail'} role="status">
        {!result.ok ? `✗ Not verified: ${result.errors.length || 'some'} problem(s) below.`
          : unchecked ? `✓ Signed: the new signature and every file check out; ${unchecked} earlier signature(s) not checked here (verify the folder below with every signer's key).`
            : '✓ Verified: every signature and every file checks out.'}
      </p>
      {result.errors.length > 0 && <ul className="error" style={{ paddingLeft: 24 }}>{result.errors.map((e, i) => <li key={i}>{e}</li>)}</ul>}
      <table className="grid" aria-label={`${label}: signatures`}>
        <thead><tr><th scope="col">Signature</th><th scope="col">Signer</th><th scope="col">Role</th><th scope="col">Meaning</th><th scope="col">Time (UTC)</th><th scope="col">Key id</th></tr></thead>
        <tbody>
          {result.signatures.length === 0 && <tr><td colSpan={6} className="soft">No signatures on the envelope.</td></tr>}
          {result.signatures.map((s, i) => (
            <tr key={i}>
              <td className={s.ok ? 'status-pass' : s.reason?.startsWith('not checked') ? 'soft' : 'status-fail'}>{s.ok ? '✓ valid' : s.reason?.startsWith('not checked') ? `– ${s.reason}` : `✗ ${s.reason ?? 'invalid'}`}</td>
              <td>{s.signer ?? '—'}</td><td>{s.role ?? '—'}</td><td>{s.meaning ?? '—'}</td>
              <td className="mono">{s.time ?? '—'}</td><td className="mono">{s.keyid}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="grid" aria-label={`${label}: files`} style={{ marginTop: 8 }}>
        <thead><tr><th scope="col">File</th><th scope="col">Digest</th><th scope="col">sha256</th></tr></thead>
        <tbody>
          {result.subjects.map((s, i) => (
            <tr key={i}>
              <td className="mono">{s.name}</td>
              <td className={s.ok ? 'status-pass' : 'status-fail'}>{s.ok ? '✓ matches' : `✗ ${s.reason ?? 'mismatch'}`}</td>
              <td className="mono faint">{s.sha256}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The files an export wrote. */
export function ExportFiles({ files }: { files: { name: string; sha256: string; bytes: number }[] }) {
  return (
    <table className="grid" aria-label="Exported files">
      <thead><tr><th scope="col">File</th><th scope="col" className="num">Size</th><th scope="col">sha256</th></tr></thead>
      <tbody>{files.map((f) => <tr key={f.name}><td className="mono">{f.name}</td><td className="num">{fmtBytes(f.bytes)}</td><td className="mono faint">{f.sha256}</td></tr>)}</tbody>
    </table>
  );
}
