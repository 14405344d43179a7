import { resolve } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { keygen } from '../../report/sign/keygen.js';
import { passphraseFromEnv } from '../../report/sign/passphraseFromEnv.js';
import { type CliCommand, flagString, requireFlag } from '../command.js';

/** `shadowbench keygen`: make a signing key pair (PEM). */
export const keygenCommand: CliCommand = {
  name: 'keygen',
  summary: 'Make a signing key pair (Ed25519 or ECDSA P-256, PEM) for signing reports.',
  description:
    'Writes NAME.private.pem (PKCS#8, encrypted with aes-256-cbc when a passphrase is given) and NAME.public.pem (SPKI) in DIR, ' +
    'and prints the keyid (SHA-256 of the public key DER). Existing files are never overwritten. ' +
    'The passphrase is read from the environment variable named by --passphrase-env, never from the command line.',
  flags: [
    { name: 'out', type: 'string', multiple: false, value: 'DIR', description: 'Folder to write the key files into (created if missing).' },
    { name: 'algorithm', type: 'string', multiple: false, value: 'ALG', description: 'ed25519 or ecdsa-p256.', default: 'ed25519' },
    { name: 'passphrase-env', type: 'string', multiple: false, value: 'VAR', description: 'Environment variable holding the passphrase that encrypts the private key.' },
    { name: 'name', type: 'string', multiple: false, value: 'NAME', description: 'Base name of the key files.', default: 'signing' },
  ],
  examples: [
    'SB_PASS=... shadowbench keygen --out ~/keys --name alice --passphrase-env SB_PASS',
    'shadowbench keygen --out keys --algorithm ecdsa-p256 --name approver --passphrase-env SB_PASS',
  ],
  async run(flags, _positionals, io) {
    const out = resolve(io.cwd, requireFlag(flags, 'out', 'keygen'));
    const algorithm = flagString(flags, 'algorithm') ?? 'ed25519';
    if (algorithm !== 'ed25519' && algorithm !== 'ecdsa-p256') {
      throw new WorkbenchError('BAD_ARGUMENT', `--algorithm ${algorithm} is not supported; use ed25519 or ecdsa-p256.`, { flag: 'algorithm' });
    }
    const passphrase = passphraseFromEnv(flags, io.env);
    const r = keygen(out, { algorithm, passphrase, name: flagString(flags, 'name') });
    io.stdout(`private key: ${r.privateKeyPath}${passphrase ? ' (encrypted)' : ''}\npublic key:  ${r.publicKeyPath}\nkeyid:       ${r.keyid}\n`);
    if (!passphrase) io.stderr('shadowbench: warning: the private key is NOT encrypted; protect the file or make a new key with --passphrase-env VAR.\n');
    return 0;
  },
};
