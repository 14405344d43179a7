import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Lowercase hex SHA-256 of bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lowercase hex SHA-256 of a file, streamed (models and datasets may be large). */
export { sha256File } from '../../data/fileFacts.js';

/** Synchronous variant for small files. */
export function sha256FileSync(file: string): string {
  return sha256Hex(readFileSync(file));
}
