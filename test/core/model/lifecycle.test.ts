import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unit } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs an ESM snippet in a fresh node process (with tsx unless `compiled`); returns its exit status and output. */
function runChild(code: string, compiled = false): { status: number | null; signal: string | null; out: string } {
  const args = [...(compiled ? [] : ['--import', 'tsx']), '--input-type=module', '-e', code];
  // The timeout only guards against a hang (a process kept alive by a worker); it is not a performance check.
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, signal: r.signal, out: `${r.stdout}${r.stderr}` };
}

const script = (entry: string): string => `
  import { createModelRunner } from ${JSON.stringify(entry)};
  const r = await createModelRunner(${JSON.stringify(unit('logistic_2d.onnx'))});
  const out = await r.run({ features: { type: 'float32', data: new Float32Array([1, 2, 3]), dims: [1, 3] } }, ['label']);
  console.log('label', out.label.data[0]);
  await r.close();
`;

test('close() terminates the worker: the process exits by itself', () => {
  const r = runChild(script('./core/model/index.ts'));
  assert.equal(r.signal, null, `the child was killed (hung?): ${r.out}`);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /label 1/);
});

test('an idle runner that was never closed does not keep the process alive', () => {
  const r = runChild(`
    import { createModelRunner } from './core/model/index.ts';
    const r = await createModelRunner(${JSON.stringify(unit('logistic_2d.onnx'))});
    await r.run({ features: { type: 'float32', data: new Float32Array(3), dims: [1, 3] } }, []);
    console.log('done');
  `);
  assert.equal(r.signal, null, `the child was killed (hung?): ${r.out}`);
  assert.equal(r.status, 0, r.out);
});

const dist = `${root}dist/core/model/index.js`;
test('compiled dist/ runs the worker from runnerWorker.js without tsx', {
  skip: existsSync(dist) ? false : 'dist/ not built (npx tsc -p tsconfig.build.json)',
}, () => {
  const r = runChild(script('./dist/core/model/index.js'), true);
  assert.equal(r.signal, null, r.out);
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /label 1/);
});
