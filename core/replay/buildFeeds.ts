import type { TensorElementType } from '../contract/index.js';
import type { ColumnChunk, ColumnRequest, MatrixRequest } from '../data/Workspace.js';
import type { Tensor, TensorData } from '../model/ModelRunner.js';
import type { InputPlan, ModelPlan, ReplayPlan } from './resolveMap.js';

type Cast = ColumnRequest['as'];

/** The column read type for an input's element type. */
export function castFor(type: TensorElementType): Cast {
  switch (type) {
    case 'float32': return 'float32';
    case 'float64': return 'float64';
    case 'int64': return 'int64';
    case 'int32': return 'int32';
    case 'bool': return 'bool';
    case 'string': return 'string';
    default: return 'float32';
  }
}

/** The columns both models need, each requested once per cast, and where each lands in a chunk. */
export interface ColumnLayout {
  requests: ColumnRequest[];
  index: Map<string, number>;
  /** With `matrices`: each multi-column numeric input read as one row-major block (StreamOptions.matrices), once per cast and column list. */
  matrices: MatrixRequest[];
  matrixIndex: Map<string, number>;
}

const keyOf = (column: string, as: Cast) => `${as}\u0000${column}`;
const matrixKey = (columns: string[], as: Cast) => JSON.stringify([as, columns]);

/**
 * Where each input's data comes from. With `matrices`, a 2-D input of several numeric columns is read
 * as a [rows, k] block DuckDB builds (its tensor as it comes: no interleave, no copy for the first
 * model fed from it); other inputs, and all without `matrices`, from per-column arrays.
 */
export function columnLayout(plans: ModelPlan[], opts: { matrices?: boolean } = {}): ColumnLayout {
  const requests: ColumnRequest[] = [];
  const index = new Map<string, number>();
  const matrices: MatrixRequest[] = [];
  const matrixIndex = new Map<string, number>();
  for (const p of plans) {
    for (const inp of p.inputs) {
      const as = castFor(inp.type);
      if (opts.matrices && inp.layout !== 'vector' && inp.columns.length > 1 && as !== 'string') {
        const k = matrixKey(inp.columns, as);
        if (!matrixIndex.has(k)) { matrixIndex.set(k, matrices.length); matrices.push({ columns: inp.columns, as }); }
        continue;
      }
      for (const c of inp.columns) {
        const k = keyOf(c, as);
        if (!index.has(k)) { index.set(k, requests.length); requests.push({ column: c, as }); }
      }
    }
  }
  return { requests, index, matrices, matrixIndex };
}

export function layoutFor(plan: ReplayPlan, opts: { matrices?: boolean } = {}): ColumnLayout {
  return columnLayout([plan.production, plan.candidate], opts);
}

function allocate(as: Cast, n: number): TensorData {
  switch (as) {
    case 'float32': return new Float32Array(n);
    case 'float64': return new Float64Array(n);
    case 'int64': return new BigInt64Array(n);
    case 'int32': return new Int32Array(n);
    case 'bool': return new Uint8Array(n);
    case 'string': return new Array<string>(n);
    default: return new Float32Array(n);
  }
}

function buildInput(inp: InputPlan, chunk: ColumnChunk, layout: ColumnLayout): Tensor {
  const as = castFor(inp.type);
  const n = chunk.rows;
  const k = inp.columns.length;
  const m = inp.layout !== 'vector' ? layout.matrixIndex.get(matrixKey(inp.columns, as)) : undefined;
  if (m !== undefined) return { type: inp.type, data: chunk.matrices![m]!.data, dims: [n, k] };
  const sources = inp.columns.map((c) => chunk.columns[layout.index.get(keyOf(c, as))!].data);
  const out = allocate(as, n * k);
  if (as === 'string') {
    const o = out as string[];
    for (let j = 0; j < k; j++) {
      const s = sources[j] as (string | null)[];
      for (let r = 0; r < n; r++) o[r * k + j] = s[r] ?? '';
    }
  } else if (k === 1) {
    (out as Float32Array).set((sources[0] as Float32Array).subarray(0, n));
  } else {
    const o = out as Float32Array;
    for (let j = 0; j < k; j++) {
      const s = sources[j] as Float32Array;
      for (let r = 0, p = j; r < n; r++, p += k) o[p] = s[r];
    }
  }
  return { type: inp.type, data: out, dims: inp.layout === 'vector' ? [n] : [n, k] };
}

/** Fresh tensors for one model (fresh because they are transferred to the model's worker). */
export function buildFeeds(plan: ModelPlan, chunk: ColumnChunk, layout: ColumnLayout): Record<string, Tensor> {
  return buildAllFeeds([plan], chunk, layout)[0]!;
}

/**
 * Fresh tensors for each of `plans` (one per worker, as they are transferred). An input fed exactly
 * as one already built (same type, layout and columns: typically production and candidate read the
 * same features) is a copy of it, a memcpy instead of a second gather and interleave.
 */
export function buildAllFeeds(plans: ModelPlan[], chunk: ColumnChunk, layout: ColumnLayout): Record<string, Tensor>[] {
  const built = new Map<string, Tensor>();
  return plans.map((plan) => {
    const feeds: Record<string, Tensor> = {};
    for (const inp of plan.inputs) {
      const key = JSON.stringify([inp.type, inp.layout, inp.columns]);
      const same = built.get(key);
      if (same) feeds[inp.input] = { type: same.type, data: same.data.slice() as TensorData, dims: [...same.dims] };
      else built.set(key, feeds[inp.input] = buildInput(inp, chunk, layout));
    }
    return feeds;
  });
}

/** Reads the score out of a model's output: the positive-class column, the regression value, or the multiclass argmax. */
export function extractScores(plan: ModelPlan, out: Tensor, rows: number): Float64Array {
  const data = out.data as Float32Array | Float64Array;
  const width = out.dims.length >= 2 ? out.dims[out.dims.length - 1] : 1;
  const scores = new Float64Array(rows);
  if (plan.task === 'multiclass') {
    // the predicted class: the first column with the highest probability (numpy argmax)
    for (let r = 0; r < rows; r++) {
      let best = 0;
      const base = r * width;
      for (let j = 1; j < width; j++) if (data[base + j] > data[base + best]) best = j;
      scores[r] = data[base] !== data[base] ? NaN : best;
    }
  } else if (width === 1) {
    for (let r = 0; r < rows; r++) scores[r] = data[r];
  } else {
    for (let r = 0, p = plan.scoreIndex; r < rows; r++, p += width) scores[r] = data[p];
  }
  return scores;
}
