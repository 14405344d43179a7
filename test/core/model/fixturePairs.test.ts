import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createModelRunner, readModel, type Tensor } from '../../../core/model/index.js';
import { assertClose, fixture } from './helpers.js';

/** The realistic model pairs (sklearn -> skl2onnx); expected.json holds sklearn's positive-class probabilities. */
const PAIRS = ['hmda-matrix', 'hmda-columns', 'synthetic', 'bench'];

interface ExpectedInput { type: 'float32' | 'int64' | 'string'; shape: number[]; data: (number | string | null)[] }

function toTensor(i: ExpectedInput): Tensor {
  if (i.type === 'string') return { type: 'string', data: i.data as string[], dims: i.shape };
  if (i.type === 'int64') return { type: 'int64', data: BigInt64Array.from(i.data, (v) => BigInt(v as number)), dims: i.shape };
  return { type: 'float32', data: Float32Array.from(i.data, (v) => (v === null ? NaN : (v as number))), dims: i.shape };
}

for (const pair of PAIRS) {
  const dir = fixture(pair);
  const skip = existsSync(`${dir}/expected.json`) ? false : `fixtures/models/${pair} not built yet`;
  test(`fixture pair ${pair}: both models reproduce sklearn's probabilities (worker runner)`, { skip }, async () => {
    const e = JSON.parse(readFileSync(`${dir}/expected.json`, 'utf8'));
    for (const role of ['production', 'candidate'] as const) {
      const spec = e[role];
      const m = await readModel(`${dir}/${spec.model}`);
      const [, output, col] = /^(.+)\[(\d+)\]$/.exec(spec.score)!;
      const info = m.signature.outputs.find((o) => o.name === output);
      assert.ok(info, `${pair}/${role}: score output ${output} in the signature`);
      if (spec.zipmap) {
        assert.equal(info.kind, 'zipmap');
        assert.equal(info.feeds, spec.zipmap.feeds);
        assert.deepEqual(info.classLabels, spec.zipmap.class_labels);
      }
      assert.deepEqual(m.signature.inputs.map((i) => i.name).sort(), Object.keys(spec.inputs).sort());
      const feeds = Object.fromEntries(Object.entries(spec.inputs as Record<string, ExpectedInput>).map(([k, v]) => [k, toTensor(v)]));
      const r = await createModelRunner(m);
      try {
        const out = (await r.run(feeds, [output]))[output];
        const n = spec.proba.length;
        const cols = out.dims[1];
        const scores = Array.from({ length: n }, (_, k) => Number(out.data[k * cols + Number(col)]));
        assertClose(scores, spec.proba, e.tolerance, `${pair}/${role} ${spec.score}`);
      } finally {
        await r.close();
      }
    }
  });
}
