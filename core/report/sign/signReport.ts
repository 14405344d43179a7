import { existsSync, statSync } from 'node:fs';
import { WorkbenchError } from '../../contract/index.js';
import { checkSubjects } from './checkSubjects.js';
import { PAYLOAD_TYPE } from './constants.js';
import { decodePayload, envelopePath, readEnvelope, writeEnvelope } from './envelope.js';
import { sha256Hex } from './fileDigest.js';
import { keyidOf, loadPrivateKey, signBytes } from './keys.js';
import { pae } from './pae.js';
import { checkSignoffField, signoffPae, utcSeconds } from './signoff.js';
import { buildStatement } from './statement.js';
import { VERSION } from '../../version.js';
import type { Envelope, EnvelopeSignature, Signoff } from './types.js';

/** Options of signReport. */
export interface SignOptions {
  /** PEM PKCS#8 private key (Ed25519 or ECDSA P-256). */
  keyPath: string;
  passphrase?: string;
  /** Printed name of the signer. */
  signer: string;
  role: string;
  /** e.g. "validated", "approved". */
  meaning: string;
  /** Signing time (default: now). */
  now?: Date;
  /** Where to look for models/datasets by name when checking digests (see verifyReport). */
  artefactsDir?: string;
  /** Base for relative artefact paths recorded in report.json, besides the report folder (default process.cwd()). */
  cwd?: string;
}

/** What signReport did. */
export interface SignResult {
  envelopePath: string;
  /** True when this call created the envelope (first signature). */
  created: boolean;
  keyid: string;
  signoff: Signoff;
  /** Number of signatures now in the envelope. */
  signatureCount: number;
}

/**
 * Signs a report folder. Creates REPORT_DIR/report.dsse.json with the first signature, or appends a
 * countersignature without touching the payload after checking every subject digest still matches.
 */
export async function signReport(dir: string, opts: SignOptions): Promise<SignResult> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new WorkbenchError('FILE_NOT_FOUND', `report folder ${dir} not found; give the folder that holds report.json.`, { dir });
  }
  const name = checkSignoffField('signer', opts.signer);
  const role = checkSignoffField('role', opts.role);
  const meaning = checkSignoffField('meaning', opts.meaning);
  const key = loadPrivateKey(opts.keyPath, opts.passphrase);
  const keyid = keyidOf(key);
  const file = envelopePath(dir);

  const existing = readEnvelope(dir);
  let env: Envelope;
  let bytes: Buffer;
  if (existing) {
    const decoded = decodePayload(existing, file);
    bytes = decoded.bytes;
    const digest = sha256Hex(bytes);
    existing.signatures.forEach((s, i) => {
      if (s?.signoff?.statementSha256 !== digest) {
        throw new WorkbenchError('SIGNATURE_INVALID', `${file}: signature ${i + 1} signs off a different statement than the payload; the envelope was changed. Run \`shadowbench verify\`.`, { file, signature: i + 1 });
      }
      if (s.keyid === keyid && s.signoff.meaning === meaning) {
        throw new WorkbenchError('BAD_ARGUMENT', `${file} already holds a "${meaning}" signature by this key (${s.signoff.name}, ${s.signoff.time}).`, { file, keyid });
      }
    });
    const check = await checkSubjects(dir, decoded.statement.subject, { artefactsDir: opts.artefactsDir, cwd: opts.cwd });
    if (check.errors.length) {
      throw new WorkbenchError('DIGEST_MISMATCH', `refusing to countersign ${dir}: ${check.errors.join('; ')}. The report differs from what was signed; re-export and re-sign it from the start.`, { dir, errors: check.errors });
    }
    env = existing;
  } else {
    const statement = await buildStatement(dir, VERSION);
    const check = await checkSubjects(dir, statement.subject, { artefactsDir: opts.artefactsDir, cwd: opts.cwd });
    if (check.errors.length) {
      throw new WorkbenchError('DIGEST_MISMATCH', `refusing to sign ${dir}: ${check.errors.join('; ')}. Fix report.json's artefacts or the files, then sign again.`, { dir, errors: check.errors });
    }
    bytes = Buffer.from(JSON.stringify(statement, null, 2) + '\n', 'utf8');
    env = { payloadType: PAYLOAD_TYPE, payload: bytes.toString('base64'), signatures: [] };
  }

  const signoff: Signoff = { name, role, meaning, time: utcSeconds(opts.now ?? new Date()), statementSha256: sha256Hex(bytes) };
  const entry: EnvelopeSignature = {
    keyid,
    sig: signBytes(key, pae(PAYLOAD_TYPE, bytes)).toString('base64'),
    signoff,
    signoffSig: signBytes(key, signoffPae(signoff)).toString('base64'),
  };
  env.signatures.push(entry);
  writeEnvelope(dir, env);
  return { envelopePath: file, created: !existing, keyid, signoff, signatureCount: env.signatures.length };
}
