import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkbenchError, type ErrorCode } from '../../../core/contract/index.js';
import { createModelRunner, readModel, type ModelRunner, type Tensor } from '../../../core/model/index.js';
import { fixture, unit } from './helpers.js';

/** Asserts a WorkbenchError with this code whose message contains every fragment and no stack frame. */
async function rejectsWith(p: Promise<unknown>, code: ErrorCode, ...fragments: string[]): Promise<WorkbenchError> {
  try {
    await p;
  } catch (e) {
    assert.ok(WorkbenchError.is(e), `a WorkbenchError, got ${String(e)}`);
    assert.equal(e.code, code, e.message);
    for (const f of fragments) assert.ok(e.message.includes(f), `message should mention ${JSON.stringify(f)}: ${e.message}`);
    assert.doesNotMatch(e.message, /\n\s+at |\.(ts|js|h|cc):\d+/, 'no stack trace in the message');
    return e;
  }
  assert.fail(`expected ${code}`);
}

const tmp = mkdtempSync(join(tmpdir(), 'sb-model-'));
test.after(() => rmSync(tmp, { recursive: true, force: true }));

test('missing file: FILE_NOT_FOUND naming the path (readModel and createModelRunner)', async () => {
  const path = join(tmp, 'nope.onnx');
  await rejectsWith(readModel(path), 'FILE_NOT_FOUND', path);
  await rejectsWith(createModelRunner(path), 'FILE_NOT_FOUND', path);
});

test('a directory: FILE_UNREADABLE', async () => {
  await rejectsWith(readModel(tmp), 'FILE_UNREADABLE', tmp, 'directory');
});

test('empty, garbage and truncated files: BAD_MODEL naming the file and what protobuf said', async () => {
  const empty = join(tmp, 'empty.onnx');
  writeFileSync(empty, '');
  await rejectsWith(readModel(empty), 'BAD_MODEL', empty, 'empty');
  const garbage = join(tmp, 'garbage.onnx');
  writeFileSync(garbage, 'this is not a protobuf, just some text that someone renamed to .onnx\n'.repeat(5));
  await rejectsWith(readModel(garbage), 'BAD_MODEL', garbage, 'not a valid ONNX model');
  const truncated = join(tmp, 'truncated.onnx');
  const bytes = readFileSync(unit('per_column.onnx'));
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  await rejectsWith(readModel(truncated), 'BAD_MODEL', truncated, 'protobuf decoding failed');
});

test('the shared truncated fixture (fixtures/bad/truncated.onnx) is BAD_MODEL', async () => {
  const path = fixture('../bad/truncated.onnx');
  await rejectsWith(createModelRunner(path), 'BAD_MODEL', 'truncated.onnx');
});

