import type { TensorElementType } from '../contract/index.js';

/**
 * The data of a tensor: a typed array matching the element type (int64 as BigInt64Array, bool as
 * Uint8Array) or, for string tensors, a plain array of strings. Row-major.
 */
export type TensorData =
  | Float32Array | Float64Array | BigInt64Array | Int32Array | Uint8Array | string[]
  | Int8Array | Int16Array | Uint16Array | Uint32Array | BigUint64Array;

/** A tensor as Shadowbench passes it to and from a model. */
export interface Tensor {
  type: TensorElementType;
  data: TensorData;
  dims: number[];
}

/** The JS container each element type travels in. float16 is refused (see `checkTensorType`). */
const CONTAINERS: Partial<Record<TensorElementType, string>> = {
  float32: 'Float32Array', float64: 'Float64Array', int64: 'BigInt64Array', int32: 'Int32Array',
  uint8: 'Uint8Array', bool: 'Uint8Array', int8: 'Int8Array', int16: 'Int16Array', uint16: 'Uint16Array',
  uint32: 'Uint32Array', uint64: 'BigUint64Array', string: 'Array',
};

/** Name of the container expected for an element type, or undefined when the type is not supported. */
export function containerFor(type: TensorElementType): string | undefined {
  return CONTAINERS[type];
}

/** The container name of some tensor data, e.g. "Float64Array" or "Array". */
export function containerOf(data: unknown): string {
  if (Array.isArray(data)) return 'Array';
  if (ArrayBuffer.isView(data)) return data.constructor.name;
  return data === null ? 'null' : typeof data;
}

/** Number of elements a shape holds. */
export function elementCount(dims: readonly number[]): number {
  let n = 1;
  for (const d of dims) n *= d;
  return n;
}

/** Formats a shape like [batch, 3] or [65536, 3]. */
export function formatShape(shape: readonly (number | string | null)[]): string {
  return `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;
}

/**
 * The distinct ArrayBuffers behind some tensors, for a postMessage transfer list. Shared buffers
 * are left out (they cannot be transferred and need not be).
 */
export function transferList(tensors: Iterable<Tensor>): ArrayBuffer[] {
  const seen = new Set<ArrayBuffer>();
  for (const t of tensors) {
    if (ArrayBuffer.isView(t.data) && t.data.buffer instanceof ArrayBuffer && t.data.buffer.byteLength > 0) {
      seen.add(t.data.buffer);
    }
  }
  return [...seen];
}
