import { createPublicKey, type KeyObject } from 'node:crypto';
import { WorkbenchError, type VerifyResult } from '../../contract/index.js';
import { checkSubjects, type SubjectCheck } from './checkSubjects.js';
import { ENVELOPE_FILE } from './constants.js';
import { decodePayload, envelopePath, readEnvelope, strictBase64 } from './envelope.js';
import { sha256Hex } from './fileDigest.js';
import { keyidOf, loadPublicKey, verifyBytes } from './keys.js';
import { pae } from './pae.js';
import { signoffPae } from './signoff.js';
import type { EnvelopeSignature, Signoff, ValidationPredicate } from './types.js';

/** Options of verifyReport. */
export interface VerifyOptions {
  /** PEM public key files; every signature must match one of them (by keyid). */
  publicKeys: string[];
  /** Public keys already in memory (e.g. derived from the signer's private key by a host), same role as publicKeys. */
  publicKeyObjects?: KeyObject[];
  /** Folder where models and datasets can be found by name. */
  artefactsDir?: string;
  /** Base for relative artefact paths recorded in report.json (besides the report folder). */
  cwd?: string;
}

/** One signature's check. */
export interface SignatureCheck {
  /** 1-based position in the envelope's signatures. */
  index: number;
  keyid: string;
  signer?: string;
  role?: string;
  meaning?: string;
  time?: string;
  /** The --key file that matched, if any. */
  keyFile?: string;
  ok: boolean;
  reason?: string;
}

/** VerifyResult (core/contract/api.ts) with detail for tables. */
export interface VerifyReport extends VerifyResult {
  signatures: SignatureCheck[];
  subjects: SubjectCheck[];
  /** The signed predicate (verdict, criteria summary), when the payload could be decoded. */
  predicate?: ValidationPredicate;
}

const isStr = (v: unknown): v is string => typeof v === 'string';
const validSignoff = (s: unknown): s is Signoff =>
  typeof s === 'object' && s !== null && ['name', 'role', 'meaning', 'time', 'statementSha256'].every((k) => isStr((s as Record<string, unknown>)[k]));

function checkSignature(s: EnvelopeSignature, index: number, payload: Buffer, payloadType: string, keys: Map<string, { key: KeyObject; file: string }>): SignatureCheck {
  const so = validSignoff(s?.signoff) ? s.signoff : undefined;
  const keyid = isStr(s?.keyid) ? s.keyid : '';
  const c: SignatureCheck = { index, keyid, ok: false, ...(so ? { signer: so.name, role: so.role, meaning: so.meaning, time: so.time } : {}) };
  const label = `signature ${index}${so ? ` (${so.name}, ${so.meaning})` : ''}`;
  const fail = (why: string) => ((c.reason = `${label}: ${why}`), c);
  const k = keys.get(keyid);
  if (!k) return fail(`unverified: its key (keyid ${keyid || 'missing'}) was not given; pass the signer's public key with --key`);
  c.keyFile = k.file;
  const sig = strictBase64(s.sig);
  if (!sig || !verifyBytes(k.key, pae(payloadType, payload), sig)) {
    return fail(`the DSSE signature does not verify with ${k.file}: the envelope's payload or this signature ("sig") was changed`);
  }
  if (!so) return fail('its sign-off record (name, role, meaning, time) is missing or malformed');
  if (so.statementSha256 !== sha256Hex(payload)) return fail('its sign-off names a different statement (statementSha256) than the payload');
  const soSig = strictBase64(s.signoffSig);
  if (!soSig || !verifyBytes(k.key, signoffPae(s.signoff), soSig)) {
    return fail(`the sign-off record (name, role, meaning or time) or its signature ("signoffSig") was changed`);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(so.time) || Number.isNaN(Date.parse(so.time))) {
    return fail(`its time "${so.time}" is not a UTC ISO 8601 time`);
  }
  c.ok = true;
  return c;
}

/**
 * Verifies REPORT_DIR/report.dsse.json: every signature (DSSE sig and sign-off sig) against the
 * given public keys, and every subject digest. Fails when any signature is invalid or made by a key
 * that was not given, when a given key signed nothing, or when any checked file differs.
 * With no keys at all every signature is reported as unverified (and the result fails).
 */
export async function verifyReport(dir: string, opts: VerifyOptions): Promise<VerifyReport> {
  const keys = new Map<string, { key: KeyObject; file: string }>();
  for (const file of opts.publicKeys) {
    const key = loadPublicKey(file);
    keys.set(keyidOf(key), { key, file });
  }
  for (const key of opts.publicKeyObjects ?? []) {
    const pub = key.type === 'private' ? createPublicKey(key) : key;
    const keyid = keyidOf(pub);
    keys.set(keyid, { key: pub, file: `key ${keyid.slice(0, 16)}` });
  }
  const result: VerifyReport = { ok: false, signatures: [], subjects: [], errors: [] };
  const file = envelopePath(dir);
  let env, decoded;
  try {
    env = readEnvelope(dir);
    if (!env) {
      result.errors.push(`${file} not found: the report is not signed (sign it with \`shadowbench sign\`)`);
      return result;
    }
    decoded = decodePayload(env, file);
  } catch (e) {
    if (!WorkbenchError.is(e)) throw e;
    result.errors.push(e.message);
    return result;
  }
  result.predicate = decoded.statement.predicate;
  if (!env.signatures.length) result.errors.push(`${ENVELOPE_FILE} holds no signatures`);
  env.signatures.forEach((s, i) => {
    const c = checkSignature(s, i + 1, decoded.bytes, env.payloadType, keys);
    result.signatures.push(c);
    if (!c.ok) result.errors.push(c.reason!);
  });
  for (const [keyid, { file: kf }] of keys) {
    if (!result.signatures.some((c) => c.keyid === keyid)) {
      result.errors.push(`no signature in ${ENVELOPE_FILE} was made with ${kf} (keyid ${keyid}); that signer has not signed this report`);
    }
  }
  const subj = await checkSubjects(dir, decoded.statement.subject, { artefactsDir: opts.artefactsDir, cwd: opts.cwd });
  result.subjects = subj.subjects;
  result.errors.push(...subj.errors);
  result.ok = result.errors.length === 0;
  return result;
}
