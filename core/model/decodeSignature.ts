import type { ModelSignature, TensorElementType, TensorInfo } from '../contract/index.js';
import {
  decodeAttribute, toNumber, type DimensionMsg, type GraphMsg, type ModelMsg, type NodeMsg, type TypeMsg, type ValueInfoMsg,
} from './onnxProto.js';

/** A ZipMap node found in the graph: its output (a graph output) and the tensor that feeds it. */
export interface ZipMapNode {
  output: string;
  feeds: string;
  classLabels: (string | number)[];
}

/** ONNX TensorProto.DataType -> onnxruntime's element type name. */
const ELEM_TYPES: Record<number, TensorElementType> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool',
  10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64',
};

export function elemType(code: number | undefined): TensorElementType {
  return (code !== undefined && ELEM_TYPES[code]) || 'unknown';
}

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function dim(d: DimensionMsg): number | string | null {
  if (has(d, 'dim_value')) return toNumber(d.dim_value);
  if (has(d, 'dim_param') && d.dim_param) return d.dim_param;
  return null;
}

/** Kind, element type and shape of a TypeProto. Sequences/maps report the element (value) tensor's type. */
function describeType(t: TypeMsg | undefined | null): Pick<TensorInfo, 'kind' | 'type' | 'shape'> {
  if (t?.tensor_type) {
    const shape = t.tensor_type.shape;
    return { kind: 'tensor', type: elemType(t.tensor_type.elem_type), shape: shape ? (shape.dim ?? []).map(dim) : [] };
  }
  if (t?.sequence_type) {
    const inner = describeType(t.sequence_type.elem_type);
    return { kind: 'sequence', type: inner.kind === 'tensor' ? inner.type : 'unknown', shape: [] };
  }
  if (t?.map_type) {
    const inner = describeType(t.map_type.value_type);
    return { kind: 'map', type: inner.kind === 'tensor' ? inner.type : 'unknown', shape: [] };
  }
  if (t?.optional_type) return describeType(t.optional_type.elem_type);
  return { kind: 'tensor', type: 'unknown', shape: [] };
}

function valueInfo(v: ValueInfoMsg): TensorInfo {
  return { name: v.name ?? '', ...describeType(v.type) };
}

const text = new TextDecoder();

/** ZipMap nodes (domain ai.onnx.ml) whose output is a graph output. */
export function findZipMaps(graph: GraphMsg): ZipMapNode[] {
  const outputs = new Set((graph.output ?? []).map((o) => o.name));
  const found: ZipMapNode[] = [];
  for (const node of graph.node ?? []) {
    if (node.op_type !== 'ZipMap' || node.domain !== 'ai.onnx.ml') continue;
    const out = node.output?.[0];
    const feeds = node.input?.[0];
    if (!out || !feeds || !outputs.has(out)) continue;
    found.push({ output: out, feeds, classLabels: zipMapLabels(node) });
  }
  return found;
}

function zipMapLabels(node: NodeMsg): (string | number)[] {
  for (const raw of node.attribute ?? []) {
    const a = decodeAttribute(raw);
    if (a.name === 'classlabels_int64s') return (a.ints ?? []).map((v) => toNumber(v));
    if (a.name === 'classlabels_strings') return (a.strings ?? []).map((s) => text.decode(s));
  }
  return [];
}

/** The signature of a decoded ModelProto: inputs (initializers excluded), outputs, metadata. */
export function decodeSignature(model: ModelMsg): ModelSignature {
  const graph = model.graph ?? {};
  // IR < 4 converters also list initializers as graph inputs; they are not fed.
  const initializers = new Set((graph.initializer ?? []).map((t) => t.name));
  const inputs = (graph.input ?? []).filter((i) => !initializers.has(i.name)).map(valueInfo);
  const zipmaps = new Map(findZipMaps(graph).map((z) => [z.output, z]));
  const known = new Map([...(graph.value_info ?? []), ...(graph.output ?? [])].map((v) => [v.name, v]));
  const outputs = (graph.output ?? []).map((o): TensorInfo => {
    const z = zipmaps.get(o.name ?? '');
    if (!z) return valueInfo(o);
    const fed = known.get(z.feeds);
    const shape = fed?.type?.tensor_type?.shape ? describeType(fed.type).shape : [null, z.classLabels.length];
    return { name: z.output, kind: 'zipmap', type: 'float32', shape, feeds: z.feeds, classLabels: z.classLabels };
  });
  const opsets: Record<string, number> = {};
  for (const o of model.opset_import ?? []) opsets[o.domain ?? ''] = toNumber(o.version);
  const metadata: Record<string, string> = {};
  for (const p of model.metadata_props ?? []) metadata[p.key ?? ''] = p.value ?? '';
  return {
    inputs, outputs, opsets,
    irVersion: toNumber(model.ir_version),
    producerName: model.producer_name ?? '',
    producerVersion: model.producer_version ?? '',
    domain: model.domain ?? '',
    modelVersion: toNumber(model.model_version),
    docString: model.doc_string ?? '',
    metadata,
  };
}
