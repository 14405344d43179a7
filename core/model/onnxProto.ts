import protobuf from 'protobufjs';

/**
 * The subset of onnx.proto (field numbers as in onnx/onnx.proto, IR version 8) that Shadowbench
 * decodes. Everything else (initializers, tensors, functions, training info) is skipped unread.
 * `NodeProto.attribute` is declared as raw bytes so that the huge attributes of tree ensembles are
 * not decoded; `decodeAttribute` decodes the few we need (ZipMap's class labels).
 */
const SCHEMA = `
syntax = "proto2";
package onnx;
message StringStringEntryProto { optional string key = 1; optional string value = 2; }
message OperatorSetIdProto { optional string domain = 1; optional int64 version = 2; }
message TensorShapeProto {
  message Dimension { optional int64 dim_value = 1; optional string dim_param = 2; optional string denotation = 3; }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  message Sequence { optional TypeProto elem_type = 1; }
  message Map { optional int32 key_type = 1; optional TypeProto value_type = 2; }
  message Optional { optional TypeProto elem_type = 1; }
  message SparseTensor { optional int32 elem_type = 1; optional TensorShapeProto shape = 2; }
  optional Tensor tensor_type = 1;
  optional Sequence sequence_type = 4;
  optional Map map_type = 5;
  optional string denotation = 6;
  optional SparseTensor sparse_tensor_type = 8;
  optional Optional optional_type = 9;
}
message ValueInfoProto { optional string name = 1; optional TypeProto type = 2; optional string doc_string = 3; }
message AttributeProto {
  optional string name = 1;
  optional float f = 2;
  optional int64 i = 3;
  optional bytes s = 4;
  repeated float floats = 7;
  repeated int64 ints = 8;
  repeated bytes strings = 9;
  optional int32 type = 20;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  optional string name = 3;
  optional string op_type = 4;
  repeated bytes attribute = 5;
  optional string domain = 7;
}
message TensorProto { optional string name = 8; }
message GraphProto {
  repeated NodeProto node = 1;
  optional string name = 2;
  repeated TensorProto initializer = 5;
  optional string doc_string = 10;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
  repeated ValueInfoProto value_info = 13;
}
message ModelProto {
  optional int64 ir_version = 1;
  optional string producer_name = 2;
  optional string producer_version = 3;
  optional string domain = 4;
  optional int64 model_version = 5;
  optional string doc_string = 6;
  optional GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
  repeated StringStringEntryProto metadata_props = 14;
}
`;

/** A 64-bit integer as protobufjs returns it (a Long when the `long` package is present). */
export type Int64 = number | { toNumber(): number; toString(): string };

export interface DimensionMsg { dim_value?: Int64; dim_param?: string }
export interface TypeMsg {
  tensor_type?: { elem_type?: number; shape?: { dim?: DimensionMsg[] } };
  sequence_type?: { elem_type?: TypeMsg };
  map_type?: { key_type?: number; value_type?: TypeMsg };
  optional_type?: { elem_type?: TypeMsg };
  sparse_tensor_type?: { elem_type?: number; shape?: { dim?: DimensionMsg[] } };
}
export interface ValueInfoMsg { name?: string; type?: TypeMsg; doc_string?: string }
export interface AttributeMsg {
  name?: string; f?: number; i?: Int64; s?: Uint8Array; floats?: number[]; ints?: Int64[]; strings?: Uint8Array[]; type?: number;
}
export interface NodeMsg { input?: string[]; output?: string[]; name?: string; op_type?: string; attribute?: Uint8Array[]; domain?: string }
export interface GraphMsg {
  node?: NodeMsg[]; name?: string; initializer?: { name?: string }[]; doc_string?: string; input?: ValueInfoMsg[]; output?: ValueInfoMsg[]; value_info?: ValueInfoMsg[];
}
export interface ModelMsg {
  ir_version?: Int64; producer_name?: string; producer_version?: string; domain?: string; model_version?: Int64;
  doc_string?: string; graph?: GraphMsg; opset_import?: { domain?: string; version?: Int64 }[];
  metadata_props?: { key?: string; value?: string }[];
}

const root = protobuf.parse(SCHEMA, { keepCase: true }).root;
const ModelProto = root.lookupType('onnx.ModelProto');
const AttributeProto = root.lookupType('onnx.AttributeProto');

/** ONNX TensorProto.DataType values used in TypeProto.Tensor.elem_type. */
export const ONNX_FLOAT = 1;

/** Decodes a ModelProto (the schema subset above). Throws protobufjs' error on malformed bytes. */
export function decodeModel(bytes: Uint8Array): ModelMsg {
  return ModelProto.decode(bytes) as unknown as ModelMsg;
}

/** Decodes one raw NodeProto.attribute entry. */
export function decodeAttribute(bytes: Uint8Array): AttributeMsg {
  return AttributeProto.decode(bytes) as unknown as AttributeMsg;
}

/**
 * Serialises `ModelProto { graph: { output: [info] } }`. Appended to an encoded ModelProto, it adds
 * one graph output and leaves every other byte as it was (protobuf merges concatenated messages:
 * singular embedded messages merge, repeated fields append).
 */
export function encodeExtraGraphOutput(info: ValueInfoMsg): Uint8Array {
  const msg = ModelProto.fromObject({ graph: { output: [info] } });
  return ModelProto.encode(msg).finish();
}

/** Converts a protobufjs int64 to a JS number (exact up to 2^53). */
export function toNumber(v: Int64 | undefined | null): number {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' ? v : v.toNumber();
}
