import { readFile } from 'node:fs/promises';
import { parseDocument } from 'yaml';
import { type ColumnMap, type ModelMapping, WorkbenchError } from '../contract/index.js';

const TOP_KEYS = new Set(['task', 'classes', 'label', 'positive', 'sensitive', 'timestamp', 'id', 'request', 'threshold', 'models']);
const MODEL_KEYS = new Set(['inputs', 'score', 'label']);

/** Reads a column map file (JSON or YAML). Errors name the file, the line when known, and the key. */
export async function loadMap(path: string): Promise<ColumnMap> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WorkbenchError('FILE_NOT_FOUND', `Map file ${path} does not exist. Check the path given to --map.`, { path });
    throw new WorkbenchError('FILE_UNREADABLE', `Cannot read map file ${path}: ${(e as Error).message}`, { path });
  }
  return parseMap(text, path);
}

/** Parses and checks the shape of a column map; `source` names it in errors. */
export function parseMap(text: string, source = 'map'): ColumnMap {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length) {
    const err = doc.errors[0];
    const line = err.linePos?.[0]?.line;
    throw new WorkbenchError('BAD_MAP', `${source}${line ? `, line ${line}` : ''}: ${err.message.split('\n')[0]}. The map must be JSON or YAML.`, { path: source, line });
  }
  const raw = doc.toJS() as unknown;
  return checkMap(raw, source);
}

function fail(source: string, key: string, msg: string): never {
  throw new WorkbenchError('BAD_MAP', `${source}: ${key}: ${msg}`, { path: source, key });
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validates an already-parsed map object (from a file or from the UI). */
export function checkMap(raw: unknown, source = 'map'): ColumnMap {
  if (!isObj(raw)) fail(source, '(top)', 'expected an object with keys label, positive, sensitive, timestamp, id, threshold, models.');
  for (const k of Object.keys(raw)) if (!TOP_KEYS.has(k)) fail(source, k, `unknown key; allowed keys are ${[...TOP_KEYS].join(', ')}.`);
  for (const k of ['label', 'timestamp', 'id', 'request'] as const) {
    if (raw[k] !== undefined && raw[k] !== null && typeof raw[k] !== 'string') fail(source, k, 'expected a column name (string).');
  }
  if (raw.positive !== undefined && raw.positive !== null && !['string', 'number', 'boolean'].includes(typeof raw.positive)) {
    fail(source, 'positive', 'expected the value of the positive class (string, number or boolean).');
  }
  if (raw.sensitive !== undefined && raw.sensitive !== null) {
    if (!Array.isArray(raw.sensitive) || raw.sensitive.some((s) => typeof s !== 'string')) fail(source, 'sensitive', 'expected a list of column names.');
  }
  if (raw.threshold !== undefined && raw.threshold !== null) {
    const t = raw.threshold;
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0 || t > 1) fail(source, 'threshold', `expected a number in [0, 1], got ${JSON.stringify(t)}.`);
  }
  if (raw.task !== undefined && raw.task !== null && !['binary', 'regression', 'multiclass'].includes(raw.task as string)) {
    fail(source, 'task', `expected binary, regression or multiclass, got ${JSON.stringify(raw.task)}.`);
  }
  if (raw.classes !== undefined && raw.classes !== null && (!Array.isArray(raw.classes) || raw.classes.length < 2 || raw.classes.some((c) => typeof c !== 'string' && typeof c !== 'number'))) {
    fail(source, 'classes', 'expected a list of at least two label values.');
  }
  const models = raw.models ?? {};
  if (!isObj(models)) fail(source, 'models', 'expected an object with keys production and candidate.');
  for (const k of Object.keys(models)) if (k !== 'production' && k !== 'candidate') fail(source, `models.${k}`, 'unknown model; use production and candidate.');
  const out: ColumnMap = {
    ...(raw.task != null ? { task: raw.task as ColumnMap['task'] } : {}),
    ...(raw.classes != null ? { classes: raw.classes as (string | number)[] } : {}),
    ...(raw.label != null ? { label: raw.label as string } : {}),
    ...(raw.positive != null ? { positive: raw.positive as string | number | boolean } : {}),
    ...(raw.sensitive != null ? { sensitive: raw.sensitive as string[] } : {}),
    ...(raw.timestamp != null ? { timestamp: raw.timestamp as string } : {}),
    ...(raw.id != null ? { id: raw.id as string } : {}),
    ...(raw.request != null ? { request: raw.request as string } : {}),
    ...(raw.threshold != null ? { threshold: raw.threshold as number } : {}),
    models: {
      production: checkModelMapping(models.production, `models.production`, source),
      candidate: checkModelMapping(models.candidate, `models.candidate`, source),
    },
  };
  return out;
}

function checkModelMapping(raw: unknown, key: string, source: string): ModelMapping {
  if (raw === undefined || raw === null) return { inputs: {} };
  if (!isObj(raw)) fail(source, key, 'expected an object with keys inputs and score.');
  for (const k of Object.keys(raw)) if (!MODEL_KEYS.has(k)) fail(source, `${key}.${k}`, `unknown key; allowed keys are ${[...MODEL_KEYS].join(', ')}.`);
  const inputs = raw.inputs ?? {};
  if (!isObj(inputs)) fail(source, `${key}.inputs`, 'expected an object mapping each model input to a column or a list of columns.');
  for (const [name, src] of Object.entries(inputs)) {
    const ok = typeof src === 'string' || (Array.isArray(src) && src.length > 0 && src.every((c) => typeof c === 'string'));
    if (!ok) fail(source, `${key}.inputs.${name}`, 'expected a column name or a non-empty list of column names.');
  }
  if (raw.score !== undefined && raw.score !== null && (typeof raw.score !== 'string' || !/^[^[\]]+(\[\d+\])?$/.test(raw.score))) {
    fail(source, `${key}.score`, `expected "output" or "output[i]", got ${JSON.stringify(raw.score)}.`);
  }
  return {
    inputs: inputs as Record<string, string | string[]>,
    ...(raw.score != null ? { score: raw.score as string } : {}),
    ...(raw.label != null ? { label: String(raw.label) } : {}),
  };
}
