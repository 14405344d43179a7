import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createModelRunner, readModel } from '../../../core/model/index.js';
import { decodeModel } from '../../../core/model/onnxProto.js';
import { assertClose, expected, f32, unit } from './helpers.js';

test('ZipMap output is reported as kind zipmap with the tensor that feeds it and its class labels', async () => {
  const { signature: s } = await readModel(unit('zipmap.onnx'));
  assert.deepEqual(s.outputs, [
    { name: 'output_label', kind: 'tensor', type: 'int64', shape: ['N'] },
    { name: 'output_probability', kind: 'zipmap', type: 'float32', shape: [null, 2], feeds: 'probabilities', classLabels: [0, 1] },
  ]);
  const strings = await readModel(unit('zipmap_strings.onnx'));
  assert.deepEqual(strings.signature.outputs[1].classLabels, ['no', 'yes']);
  assert.equal(strings.signature.outputs[0].type, 'string');
});

test('ZipMap exposure appends to the original bytes and keeps them byte-for-byte; sha256 is of the file', async () => {
  const path = unit('zipmap.onnx');
  const m = await readModel(path);
  const original = readFileSync(path);
  assert.ok(m.runnableBytes.byteLength > original.byteLength);
  assert.deepEqual(Buffer.from(m.runnableBytes.subarray(0, original.byteLength)), original);
  assert.equal(m.sizeBytes, original.byteLength);
  // Decoded, the runnable bytes hold the same nodes plus one graph output: the float [?, 2] tensor feeding ZipMap.
  const before = decodeModel(original);
  const after = decodeModel(m.runnableBytes);
  assert.equal(after.graph?.node?.length, before.graph?.node?.length);
  assert.deepEqual(after.graph?.output?.map((o) => o.name), ['output_label', 'output_probability', 'probabilities']);
  const extra = after.graph!.output![2].type!.tensor_type!;
  assert.equal(extra.elem_type, 1);
  assert.deepEqual(extra.shape!.dim!.map((d) => (Object.hasOwn(d, 'dim_value') ? Number(d.dim_value) : null)), [null, 2]);
});

for (const inWorker of [true, false]) {
  const mode = inWorker ? 'worker' : 'in-process';

  test(`ZipMap (${mode}): the [N, C] probabilities match numpy; int64 labels as BigInt64Array`, async () => {
    const e = expected.zipmap;
    const r = await createModelRunner(unit('zipmap.onnx'), { inWorker });
    try {
      const rows = e.inputs.features.length;
      const out = await r.run({ features: { type: 'float32', data: f32(e.inputs.features), dims: [rows, 3] } },
        ['output_probability', 'output_label']);
      assert.deepEqual(Object.keys(out).sort(), ['output_label', 'output_probability']);
      assert.equal(out.output_probability.type, 'float32');
      assert.deepEqual(out.output_probability.dims, [rows, 2]);
      assertClose(out.output_probability.data as Float32Array, e.outputs.output_probability.flat(), 1e-6, 'probabilities');
      assert.ok(out.output_label.data instanceof BigInt64Array);
      assert.deepEqual([...out.output_label.data as BigInt64Array], e.outputs.output_label.map(BigInt));
    } finally {
      await r.close();
    }
  });

  test(`ZipMap (${mode}): the feeding tensor can be asked for by its own name; empty batch works`, async () => {
    const r = await createModelRunner(unit('zipmap.onnx'), { inWorker });
    try {
      const e = expected.zipmap;
      const rows = e.inputs.features.length;
      const out = await r.run({ features: { type: 'float32', data: f32(e.inputs.features), dims: [rows, 3] } }, ['probabilities']);
      assertClose(out.probabilities.data as Float32Array, e.outputs.output_probability.flat(), 1e-6, 'probabilities');
      const empty = await r.run({ features: { type: 'float32', data: new Float32Array(0), dims: [0, 3] } }, ['output_probability']);
      assert.deepEqual(empty.output_probability, { type: 'float32', data: new Float32Array(0), dims: [0, 2] });
    } finally {
      await r.close();
    }
  });

  test(`ZipMap with string class labels (${mode}): string label output comes back as string[]`, async () => {
    const e = expected.zipmap_strings;
    const r = await createModelRunner(unit('zipmap_strings.onnx'), { inWorker });
    try {
      const rows = e.inputs.features.length;
      const out = await r.run({ features: { type: 'float32', data: f32(e.inputs.features), dims: [rows, 3] } }, []);
      assertClose(out.output_probability.data as Float32Array, e.outputs.output_probability.flat(), 1e-6, 'probabilities');
      assert.deepEqual(out.output_label, { type: 'string', data: e.outputs.output_label, dims: [rows] });
    } finally {
      await r.close();
    }
  });
}
