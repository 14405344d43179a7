import { resolve } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { verifyReport, type VerifyReport } from '../../report/sign/verifyReport.js';
import { type CliCommand, flagList, flagString } from '../command.js';

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => '  ' + r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
}

/** Renders a VerifyReport as the per-signature and per-file tables. */
export function formatVerifyReport(r: VerifyReport): string {
  const lines: string[] = [];
  if (r.predicate) lines.push(`verdict: ${r.predicate.verdict ?? '(none)'}    report id: ${r.predicate.reportId ?? '(none)'}`, '');
  lines.push('Signatures:');
  if (r.signatures.length) {
    lines.push(...table([['', '#', 'signer', 'role', 'meaning', 'time (UTC)', 'keyid'],
      ...r.signatures.map((s) => [s.ok ? 'OK' : 'FAIL', String(s.index), s.signer ?? '?', s.role ?? '?', s.meaning ?? '?', s.time ?? '?', s.keyid.slice(0, 16)])]));
  } else lines.push('  (none)');
  lines.push('', 'Files:');
  if (r.subjects.length) {
    lines.push(...table([['', 'kind', 'name', 'sha256', 'note'],
      ...r.subjects.map((s) => [s.ok ? (s.checked ? 'OK' : '--') : 'FAIL', s.kind, s.name, s.sha256 ? s.sha256.slice(0, 16) : '-', s.ok ? (s.checked ? '' : s.reason ?? '') : 'see below'])]));
  } else lines.push('  (none)');
  lines.push('');
  return lines.join('\n') + '\n';
}

/** `shadowbench verify`: check every signature and every file digest of a signed report folder. */
export const verifyCommand: CliCommand = {
  name: 'verify',
  summary: 'Verify the signatures and file digests of a signed report folder.',
  positionals: 'REPORT_DIR',
  description:
    'Checks every signature in REPORT_DIR/report.dsse.json against the given public keys (matched by keyid), including each ' +
    'signer\'s name, role, meaning and time, and re-hashes every report file, and each model and dataset found at its recorded ' +
    'path or in --artefacts DIR (others are listed as not checked). Exits 1 when anything fails, including a signature whose key ' +
    'was not given or a given key that signed nothing.',
  flags: [
    { name: 'key', type: 'string', multiple: true, value: 'PUB', description: 'Public key (PEM) of a signer; give one per signer.' },
    { name: 'artefacts', type: 'string', multiple: false, value: 'DIR', description: 'Folder holding the models and datasets by name.' },
  ],
  examples: ['shadowbench verify out/report --key keys/alice.public.pem --key keys/bob.public.pem --artefacts data/'],
  async run(flags, positionals, io) {
    if (positionals.length !== 1) {
      throw new WorkbenchError('BAD_ARGUMENT', 'give exactly one REPORT_DIR (the folder holding report.dsse.json). Run `shadowbench verify --help` for an example.');
    }
    const keys = flagList(flags, 'key');
    if (!keys.length) {
      throw new WorkbenchError('BAD_ARGUMENT', '--key is required: pass the public key of each signer (e.g. --key alice.public.pem). Run `shadowbench verify --help` for an example.', { flag: 'key' });
    }
    const artefacts = flagString(flags, 'artefacts');
    const r = await verifyReport(resolve(io.cwd, positionals[0]), {
      publicKeys: keys.map((k) => resolve(io.cwd, k)),
      cwd: io.cwd,
      ...(artefacts ? { artefactsDir: resolve(io.cwd, artefacts) } : {}),
    });
    io.stdout(formatVerifyReport(r));
    if (r.ok) {
      const checked = r.subjects.filter((s) => s.checked).length;
      io.stdout(`VERIFIED: ${r.signatures.length} signature(s), ${checked} file(s) checked, ${r.subjects.length - checked} not checked.\n`);
      return 0;
    }
    io.stderr(`VERIFICATION FAILED (${r.errors.length} problem${r.errors.length === 1 ? '' : 's'}):\n` + r.errors.map((e) => `  - ${e}\n`).join(''));
    return 1;
  },
};
