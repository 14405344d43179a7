import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { readModel } from '../../../core/model/index.js';
import { unit } from './helpers.js';

test('readModel: name, size and sha256 of the original file (checked with sha256sum)', async () => {
  const path = unit('logistic_2d.onnx');
  const m = await readModel(path);
  assert.equal(m.path, path);
  assert.equal(m.name, 'logistic_2d.onnx');
  assert.equal(m.sizeBytes, statSync(path).size);
  const sum = execFileSync('sha256sum', [path], { encoding: 'utf8' }).split(' ')[0];
  assert.equal(m.sha256, sum);
  assert.deepEqual(Buffer.from(m.runnableBytes), readFileSync(path), 'no ZipMap: runnable bytes are the file');
});

test('readModel: 2-D float input, symbolic dims, tensor outputs, opsets, ir_version', async () => {
  const { signature: s } = await readModel(unit('logistic_2d.onnx'));
  assert.deepEqual(s.inputs, [{ name: 'features', kind: 'tensor', type: 'float32', shape: ['batch', 3] }]);
  assert.deepEqual(s.outputs, [
    { name: 'probabilities', kind: 'tensor', type: 'float32', shape: ['batch', 2] },
    { name: 'label', kind: 'tensor', type: 'int64', shape: ['batch'] },
  ]);
  assert.deepEqual(s.opsets, { '': 17 });
  assert.equal(s.irVersion, 8);
  assert.equal(s.producerName, 'make_unit_models');
});

test('readModel: per-column inputs with string and int64 types; ai.onnx.ml opset', async () => {
  const { signature: s } = await readModel(unit('per_column.onnx'));
  assert.deepEqual(s.inputs.map((i) => [i.name, i.type, i.shape]), [
    ['age', 'float32', ['batch', 1]], ['city', 'string', ['batch', 1]], ['visits', 'int64', ['batch', 1]],
  ]);
  assert.deepEqual(s.opsets, { '': 17, 'ai.onnx.ml': 3 });
});

test('readModel: producer, domain, model_version, doc_string, metadata_props; unknown dim null; sequence output', async () => {
  const { signature: s } = await readModel(unit('metadata.onnx'));
  assert.equal(s.producerName, 'shadowbench-unit');
  assert.equal(s.producerVersion, '1.2.3');
  assert.equal(s.domain, 'ai.shadowbench.unit');
  assert.equal(s.modelVersion, 7);
  assert.equal(s.docString, 'A model that only carries metadata.');
  assert.deepEqual(s.metadata, { author: 'Unit Tests', training_set: 'none', threshold: '0.42' });
  assert.deepEqual(s.inputs, [{ name: 'x', kind: 'tensor', type: 'float64', shape: ['rows', 4] }]);
  assert.deepEqual(s.outputs, [
    { name: 'y', kind: 'tensor', type: 'float64', shape: [null, 4] },
    { name: 'pieces', kind: 'sequence', type: 'float64', shape: [] },
  ]);
});

test('readModel: float16 input is reported as float16', async () => {
  const { signature: s } = await readModel(unit('float16.onnx'));
  assert.equal(s.inputs[0].type, 'float16');
});

test('readModel: initializers listed as graph inputs (old converters) are not reported as inputs', async () => {
  const { signature: s } = await readModel(unit('initializer_input.onnx'));
  assert.deepEqual(s.inputs, [{ name: 'x', kind: 'tensor', type: 'float32', shape: ['batch', 2] }]);
});
