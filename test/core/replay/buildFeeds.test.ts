import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnChunk } from '../../../core/data/Workspace.js';
import { buildAllFeeds, columnLayout } from '../../../core/replay/buildFeeds.js';
import type { ModelPlan } from '../../../core/replay/resolveMap.js';

const n = 4;
// Columns a, b, c as streamColumns lays out a full chunk: side by side in one buffer, in request order.
function chunk(): ColumnChunk {
  const all = Float32Array.from({ length: 3 * n }, (_, i) => 100 * Math.floor(i / n) + (i % n));
  return { rows: n, rowIds: Float64Array.from({ length: n }, (_, i) => i), columns: [0, 1, 2].map((c) => ({ data: all.subarray(c * n, (c + 1) * n), nulls: 0 })) };
}
const plan = (role: 'production' | 'candidate', columns: string[]): ModelPlan => ({
  role, task: 'binary', scoreOutput: 'p', scoreIndex: 1, inputs: [{ input: 'x', type: 'float32', columns, layout: 'matrix' }],
});
/** Row-major values of columns `cols` (indices into a, b, c) for the n rows. */
const rowMajor = (cols: number[]) => Array.from({ length: n }, (_, r) => cols.map((c) => 100 * c + r)).flat();
/** Column-major values, as a column-major feed holds them. */
const colMajor = (cols: number[]) => cols.flatMap((c) => Array.from({ length: n }, (_, r) => 100 * c + r));

test('column-major feeds: adjacent columns are the chunk\'s own buffer once, a copy for any other model, and copies when not adjacent', () => {
  const c = chunk();
  const layout = columnLayout([plan('production', ['a', 'b', 'c']), plan('candidate', ['a', 'b', 'c'])]);
  const [p, q] = buildAllFeeds([plan('production', ['a', 'b', 'c']), plan('candidate', ['a', 'b', 'c'])], c, layout, { columnMajor: true });
  assert.deepEqual(p!.x!.dims, [n, 3]);
  assert.equal(p!.x!.columnMajor, true);
  assert.equal((p!.x!.data as Float32Array).buffer, (c.columns[0]!.data as Float32Array).buffer, 'no copy for the first model');
  assert.notEqual((q!.x!.data as Float32Array).buffer, (c.columns[0]!.data as Float32Array).buffer, 'the second model gets its own copy (each is transferred)');
  assert.deepEqual([...p!.x!.data as Float32Array], colMajor([0, 1, 2]));
  assert.deepEqual([...q!.x!.data as Float32Array], colMajor([0, 1, 2]));

  // Two different inputs over the same buffer: one view at most; columns out of buffer order are copied.
  const c2 = chunk();
  const [r, s] = buildAllFeeds([plan('production', ['b', 'c']), plan('candidate', ['a', 'b'])], c2, layout, { columnMajor: true });
  assert.equal((r!.x!.data as Float32Array).buffer, (c2.columns[0]!.data as Float32Array).buffer);
  assert.notEqual((s!.x!.data as Float32Array).buffer, (c2.columns[0]!.data as Float32Array).buffer);
  assert.deepEqual([...r!.x!.data as Float32Array], colMajor([1, 2]));
  assert.deepEqual([...s!.x!.data as Float32Array], colMajor([0, 1]));
  const [t] = buildAllFeeds([plan('production', ['c', 'a'])], chunk(), layout, { columnMajor: true });
  assert.deepEqual([...t!.x!.data as Float32Array], colMajor([2, 0]));

  // Without columnMajor (latency replay): row-major, interleaved.
  const [u] = buildAllFeeds([plan('production', ['c', 'a', 'b'])], chunk(), layout);
  assert.equal(u!.x!.columnMajor, undefined);
  assert.deepEqual([...u!.x!.data as Float32Array], rowMajor([2, 0, 1]));
});
