import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createModelRunner, readModel, type Tensor } from '../../../core/model/index.js';
import { assertClose, expected, f32, unit } from './helpers.js';

function perColumnFeeds(): Record<string, Tensor> {
  const e = expected.per_column.inputs;
  const n = e.age.length;
  return {
    age: { type: 'float32', data: f32(e.age), dims: [n, 1] },
    city: { type: 'string', data: e.city.flat(), dims: [n, 1] },
    visits: { type: 'int64', data: BigInt64Array.from(e.visits.flat(), (v: number) => BigInt(v)), dims: [n, 1] },
  };
}

for (const inWorker of [true, false]) {
  const mode = inWorker ? 'worker' : 'in-process';

  test(`logistic_2d (${mode}): probabilities and int64 label match numpy`, async () => {
    const e = expected.logistic_2d;
    const r = await createModelRunner(unit('logistic_2d.onnx'), { inWorker });
    try {
      assert.equal(r.inWorker, inWorker);
      assert.ok(r.loadMs > 0);
      assert.equal(r.signature, r.file.signature);
      const n = e.inputs.features.length;
      const out = await r.run({ features: { type: 'float32', data: f32(e.inputs.features), dims: [n, 3] } }, ['probabilities', 'label']);
      assert.deepEqual(out.probabilities.dims, [n, 2]);
      assertClose(out.probabilities.data as Float32Array, e.outputs.probabilities.flat(), 1e-6, 'probabilities');
      assert.deepEqual(out.label, { type: 'int64', data: BigInt64Array.from(e.outputs.label, (v: number) => BigInt(v)), dims: [n] });
    } finally {
      await r.close();
    }
  });

  test(`per_column (${mode}): string input through OneHotEncoder, int64 input, unknown category`, async () => {
    const e = expected.per_column;
    const r = await createModelRunner(unit('per_column.onnx'), { inWorker });
    try {
      const out = await r.run(perColumnFeeds(), ['score', 'label']);
      assertClose(out.score.data as Float32Array, e.outputs.score.flat(), 1e-6, 'score');
      assert.deepEqual([...out.label.data as BigInt64Array], e.outputs.label.flat().map(BigInt));
    } finally {
      await r.close();
    }
  });

  test(`metadata model (${mode}): float64 in and out, exact`, async () => {
    const e = expected.metadata;
    const r = await createModelRunner(unit('metadata.onnx'), { inWorker });
    try {
      const data = Float64Array.from(e.inputs.x.flat());
      const out = await r.run({ x: { type: 'float64', data, dims: [2, 4] } }, ['y']);
      assert.deepEqual(out.y, { type: 'float64', data: Float64Array.from(e.outputs.y.flat()), dims: [2, 4] });
    } finally {
      await r.close();
    }
  });

  test(`initializer listed as input (${mode}): runs with only x fed`, async () => {
    const e = expected.initializer_input;
    const r = await createModelRunner(unit('initializer_input.onnx'), { inWorker });
    try {
      const out = await r.run({ x: { type: 'float32', data: f32(e.inputs.x), dims: [2, 2] } }, []);
      assertClose(out.y.data as Float32Array, e.outputs.y.flat(), 1e-6, 'y');
    } finally {
      await r.close();
    }
  });
}

test('thread options are accepted and do not change results', async () => {
  const e = expected.logistic_2d;
  const r = await createModelRunner(unit('logistic_2d.onnx'), { intraOpNumThreads: 2, interOpNumThreads: 2 });
  try {
    const out = await r.run({ features: { type: 'float32', data: f32(e.inputs.features), dims: [e.inputs.features.length, 3] } }, ['probabilities']);
    assertClose(out.probabilities.data as Float32Array, e.outputs.probabilities.flat(), 1e-6, 'probabilities');
  } finally {
    await r.close();
  }
});

test('worker and in-process runners return identical tensors', async () => {
  const file = await readModel(unit('per_column.onnx'));
  const [w, p] = await Promise.all([createModelRunner(file), createModelRunner(file, { inWorker: false })]);
  try {
    const a = await w.run(perColumnFeeds(), []);
    const b = await p.run(perColumnFeeds(), []);
    assert.deepEqual(a, b);
  } finally {
    await Promise.all([w.close(), p.close()]);
  }
});

/** Independent scores for the 20-feature bench model: float64 logistic with numpy's weights. */
function logistic(x: Float32Array, cols: number, w: number[], b: number): Float64Array {
  const n = x.length / cols;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let z = b;
    for (let j = 0; j < cols; j++) z += x[i * cols + j] * w[j];
    s[i] = 1 / (1 + Math.exp(-z));
  }
  return s;
}

function features(rows: number, cols: number, seed: number): Float32Array {
  const x = new Float32Array(rows * cols);
  let h = seed;
  for (let i = 0; i < x.length; i++) {
    h = (Math.imul(h ^ (h >>> 15), 2246822507) + 0x9e3779b9) | 0;
    x[i] = ((h >>> 8) / (1 << 24)) * 2 - 1;
  }
  return x;
}

