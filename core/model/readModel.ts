import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { WorkbenchError, type ModelSignature } from '../contract/index.js';
import { decodeSignature, findZipMaps } from './decodeSignature.js';
import { decodeModel, encodeExtraGraphOutput, ONNX_FLOAT, type ModelMsg } from './onnxProto.js';

/** An ONNX file as read from disk, before any session is created. */
export interface ModelFile {
  /** Absolute path. */
  path: string;
  /** File name without directories. */
  name: string;
  /** SHA-256 (hex) of the original file bytes. */
  sha256: string;
  sizeBytes: number;
  signature: ModelSignature;
  /**
   * The bytes to give onnxruntime: the original file, plus (when the model has ZipMap outputs) an
   * appended ModelProto fragment that adds the tensors feeding each ZipMap as extra graph outputs.
   */
  runnableBytes: Uint8Array;
}

/** Reads an .onnx file: sha256, size, decoded signature, and the bytes to run (rewritten when a ZipMap output must be exposed). */
export async function readModel(path: string): Promise<ModelFile> {
  const abs = resolve(path);
  const bytes = await readBytes(abs);
  const name = basename(abs);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const model = decodeOrThrow(bytes, abs);
  const signature = decodeSignature(model);
  return { path: abs, name, sha256, sizeBytes: bytes.byteLength, signature, runnableBytes: exposeZipMapFeeds(bytes, model) };
}

async function readBytes(abs: string): Promise<Uint8Array> {
  try {
    const buf = await readFile(abs);
    return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new WorkbenchError('FILE_NOT_FOUND', `Model file not found: ${abs}. Check the path.`, { path: abs });
    }
    const reason = code === 'EISDIR' ? 'it is a directory' : (e as Error).message;
    throw new WorkbenchError('FILE_UNREADABLE', `Cannot read model file ${abs}: ${reason}.`, { path: abs, code });
  }
}

function decodeOrThrow(bytes: Uint8Array, abs: string): ModelMsg {
  const fail = (why: string): never => {
    throw new WorkbenchError('BAD_MODEL',
      `${abs} is not a valid ONNX model (${why}). Check that the file is complete and was exported as ONNX.`,
      { path: abs, reason: why });
  };
  if (bytes.byteLength === 0) fail('the file is empty');
  let model: ModelMsg | undefined;
  try {
    model = decodeModel(bytes);
  } catch (e) {
    fail(`protobuf decoding failed: ${(e as Error).message}`);
  }
  if (!model?.graph) fail('no graph found in the ModelProto');
  if (!(model!.graph!.output ?? []).length) fail('the graph has no outputs');
  return model!;
}

/** Appends a ModelProto fragment that adds each ZipMap's input tensor as a graph output. */
function exposeZipMapFeeds(bytes: Uint8Array, model: ModelMsg): Uint8Array {
  const graph = model.graph ?? {};
  const existing = new Set([...(graph.output ?? []), ...(graph.input ?? [])].map((v) => v.name));
  const extra = findZipMaps(graph)
    .filter((z) => !existing.has(z.feeds))
    .map((z) => encodeExtraGraphOutput({
      name: z.feeds,
      // Tensor float [?, C]: the leading dim is left unknown so it merges with whatever the graph infers.
      type: { tensor_type: z.classLabels.length
        ? { elem_type: ONNX_FLOAT, shape: { dim: [{}, { dim_value: z.classLabels.length }] } }
        : { elem_type: ONNX_FLOAT } },
    }));
  if (!extra.length) return bytes;
  const total = extra.reduce((n, e) => n + e.byteLength, bytes.byteLength);
  const out = new Uint8Array(total);
  out.set(bytes, 0);
  let at = bytes.byteLength;
  for (const e of extra) { out.set(e, at); at += e.byteLength; }
  return out;
}
