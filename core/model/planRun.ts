import { WorkbenchError, type ModelSignature, type TensorInfo } from '../contract/index.js';
import { containerFor, containerOf, elementCount, formatShape, type Tensor } from './tensor.js';

/** What to ask onnxruntime for: (name returned to the caller, graph output fetched). */
export type Fetch = [key: string, fetch: string];

const FLOAT16_HINT = 'Shadowbench does not feed or read float16 tensors; convert the model to float32 '
  + '(e.g. onnxconverter-common\'s float16 -> float32 conversion) and open it again.';

function fail(model: string, message: string, details: Record<string, unknown>): never {
  throw new WorkbenchError('INFERENCE_FAILED', `Model ${model}: ${message}`, { model, ...details });
}

/**
 * Checks feeds against the signature before anything reaches onnxruntime (names, element types,
 * containers, element counts, rank, fixed dims, consistent symbolic dims) and resolves the requested
 * outputs (a ZipMap output is fetched through the tensor that feeds it, which may also be named
 * directly). An empty `outputs` means
 * every output that can be fetched. Throws INFERENCE_FAILED naming the input/output.
 */
export function planRun(sig: ModelSignature, model: string, feeds: Record<string, Tensor>, outputs: string[]): Fetch[] {
  const inputNames = sig.inputs.map((i) => i.name);
  for (const name of Object.keys(feeds)) {
    if (!inputNames.includes(name)) {
      fail(model, `"${name}" is not an input of this model; its inputs are ${inputNames.join(', ')}.`, { input: name });
    }
  }
  const symbols = new Map<string, { input: string; size: number }>();
  for (const info of sig.inputs) {
    const t = feeds[info.name];
    if (!t) fail(model, `input "${info.name}" was not fed; the model needs ${inputNames.join(', ')}.`, { input: info.name });
    checkFeed(model, info, t, symbols);
  }
  const wanted = outputs.length ? outputs : sig.outputs.filter((o) => o.kind === 'tensor' || o.kind === 'zipmap').map((o) => o.name);
  return wanted.map((name): Fetch => {
    const o = sig.outputs.find((x) => x.name === name);
    // The tensor feeding a ZipMap may also be asked for by its own name.
    if (!o && sig.outputs.some((x) => x.kind === 'zipmap' && x.feeds === name)) return [name, name];
    if (!o) fail(model, `"${name}" is not an output; its outputs are ${sig.outputs.map((x) => x.name).join(', ')}.`, { output: name });
    if (o.kind === 'zipmap') return [name, o.feeds ?? name];
    if (o.kind !== 'tensor') {
      fail(model, `output "${name}" is a ${o.kind}, which onnxruntime-node cannot return; ask for a tensor output.`, { output: name });
    }
    if (o.type === 'float16') fail(model, `output "${name}" is float16. ${FLOAT16_HINT}`, { output: name });
    return [name, name];
  });
}

function checkFeed(model: string, info: TensorInfo, t: Tensor, symbols: Map<string, { input: string; size: number }>): void {
  const input = info.name;
  const expected = formatShape(info.shape);
  if (info.type === 'float16') fail(model, `input "${input}" is float16. ${FLOAT16_HINT}`, { input });
  if (t.type !== info.type) {
    fail(model, `input "${input}" expects ${info.type} ${expected} but was given ${t.type} ${formatShape(t.dims ?? [])}.`,
      { input, expectedType: info.type, givenType: t.type });
  }
  const container = containerFor(t.type);
  if (container !== containerOf(t.data)) {
    fail(model, `input "${input}" is ${t.type}, which travels as ${container}, but its data is a ${containerOf(t.data)}.`,
      { input, expectedContainer: container, givenContainer: containerOf(t.data) });
  }
  if (!Array.isArray(t.dims) || t.dims.some((d) => !Number.isInteger(d) || d < 0)) {
    fail(model, `input "${input}" has invalid dims ${JSON.stringify(t.dims)}; dims are non-negative integers.`, { input });
  }
  if (elementCount(t.dims) !== t.data.length) {
    fail(model, `input "${input}" has dims ${formatShape(t.dims)} (${elementCount(t.dims)} elements) but ${t.data.length} values.`,
      { input, givenShape: t.dims, values: t.data.length });
  }
  // A declared shape of [] may also mean "no shape recorded": only ranked shapes are checked.
  if (info.shape.length === 0) return;
  const mismatch = (why: string): never => fail(model,
    `input "${input}" expects shape ${expected} but was given ${formatShape(t.dims)}${why}.`,
    { input, expectedShape: info.shape, givenShape: t.dims });
  if (t.dims.length !== info.shape.length) mismatch(` (rank ${t.dims.length} instead of ${info.shape.length})`);
  info.shape.forEach((d, i) => {
    if (typeof d === 'number' && d !== t.dims[i]) mismatch(` (dimension ${i} must be ${d})`);
    if (typeof d === 'string') {
      const seen = symbols.get(d);
      if (seen && seen.size !== t.dims[i]) {
        mismatch(` (dimension ${i} "${d}" is ${seen.size} in input "${seen.input}")`);
      }
      if (!seen) symbols.set(d, { input, size: t.dims[i] });
    }
  });
}
