import {
  type ColumnInfo, type ColumnMap, type DatasetInfo, type ModelRole, type ModelSignature, type ResolvedMap,
  type TensorElementType, type TensorInfo, WorkbenchError,
} from '../contract/index.js';

/** How one model input is fed: which columns, cast to what, in what tensor shape. */
export interface InputPlan {
  input: string;
  type: TensorElementType;
  columns: string[];
  /** 'matrix' = [n, columns.length]; 'vector' = [n]. */
  layout: 'matrix' | 'vector';
}

/** How one model is fed and where its positive-class score is read. */
export interface ModelPlan {
  role: ModelRole;
  /** binary/regression: read column `scoreIndex`; multiclass: the argmax over the output's columns. */
  task: 'binary' | 'regression' | 'multiclass';
  inputs: InputPlan[];
  /** Output name as in the signature (a ZipMap output is read through the tensor that feeds it). */
  scoreOutput: string;
  /** Column of the score output to read (0 for a [n] or [n, 1] output). */
  scoreIndex: number;
}

export interface ReplayPlan {
  map: ResolvedMap;
  production: ModelPlan;
  candidate: ModelPlan;
}

/** What resolution needs to know about the dataset beyond its schema. */
export interface DatasetProbe {
  info: DatasetInfo;
  /** Up to `limit` distinct non-null values of a column. */
  distinct(column: string, limit: number): Promise<unknown[]>;
}

const INT_TYPES = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT\d*)$/;
const FLOAT_TYPES = /^(FLOAT|DOUBLE|REAL|DECIMAL.*)$/;
export const isNumericType = (t: string) => INT_TYPES.test(t) || FLOAT_TYPES.test(t) || t === 'BOOLEAN';

const NUMERIC_INPUTS = new Set<TensorElementType>(['float32', 'float64', 'int64', 'int32', 'bool']);

function modelLabel(role: ModelRole): string {
  return role === 'production' ? 'the production model' : 'the candidate model';
}

function findColumn(info: DatasetInfo, name: string, what: string): ColumnInfo {
  const col = info.columns.find((c) => c.name === name);
  if (!col) {
    const near = info.columns.find((c) => c.name.toLowerCase() === name.toLowerCase());
    throw new WorkbenchError('MAPPING_MISMATCH',
      `${what} names column "${name}", which dataset ${info.name} does not have.${near ? ` Did you mean "${near.name}"?` : ''} Its columns are: ${info.columns.map((c) => c.name).join(', ')}.`,
      { column: name, dataset: info.name });
  }
  return col;
}

