import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ColumnChunk } from '../../../core/data/Workspace.js';
import { buildAllFeeds, columnLayout } from '../../../core/replay/buildFeeds.js';
import type { ModelPlan } from '../../../core/replay/resolveMap.js';

const plan = (role: 'production' | 'candidate', columns: string[]): ModelPlan => ({
  role, task: 'binary', scoreOutput: 'p', scoreIndex: 1, inputs: [{ input: 'x', type: 'float32', columns, layout: 'matrix' }],
});

test('matrix inputs: one row-major block request per column list; the first model takes the chunk\'s block, any other a copy', () => {
  const plans = [plan('production', ['a', 'b', 'c']), plan('candidate', ['a', 'b', 'c'])];
  const layout = columnLayout(plans, { matrices: true });
  assert.deepEqual(layout.matrices, [{ columns: ['a', 'b', 'c'], as: 'float32' }]);
  assert.deepEqual(layout.requests, [], 'no per-column reads for them');
  const block = Float32Array.from([1, 2, 3, 4, 5, 6]); // two rows of a, b, c, as streamColumns delivers a matrix
  const chunk: ColumnChunk = { rows: 2, rowIds: Float64Array.from([0, 1]), columns: [], matrices: [{ data: block, nulls: [0, 0, 0] }] };
  const [p, c] = buildAllFeeds(plans, chunk, layout);
  assert.equal(p!.x!.data, block, 'no copy for the first model');
  assert.notEqual(c!.x!.data, block, 'the second model gets its own (each is transferred to its worker)');
  assert.deepEqual([...c!.x!.data as Float32Array], [1, 2, 3, 4, 5, 6]);
  assert.deepEqual(p!.x!.dims, [2, 3]);

  // Without matrices (latency replay) and for a one-column input: per-column reads, interleaved here.
  const cols = columnLayout([plan('production', ['b', 'a']), { ...plan('candidate', ['a']) }]);
  assert.deepEqual(cols.matrices, []);
  const a = Float32Array.from([1, 4]), b = Float32Array.from([2, 5]);
  const byCol: ColumnChunk = { rows: 2, rowIds: Float64Array.from([0, 1]), columns: cols.requests.map((r) => ({ data: r.column === 'a' ? a : b, nulls: 0 })) };
  const [q, r] = buildAllFeeds([plan('production', ['b', 'a']), plan('candidate', ['a'])], byCol, cols);
  assert.deepEqual([...q!.x!.data as Float32Array], [2, 1, 5, 4]);
  assert.deepEqual([...r!.x!.data as Float32Array], [1, 4]);
});
