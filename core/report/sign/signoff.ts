import { WorkbenchError } from '../../contract/index.js';
import { canonicalJson } from './canonicalJson.js';
import { SIGNOFF_TYPE } from './constants.js';
import { pae } from './pae.js';
import type { Signoff } from './types.js';

// Control characters, DEL and lone surrogates are refused so that canonicalJson and `jq -jcS` agree byte for byte.
const BAD_CHARS = /[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Checks one sign-off text field; BAD_ARGUMENT naming the field otherwise. */
export function checkSignoffField(field: 'signer' | 'role' | 'meaning', value: unknown): string {
  const v = typeof value === 'string' ? value.trim() : '';
  if (!v) throw new WorkbenchError('BAD_ARGUMENT', `the ${field} is empty; a signature must state the signer's printed name, role and meaning (e.g. --meaning validated).`, { field });
  if (BAD_CHARS.test(v)) throw new WorkbenchError('BAD_ARGUMENT', `the ${field} contains control characters; use printable text.`, { field });
  if (v.length > 200) throw new WorkbenchError('BAD_ARGUMENT', `the ${field} is longer than 200 characters.`, { field });
  return v;
}

/** UTC ISO 8601 to the second, e.g. 2025-03-01T09:30:00Z. */
export function utcSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The bytes a sign-off signature covers: PAE(SIGNOFF_TYPE, canonical JSON of the sign-off). */
export function signoffPae(s: Signoff): Buffer {
  return pae(SIGNOFF_TYPE, Buffer.from(canonicalJson(s), 'utf8'));
}