for (const inWorker of [true, false]) {
  const mode = inWorker ? 'worker' : 'in-process';

  test(`onnxruntime refuses the model (${mode}): BAD_MODEL with onnxruntime's words`, async () => {
    const e = await rejectsWith(createModelRunner(unit('unknown_op.onnx'), { inWorker }), 'BAD_MODEL', 'unknown_op.onnx', 'NoSuchOperator');
    assert.match(String(e.details.reason), /NoSuchOperator/);
  });

  test(`bad feeds (${mode}): INFERENCE_FAILED naming the input, expected vs given`, async () => {
    const r = await createModelRunner(unit('logistic_2d.onnx'), { inWorker });
    try {
      const ok = (): Tensor => ({ type: 'float32', data: new Float32Array(6), dims: [2, 3] });
      await rejectsWith(r.run({ features: { type: 'float32', data: new Float32Array(8), dims: [2, 4] } }, []),
        'INFERENCE_FAILED', 'logistic_2d.onnx', '"features"', 'expects shape [batch, 3]', 'given [2, 4]');
      await rejectsWith(r.run({ features: { type: 'float32', data: new Float32Array(6), dims: [6] } }, []),
        'INFERENCE_FAILED', '"features"', 'rank 1 instead of 2');
      await rejectsWith(r.run({ features: { type: 'float64', data: new Float64Array(6), dims: [2, 3] } }, []),
        'INFERENCE_FAILED', '"features"', 'expects float32 [batch, 3]', 'given float64 [2, 3]');
      await rejectsWith(r.run({ features: { type: 'float32', data: new Float64Array(6), dims: [2, 3] } }, []),
        'INFERENCE_FAILED', '"features"', 'Float32Array', 'Float64Array');
      await rejectsWith(r.run({ features: { type: 'float32', data: new Float32Array(5), dims: [2, 3] } }, []),
        'INFERENCE_FAILED', '"features"', '6 elements', '5 values');
      await rejectsWith(r.run({}, []), 'INFERENCE_FAILED', 'input "features" was not fed');
      await rejectsWith(r.run({ features: ok(), extra: ok() }, []), 'INFERENCE_FAILED', '"extra" is not an input', 'features');
      await rejectsWith(r.run({ features: ok() }, ['scores']), 'INFERENCE_FAILED', '"scores" is not an output', 'probabilities, label');
      // After refusals the runner still works.
      const out = await r.run({ features: ok() }, ['label']);
      assert.deepEqual(out.label.dims, [2]);
    } finally {
      await r.close();
    }
  });

  test(`symbolic dims must agree across inputs (${mode})`, async () => {
    const r = await createModelRunner(unit('per_column.onnx'), { inWorker });
    try {
      await rejectsWith(r.run({
        age: { type: 'float32', data: new Float32Array(2), dims: [2, 1] },
        city: { type: 'string', data: ['paris', 'lyon', 'nice'], dims: [3, 1] },
        visits: { type: 'int64', data: new BigInt64Array(2), dims: [2, 1] },
      }, []), 'INFERENCE_FAILED', '"city"', '"batch" is 2 in input "age"');
      await rejectsWith(r.run({
        age: { type: 'float32', data: new Float32Array(2), dims: [2, 1] },
        city: { type: 'string', data: ['paris', 'lyon'], dims: [2, 1] },
        visits: { type: 'int64', data: new Int32Array(2) as unknown as BigInt64Array, dims: [2, 1] },
      }, []), 'INFERENCE_FAILED', '"visits"', 'BigInt64Array', 'Int32Array');
    } finally {
      await r.close();
    }
  });

  test(`sequence outputs and float16 are refused clearly (${mode})`, async () => {
    const m = await createModelRunner(unit('metadata.onnx'), { inWorker });
    const h = await createModelRunner(unit('float16.onnx'), { inWorker });
    try {
      await rejectsWith(m.run({ x: { type: 'float64', data: new Float64Array(4), dims: [1, 4] } }, ['pieces']),
        'INFERENCE_FAILED', 'output "pieces" is a sequence', 'cannot return');
      const all = await m.run({ x: { type: 'float64', data: new Float64Array(4), dims: [1, 4] } }, []);
      assert.deepEqual(Object.keys(all), ['y'], 'no outputs named: every tensor output, sequences left out');
      await rejectsWith(h.run({ h: { type: 'float16', data: new Uint16Array(2) as unknown as Uint8Array, dims: [1, 2] } }, []),
        'INFERENCE_FAILED', 'input "h" is float16', 'convert the model to float32');
    } finally {
      await Promise.all([m.close(), h.close()]);
    }
  });

  test(`an onnxruntime failure at run time is wrapped (${mode}): INFERENCE_FAILED with ORT's words, runner still usable`, async () => {
    const r: ModelRunner = await createModelRunner(unit('reshape4.onnx'), { inWorker });
    try {
      const e = await rejectsWith(r.run({ x: { type: 'float32', data: new Float32Array(3), dims: [1, 3] } }, ['y']),
        'INFERENCE_FAILED', 'reshape4.onnx', 'onnxruntime failed to run the batch');
      assert.match(e.message, /cannot be reshaped/);
      assert.doesNotMatch(e.message, /onnxruntime_src|ReshapeHelper::/, 'onnxruntime source locations are stripped');
      const out = await r.run({ x: { type: 'float32', data: new Float32Array(12).fill(1), dims: [4, 3] } }, ['y']);
      assert.deepEqual(out.y.dims, [3, 4]);
    } finally {
      await r.close();
    }
  });

  test(`run after close is refused; close is idempotent (${mode})`, async () => {
    const r = await createModelRunner(unit('logistic_2d.onnx'), { inWorker });
    await r.close();
    await r.close();
    await rejectsWith(r.run({ features: { type: 'float32', data: new Float32Array(3), dims: [1, 3] } }, []),
      'INFERENCE_FAILED', 'was closed');
  });
}

test('a worker that has died rejects every later run with INFERENCE_FAILED', async () => {
  // The worker is killed while idle: killing it inside a native session.run can abort the whole
  // process from onnxruntime's side (terminate called after throwing Napi::Error), which no test may do.
  const r = await createModelRunner(unit('bench_logistic20.onnx'));
  await r.run({ features: { type: 'float32', data: new Float32Array(20), dims: [1, 20] } }, ['label']);
  const worker = (r as unknown as { worker: { terminate(): Promise<number> } }).worker;
  await worker.terminate();
  await rejectsWith(r.run({ features: { type: 'float32', data: new Float32Array(20), dims: [1, 20] } }, []),
    'INFERENCE_FAILED', 'bench_logistic20.onnx', 'worker exited');
  await r.close();
});
