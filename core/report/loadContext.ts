import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { WorkbenchError } from '../contract/index.js';

/** Parses the validator's context file (YAML or JSON mapping: scope, intendedUse, decisionRequested, limitations...). */
export function parseContext(text: string, source: string): Record<string, unknown> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const line = doc.errors[0].linePos?.[0]?.line ?? 1;
    throw new WorkbenchError('BAD_CONTEXT', `${source}, line ${line}: ${doc.errors[0].message.split('\n')[0]}. The context file is YAML or JSON.`, { path: source, line });
  }
  const v = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new WorkbenchError('BAD_CONTEXT', `${source}: expected a mapping with keys such as scope, intendedUse, decisionRequested, limitations.`, { path: source });
  }
  const out = JSON.parse(JSON.stringify(v, (_k, x) => (x instanceof Date ? x.toISOString() : x))) as Record<string, unknown>;
  for (const k of ['scope', 'intendedUse', 'decisionRequested', 'title']) {
    if (out[k] !== undefined && typeof out[k] !== 'string') throw new WorkbenchError('BAD_CONTEXT', `${source}: ${k} must be text.`, { path: source, key: k });
  }
  return out;
}

export async function loadContext(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new WorkbenchError('FILE_NOT_FOUND', `Context file ${path} does not exist. Check the path given to --context.`, { path });
    throw new WorkbenchError('FILE_UNREADABLE', `Cannot read context file ${path}: ${(e as Error).message}`, { path });
  }
  return parseContext(text, path);
}
