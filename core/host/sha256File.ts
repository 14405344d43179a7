import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { WorkbenchError } from '../contract/index.js';

/** Streams a file through SHA-256; a missing file is FILE_NOT_FOUND naming the path. */
export async function sha256File(path: string): Promise<string> {
  const h = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbenchError('FILE_NOT_FOUND', `${path} does not exist. Check the path.`, { path });
    throw new WorkbenchError('FILE_UNREADABLE', `Cannot read ${path}: ${(e as Error).message}`, { path });
  }
  return h.digest('hex');
}