test('worker runner transfers a 100k-row batch both ways (feeds detached) and scores it right', async () => {
  const e = expected.bench_logistic20;
  const rows = 100_000;
  const x = features(rows, 20, 7);
  const want = logistic(x, 20, e.weights, e.bias);
  const r = await createModelRunner(unit('bench_logistic20.onnx'));
  try {
    const out = await r.run({ features: { type: 'float32', data: x, dims: [rows, 20] } }, ['probabilities']);
    assert.equal(x.byteLength, 0, 'the feed buffer was transferred, not cloned');
    const p = out.probabilities.data as Float32Array;
    assert.equal(p.length, rows * 2);
    const p1 = new Float64Array(rows);
    for (let i = 0; i < rows; i++) p1[i] = p[2 * i + 1];
    assertClose(p1, want, 1e-5, 'p(class 1)');
  } finally {
    await r.close();
  }
});

test('transfer: false copies the feeds, so the same arrays can feed a second model', async () => {
  const r = await createModelRunner(unit('logistic_2d.onnx'));
  try {
    const x = f32(expected.logistic_2d.inputs.features);
    const feeds = { features: { type: 'float32' as const, data: x, dims: [x.length / 3, 3] } };
    const a = await r.run(feeds, ['probabilities'], { transfer: false });
    assert.equal(x.length, 15);
    const b = await r.run(feeds, ['probabilities']);
    assert.deepEqual(a, b);
    assert.equal(x.byteLength, 0);
  } finally {
    await r.close();
  }
});

for (const inWorker of [true, false]) {
  test(`feeds on Node's Buffer pool or a SharedArrayBuffer work and stay usable (${inWorker ? 'worker' : 'in-process'})`, async () => {
    const e = expected.logistic_2d;
    const n = e.inputs.features.length;
    const want = e.outputs.probabilities.flat();
    const r = await createModelRunner(unit('logistic_2d.onnx'), { inWorker });
    try {
      const pool = Buffer.allocUnsafe(n * 3 * 4); // small Buffers share an untransferable pool
      const pooled = new Float32Array(pool.buffer, pool.byteOffset, n * 3);
      pooled.set(f32(e.inputs.features));
      const a = await r.run({ features: { type: 'float32', data: pooled, dims: [n, 3] } }, ['probabilities']);
      assertClose(a.probabilities.data as Float32Array, want, 1e-6, 'pooled');
      assert.equal(pooled.length, n * 3, 'the pool was copied, not detached');
      const shared = new Float32Array(new SharedArrayBuffer(n * 3 * 4));
      shared.set(f32(e.inputs.features));
      const b = await r.run({ features: { type: 'float32', data: shared, dims: [n, 3] } }, ['probabilities']);
      assertClose(b.probabilities.data as Float32Array, want, 1e-6, 'shared');
    } finally {
      await r.close();
    }
  });
}

test('two runners run concurrently, several queued runs each, every result matches its own batch', async () => {
  const e = expected.bench_logistic20;
  const [r1, r2] = await Promise.all([createModelRunner(unit('bench_logistic20.onnx')), createModelRunner(unit('bench_logistic20.onnx'))]);
  try {
    const batches = [1, 2, 3, 4, 5, 6].map((seed) => features(2000 + seed, 20, seed));
    const wants = batches.map((x) => logistic(x, 20, e.weights, e.bias));
    const outs = await Promise.all(batches.map((x, i) =>
      (i % 2 ? r2 : r1).run({ features: { type: 'float32', data: x, dims: [x.length / 20, 20] } }, ['probabilities'])));
    outs.forEach((o, i) => {
      const p = o.probabilities.data as Float32Array;
      assertClose(Float64Array.from({ length: p.length / 2 }, (_, k) => p[2 * k + 1]), wants[i], 1e-5, `batch ${i}`);
    });
  } finally {
    await Promise.all([r1.close(), r2.close()]);
  }
});

test('the JS thread stays free while the worker runs a batch', async () => {
  const r = await createModelRunner(unit('bench_logistic20.onnx'));
  try {
    const x = features(200_000, 20, 3);
    let done = false;
    const run = r.run({ features: { type: 'float32', data: x, dims: [200_000, 20] } }, ['label']).finally(() => { done = true; });
    // The event loop keeps turning while the batch runs (in-process, the run blocks it: 1 turn).
    let turns = 0;
    while (!done && turns < 50) { await new Promise((resolve) => setImmediate(resolve)); turns++; }
    assert.equal(turns, 50, 'the event loop turned 50 times before the 200k-row batch finished');
    assert.equal((await run).label.dims[0], 200_000);
  } finally {
    await r.close();
  }
});
