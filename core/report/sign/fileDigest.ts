import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';

/** Lowercase hex SHA-256 of bytes. */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Lowercase hex SHA-256 of a file, streamed (models and datasets may be large). */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Synchronous variant for small files. */
export function sha256FileSync(file: string): string {
  return sha256Hex(readFileSync(file));
}
