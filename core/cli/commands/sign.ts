import { resolve } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { passphraseFromEnv } from '../../report/sign/passphraseFromEnv.js';
import { signReport } from '../../report/sign/signReport.js';
import { type CliCommand, flagString, requireFlag } from '../command.js';

/** `shadowbench sign`: sign (or countersign) a report folder. */
export const signCommand: CliCommand = {
  name: 'sign',
  summary: 'Sign a report folder (or countersign it) into REPORT_DIR/report.dsse.json.',
  positionals: 'REPORT_DIR',
  description:
    'The first signature creates a DSSE envelope around an in-toto Statement whose subjects are the report files and the models ' +
    'and datasets recorded in report.json. Later signatures (e.g. an approver) are appended without changing what was signed; ' +
    'signing refuses when any report file changed since the first signature. Each signature binds the signer\'s printed name, ' +
    'role, meaning and the UTC time (21 CFR 11.50).',
  flags: [
    { name: 'key', type: 'string', multiple: false, value: 'KEY', description: 'Private key (PEM) from `shadowbench keygen`.' },
    { name: 'passphrase-env', type: 'string', multiple: false, value: 'VAR', description: 'Environment variable holding the private key passphrase.' },
    { name: 'signer', type: 'string', multiple: false, value: 'NAME', description: 'Printed name of the signer.' },
    { name: 'role', type: 'string', multiple: false, value: 'ROLE', description: 'Role of the signer, e.g. "Model validator".' },
    { name: 'meaning', type: 'string', multiple: false, value: 'MEANING', description: 'Meaning of the signature, e.g. validated, approved.' },
    { name: 'artefacts', type: 'string', multiple: false, value: 'DIR', description: 'Folder holding the models and datasets by name, to check their digests.' },
  ],
  examples: [
    'SB_PASS=... shadowbench sign out/report --key keys/alice.private.pem --passphrase-env SB_PASS --signer "Alice Smith" --role "Model validator" --meaning validated',
    'SB_PASS=... shadowbench sign out/report --key keys/bob.private.pem --passphrase-env SB_PASS --signer "Bob Jones" --role "Head of model risk" --meaning approved',
  ],
  async run(flags, positionals, io) {
    if (positionals.length !== 1) {
      throw new WorkbenchError('BAD_ARGUMENT', 'give exactly one REPORT_DIR (the folder holding report.json). Run `shadowbench sign --help` for an example.');
    }
    const dir = resolve(io.cwd, positionals[0]);
    const artefacts = flagString(flags, 'artefacts');
    const r = await signReport(dir, {
      keyPath: resolve(io.cwd, requireFlag(flags, 'key', 'sign')),
      passphrase: passphraseFromEnv(flags, io.env),
      signer: requireFlag(flags, 'signer', 'sign'),
      role: requireFlag(flags, 'role', 'sign'),
      meaning: requireFlag(flags, 'meaning', 'sign'),
      cwd: io.cwd,
      ...(artefacts ? { artefactsDir: resolve(io.cwd, artefacts) } : {}),
    });
    const s = r.signoff;
    io.stdout(
      `${r.created ? 'signed' : 'countersigned'} ${r.envelopePath}\n` +
        `  ${s.name} (${s.role}) — ${s.meaning} — ${s.time}\n  keyid ${r.keyid}\n  signatures in the envelope: ${r.signatureCount}\n`,
    );
    return 0;
  },
};