function shapeText(t: TensorInfo): string {
  return `[${t.shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

function planInput(role: ModelRole, input: TensorInfo, source: string | string[] | undefined, info: DatasetInfo): InputPlan {
  const key = `models.${role}.inputs.${input.name}`;
  if (input.kind !== 'tensor') throw new WorkbenchError('MAPPING_MISMATCH', `Input "${input.name}" of ${modelLabel(role)} is a ${input.kind}, not a tensor; Shadowbench feeds tensor inputs only.`, { input: input.name, role });
  if (source === undefined) {
    const same = info.columns.find((c) => c.name === input.name);
    if (!same) {
      throw new WorkbenchError('MAPPING_MISMATCH',
        `Input "${input.name}" ${shapeText(input)} of ${modelLabel(role)} has no column of the same name in dataset ${info.name}. Map it in the map file: ${key}: ${input.shape.length === 2 && input.shape[1] !== 1 ? '[column1, column2, ...]' : 'COLUMN'}.`,
        { input: input.name, role });
    }
    source = same.name;
  }
  const columns = typeof source === 'string' ? [source] : source;
  const cols = columns.map((c) => findColumn(info, c, key));
  const rank = input.shape.length;
  const width = rank >= 2 ? input.shape[rank - 1] : 1;
  if (rank > 2) throw new WorkbenchError('MAPPING_MISMATCH', `Input "${input.name}" of ${modelLabel(role)} has shape ${shapeText(input)}; Shadowbench feeds inputs of rank 1 or 2 from columns.`, { input: input.name, role });
  if (typeof width === 'number' && width !== columns.length) {
    throw new WorkbenchError('MAPPING_MISMATCH',
      `Input "${input.name}" of ${modelLabel(role)} takes ${width} column${width === 1 ? '' : 's'} (shape ${shapeText(input)}), but ${key} gives ${columns.length}: ${columns.join(', ')}.`,
      { input: input.name, role, expected: width, given: columns.length });
  }
  if (rank === 1 && columns.length !== 1) {
    throw new WorkbenchError('MAPPING_MISMATCH', `Input "${input.name}" of ${modelLabel(role)} is one-dimensional ${shapeText(input)} and takes one column, but ${key} gives ${columns.length}.`, { input: input.name, role });
  }
  for (const c of cols) {
    if (input.type === 'string') continue; // anything can be read as text
    if (NUMERIC_INPUTS.has(input.type) && !isNumericType(c.type)) {
      throw new WorkbenchError('MAPPING_MISMATCH',
        `Input "${input.name}" of ${modelLabel(role)} is ${input.type}, but column "${c.name}" is ${c.type}. Map a numeric column, or encode the column before import.`,
        { input: input.name, role, column: c.name, inputType: input.type, columnType: c.type });
    }
    if (!NUMERIC_INPUTS.has(input.type)) {
      throw new WorkbenchError('MAPPING_MISMATCH', `Input "${input.name}" of ${modelLabel(role)} has element type ${input.type}, which Shadowbench cannot build from columns.`, { input: input.name, role });
    }
  }
  return { input: input.name, type: input.type, columns, layout: rank === 1 ? 'vector' : 'matrix' };
}

function outputWidth(t: TensorInfo): number | null {
  if (t.kind === 'zipmap') return t.classLabels?.length ?? null;
  if (t.shape.length === 1) return 1;
  const w = t.shape[t.shape.length - 1];
  return typeof w === 'number' ? w : null;
}

function positiveIndex(t: TensorInfo, positive: unknown): number {
  if (t.kind === 'zipmap' && t.classLabels?.length) {
    const want = positive === undefined ? ['1', 'true', 'yes'] : [String(positive)];
    const i = t.classLabels.findIndex((c) => want.includes(String(c)));
    if (i >= 0) return i;
    return t.classLabels.length - 1;
  }
  const w = outputWidth(t);
  return w === 2 ? 1 : 0;
}

function planScore(role: ModelRole, sig: ModelSignature, score: string | undefined, positive: unknown): { scoreOutput: string; scoreIndex: number } {
  const key = `models.${role}.score`;
  if (score) {
    const m = /^(.+?)(?:\[(\d+)\])?$/.exec(score)!;
    const out = sig.outputs.find((o) => o.name === m[1]);
    if (!out) throw new WorkbenchError('MAPPING_MISMATCH', `${key} names output "${m[1]}", which ${modelLabel(role)} does not have. Its outputs are: ${sig.outputs.map((o) => o.name).join(', ')}.`, { output: m[1], role });
    if (out.kind !== 'tensor' && out.kind !== 'zipmap') throw new WorkbenchError('MAPPING_MISMATCH', `Output "${out.name}" of ${modelLabel(role)} is a ${out.kind}; choose a tensor output for the score.`, { output: out.name, role });
    const w = outputWidth(out);
    const idx = m[2] !== undefined ? Number(m[2]) : positiveIndex(out, positive);
    if (w !== null && idx >= w) throw new WorkbenchError('MAPPING_MISMATCH', `${key} reads column ${idx} of output "${out.name}", which has ${w} column${w === 1 ? '' : 's'}.`, { output: out.name, role });
    if (out.type !== 'float32' && out.type !== 'float64' && out.kind !== 'zipmap') {
      throw new WorkbenchError('MAPPING_MISMATCH', `Output "${out.name}" of ${modelLabel(role)} is ${out.type}; the score must be a float output (a probability or a score).`, { output: out.name, role });
    }
    return { scoreOutput: out.name, scoreIndex: idx };
  }
  const floats = sig.outputs.filter((o) => o.kind === 'zipmap' || (o.kind === 'tensor' && (o.type === 'float32' || o.type === 'float64')));
  const pick = floats.find((o) => o.kind === 'zipmap')
    ?? floats.find((o) => outputWidth(o) === 2 && /prob/i.test(o.name))
    ?? floats.find((o) => outputWidth(o) === 2)
    ?? floats.find((o) => outputWidth(o) === 1)
    ?? (floats.length === 1 ? floats[0] : undefined);
  if (!pick) {
    throw new WorkbenchError('MAPPING_MISMATCH',
      `Cannot tell which output of ${modelLabel(role)} is the score. Set ${key} to "output" or "output[i]"; its outputs are: ${sig.outputs.map((o) => `${o.name} ${o.type} ${shapeText(o)}`).join(', ')}.`, { role });
  }
  return { scoreOutput: pick.name, scoreIndex: positiveIndex(pick, positive) };
}

const BOOL_LIKE: Record<string, boolean> = { true: true, false: false };

/** Regression labels must be numeric; multiclass labels give the class list. */
async function resolveClasses(map: ColumnMap, probe: DatasetProbe): Promise<(string | number)[] | undefined> {
  if (map.task === 'regression') {
    if (map.label) {
      const col = findColumn(probe.info, map.label, 'label');
      if (!isNumericType(col.type)) throw new WorkbenchError('BAD_LABEL', `A regression label must be numeric, but column "${map.label}" is ${col.type}.`, { column: map.label });
    }
    return undefined;
  }
  if (map.task !== 'multiclass') return undefined;
  if (map.classes) return map.classes;
  if (!map.label) throw new WorkbenchError('BAD_MAP', 'A multiclass map needs `classes` (the label values in the order of the probability columns) or a `label` column to take them from.');
  findColumn(probe.info, map.label, 'label');
  const values = await probe.distinct(map.label, 1001);
  if (values.length > 1000) throw new WorkbenchError('BAD_LABEL', `Label column "${map.label}" has more than 1,000 distinct values; list the classes in the map.`, { column: map.label });
  return values.map((v) => (typeof v === 'bigint' ? Number(v) : (v as string | number)));
}

/** Picks the positive class and checks the label has at most two values. */
async function resolveLabel(map: ColumnMap, probe: DatasetProbe): Promise<ColumnMap['positive']> {
  if (!map.label || (map.task && map.task !== 'binary')) return map.positive;
  findColumn(probe.info, map.label, 'label');
  const values = await probe.distinct(map.label, 3);
  const shown = values.map((v) => JSON.stringify(typeof v === 'bigint' ? Number(v) : v));
  if (values.length > 2) {
    throw new WorkbenchError('BAD_LABEL',
      `Label column "${map.label}" has more than two distinct values (${shown.join(', ')}, ...); Shadowbench compares binary classifiers. Map a binary label, or derive one before import.`,
      { column: map.label });
  }
  const asText = values.map((v) => String(typeof v === 'bigint' ? Number(v) : v));
  if (map.positive !== undefined) {
    if (values.length && !asText.includes(String(map.positive))) {
      throw new WorkbenchError('BAD_LABEL', `positive is ${JSON.stringify(map.positive)}, but label column "${map.label}" holds ${shown.join(' and ')}. Set positive to one of them.`, { column: map.label });
    }
    return map.positive;
  }
  const sorted = [...asText].sort();
  if (sorted.every((v) => v === '0' || v === '1')) return 1;
  if (sorted.every((v) => v in BOOL_LIKE)) return true;
  if (sorted.every((v) => v === 'no' || v === 'yes')) return 'yes';
  throw new WorkbenchError('BAD_MAP', `Label column "${map.label}" holds ${shown.join(' and ')}: set positive in the map to the value that means the positive class.`, { column: map.label });
}

/**
 * Fills the map's defaults and checks every name, type and width against the dataset and both
 * models. Errors name both sides (the map key and the model input or dataset column).
 */
export async function resolveMap(map: ColumnMap, probe: DatasetProbe, sigs: Record<ModelRole, ModelSignature>): Promise<ReplayPlan> {
  const info = probe.info;
  for (const key of ['timestamp', 'id', 'request'] as const) if (map[key]) findColumn(info, map[key]!, key);
  const sensitive = map.sensitive ?? [];
  for (const s of sensitive) findColumn(info, s, 'sensitive');
  const task = map.task ?? 'binary';
  const positive = await resolveLabel(map, probe);
  const classes = await resolveClasses(map, probe);
  const plans = {} as Record<ModelRole, ModelPlan>;
  for (const role of ['production', 'candidate'] as const) {
    const mm = map.models?.[role] ?? { inputs: {} };
    const sig = sigs[role];
    for (const name of Object.keys(mm.inputs ?? {})) {
      if (!sig.inputs.some((i) => i.name === name)) {
        throw new WorkbenchError('MAPPING_MISMATCH', `models.${role}.inputs names input "${name}", which ${modelLabel(role)} does not have. Its inputs are: ${sig.inputs.map((i) => `${i.name} ${i.type} ${shapeText(i)}`).join(', ')}.`, { input: name, role });
      }
    }
    const inputs = sig.inputs.map((inp) => planInput(role, inp, mm.inputs?.[inp.name], info));
    const score = planScore(role, sig, mm.score, positive);
    if (task === 'multiclass') {
      const out = sig.outputs.find((o) => o.name === score.scoreOutput)!;
      const w = outputWidth(out);
      if (w !== null && classes && w !== classes.length) {
        throw new WorkbenchError('MAPPING_MISMATCH', `Output "${out.name}" of ${modelLabel(role)} has ${w} class columns, but the map has ${classes.length} classes (${classes.join(', ')}). Set classes in the map in the order of the output's columns.`, { role, output: out.name });
      }
    }
    plans[role] = { role, task, inputs, ...score };
  }
  const resolved: ResolvedMap = {
    ...map,
    ...(positive !== undefined ? { positive } : {}),
    ...(classes ? { classes } : {}),
    task,
    threshold: map.threshold ?? 0.5,
    sensitive,
    models: {
      production: modelMapping(plans.production, map.models?.production?.label),
      candidate: modelMapping(plans.candidate, map.models?.candidate?.label),
    },
  };
  return { map: resolved, production: plans.production, candidate: plans.candidate };
}

function modelMapping(p: ModelPlan, label?: string): ResolvedMap['models']['production'] {
  return {
    inputs: Object.fromEntries(p.inputs.map((i) => [i.input, i.layout === 'matrix' && i.columns.length > 1 ? i.columns : i.columns[0]])),
    score: `${p.scoreOutput}[${p.scoreIndex}]`,
    ...(label ? { label } : {}),
  };
}
