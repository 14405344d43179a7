import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { keyidOf, type KeyAlgorithm } from './keys.js';

/** Options of keygen. */
export interface KeygenOptions {
  algorithm: KeyAlgorithm;
  /** Encrypts the private key (PKCS#8, aes-256-cbc) when given. */
  passphrase?: string;
  /** Base name of the files: NAME.private.pem and NAME.public.pem (default "signing"). */
  name?: string;
}

/** Paths of the written key pair and its keyid. */
export interface KeygenResult {
  privateKeyPath: string;
  publicKeyPath: string;
  keyid: string;
}

/** Generates a key pair as PEM files in outDir; never overwrites existing files. */
export function keygen(outDir: string, opts: KeygenOptions): KeygenResult {
  const name = opts.name ?? 'signing';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) {
    throw new WorkbenchError('BAD_ARGUMENT', `key name "${name}" must be letters, digits, ".", "_" or "-" (it becomes a file name).`, { name });
  }
  if (opts.algorithm !== 'ed25519' && opts.algorithm !== 'ecdsa-p256') {
    throw new WorkbenchError('BAD_ARGUMENT', `unknown algorithm "${String(opts.algorithm)}"; use ed25519 or ecdsa-p256.`, { algorithm: opts.algorithm });
  }
  if (opts.passphrase !== undefined && opts.passphrase.length === 0) {
    throw new WorkbenchError('BAD_ARGUMENT', 'the passphrase is empty; set a non-empty passphrase or omit it.');
  }
  const privateKeyPath = join(outDir, `${name}.private.pem`);
  const publicKeyPath = join(outDir, `${name}.public.pem`);
  for (const p of [privateKeyPath, publicKeyPath]) {
    if (existsSync(p)) {
      throw new WorkbenchError('BAD_ARGUMENT', `${p} already exists; shadowbench never overwrites a key. Choose another --name or --out.`, { file: p });
    }
  }
  const { privateKey, publicKey } =
    opts.algorithm === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const privPem = privateKey.export({
    type: 'pkcs8',
    format: 'pem',
    ...(opts.passphrase ? { cipher: 'aes-256-cbc', passphrase: opts.passphrase } : {}),
  }) as string;
  const pubPem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  mkdirSync(outDir, { recursive: true });
  try {
    writeFileSync(privateKeyPath, privPem, { flag: 'wx', mode: 0o600 });
    writeFileSync(publicKeyPath, pubPem, { flag: 'wx', mode: 0o644 });
  } catch (e) {
    throw new WorkbenchError('FILE_UNREADABLE', `cannot write key files in ${outDir}: ${(e as Error).message}`, { dir: outDir });
  }
  return { privateKeyPath, publicKeyPath, keyid: keyidOf(publicKey) };
}
