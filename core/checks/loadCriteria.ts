import { readFile } from 'node:fs/promises';
import { WorkbenchError } from '../contract/index.js';
import type { Criterion } from './criterion.js';
import { parseCriteria } from './parseCriteria.js';

/** Reads and parses a criteria file (YAML or JSON). */
export async function loadCriteria(path: string): Promise<Criterion[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new WorkbenchError('FILE_NOT_FOUND', `Criteria file ${path} does not exist. Check the path given to --criteria.`, { path });
    throw new WorkbenchError('FILE_UNREADABLE', `Cannot read criteria file ${path}: ${(e as Error).message}`, { path });
  }
  return parseCriteria(text, path);
}
