import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { WorkbenchError } from '../../contract/index.js';

/** Supported signing algorithms. */
export type KeyAlgorithm = 'ed25519' | 'ecdsa-p256';

/** keyid = lowercase hex SHA-256 of the public key's SubjectPublicKeyInfo DER. */
export function keyidOf(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return createHash('sha256').update(pub.export({ type: 'spki', format: 'der' })).digest('hex');
}

/** The algorithm of a key, or a BAD_KEY error naming the file when it is neither Ed25519 nor ECDSA P-256. */
export function algorithmOf(key: KeyObject, file: string): KeyAlgorithm {
  if (key.asymmetricKeyType === 'ed25519') return 'ed25519';
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') return 'ecdsa-p256';
  const what = key.asymmetricKeyType === 'ec' ? `EC ${key.asymmetricKeyDetails?.namedCurve}` : key.asymmetricKeyType;
  throw new WorkbenchError('BAD_KEY', `${file} is a ${what} key; shadowbench signs with Ed25519 or ECDSA P-256 keys only. Make one with \`shadowbench keygen\`.`, { file });
}

function readPem(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new WorkbenchError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'BAD_KEY', `cannot read key file ${file} (${code ?? (e as Error).message}). Check the path given to --key.`, { file });
  }
}

/** Loads a PEM PKCS#8 private key (decrypting it with the passphrase when it is encrypted). */
export function loadPrivateKey(file: string, passphrase?: string): KeyObject {
  const pem = readPem(file);
  if (/-----BEGIN PUBLIC KEY-----/.test(pem) && !/PRIVATE KEY-----/.test(pem)) {
    throw new WorkbenchError('BAD_KEY', `${file} is a public key; signing needs the private key (the *.private.pem file from \`shadowbench keygen\`).`, { file });
  }
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----/.test(pem);
  if (encrypted && !passphrase) {
    throw new WorkbenchError('BAD_KEY', `${file} is encrypted; give its passphrase with --passphrase-env VAR (the name of an environment variable holding it).`, { file });
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem', ...(encrypted ? { passphrase } : {}) });
  } catch (e) {
    const msg = encrypted
      ? `cannot decrypt private key ${file}: wrong passphrase (or the file is damaged).`
      : `${file} is not a readable PEM private key (${(e as Error).message}).`;
    throw new WorkbenchError('BAD_KEY', msg, { file });
  }
  algorithmOf(key, file);
  return key;
}

/** Loads a PEM SPKI public key (a private key file is accepted too; its public half is used). */
export function loadPublicKey(file: string): KeyObject {
  const pem = readPem(file);
  let key: KeyObject;
  try {
    key = /ENCRYPTED PRIVATE KEY/.test(pem) ? fail() : createPublicKey({ key: pem, format: 'pem' });
  } catch {
    throw new WorkbenchError('BAD_KEY', `${file} is not a readable PEM public key. Pass the *.public.pem file from \`shadowbench keygen\`.`, { file });
  }
  algorithmOf(key, file);
  return key;
}

function fail(): never {
  throw new Error('encrypted private key');
}

/** Signs bytes: Ed25519 (pure), or ECDSA P-256 with SHA-256 and a DER signature. */
export function signBytes(key: KeyObject, data: Uint8Array): Buffer {
  return sign(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', data, key);
}

/** Verifies a signature made by signBytes; false (never throws) on a malformed signature. */
export function verifyBytes(key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  try {
    return verify(key.asymmetricKeyType === 'ed25519' ? null : 'sha256', data, key, signature);
  } catch {
    return false;
  }
}
