import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { ENVELOPE_FILE, PAYLOAD_TYPE, PREDICATE_TYPE, STATEMENT_TYPE } from './constants.js';
import type { Envelope, Statement } from './types.js';

/** Path of the envelope in a report folder. */
export function envelopePath(dir: string): string {
  return join(dir, ENVELOPE_FILE);
}

/** Decodes strict base64: the text must be exactly what re-encoding the bytes gives, so no changed character goes unnoticed. */
export function strictBase64(text: unknown): Buffer | null {
  if (typeof text !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : null;
}

/** Reads REPORT_DIR/report.dsse.json, or null when absent. Malformed envelopes are SIGNATURE_INVALID errors naming the file. */
export function readEnvelope(dir: string): Envelope | null {
  const file = envelopePath(dir);
  if (!existsSync(file)) return null;
  let v: unknown;
  try {
    v = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new WorkbenchError('SIGNATURE_INVALID', `${file} is not valid JSON (${(e as Error).message}); the envelope was damaged.`, { file });
  }
  const env = v as Partial<Envelope>;
  if (typeof env !== 'object' || env === null || typeof env.payload !== 'string' || !Array.isArray(env.signatures)) {
    throw new WorkbenchError('SIGNATURE_INVALID', `${file} is not a DSSE envelope (needs payloadType, payload and signatures).`, { file });
  }
  if (env.payloadType !== PAYLOAD_TYPE) {
    throw new WorkbenchError('SIGNATURE_INVALID', `${file}: payloadType is "${String(env.payloadType)}", expected "${PAYLOAD_TYPE}"; the envelope was changed.`, { file });
  }
  return env as Envelope;
}

/** Decodes and checks the payload: strict base64 of an in-toto Statement v1 with our predicate type. */
export function decodePayload(env: Envelope, file: string): { bytes: Buffer; statement: Statement } {
  const bytes = strictBase64(env.payload);
  if (!bytes) throw new WorkbenchError('SIGNATURE_INVALID', `${file}: the payload is not valid base64; the envelope's payload was changed.`, { file });
  let st: Statement;
  try {
    st = JSON.parse(bytes.toString('utf8')) as Statement;
  } catch {
    throw new WorkbenchError('SIGNATURE_INVALID', `${file}: the payload does not decode to JSON; the envelope's payload was changed.`, { file });
  }
  if (st?._type !== STATEMENT_TYPE || st.predicateType !== PREDICATE_TYPE || !Array.isArray(st.subject)) {
    throw new WorkbenchError('SIGNATURE_INVALID', `${file}: the payload is not a shadowbench in-toto Statement (${STATEMENT_TYPE}, ${PREDICATE_TYPE}).`, { file });
  }
  return { bytes, statement: st };
}

/** Writes the envelope atomically (temp file + rename). */
export function writeEnvelope(dir: string, env: Envelope): string {
  const file = envelopePath(dir);
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(env, null, 2) + '\n');
  renameSync(tmp, file);
  return file;
}
