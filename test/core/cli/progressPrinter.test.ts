import { test } from 'node:test';
import assert from 'node:assert/strict';
import { progressPrinter } from '../../../core/cli/progressPrinter.js';

test('progress printer: rows with rate and ETA, throttled; a stage in steps prints every step, then done', () => {
  const out: string[] = [];
  const p = progressPrinter((t) => out.push(t), false);
  p.update({ stage: 'replay', done: 1000, total: 4000, rate: 500, etaSeconds: 6 });
  p.update({ stage: 'replay', done: 2000, total: 4000, rate: 500, etaSeconds: 4 }); // within 5 s: not printed
  p.update({ stage: 'replay', done: 4000, total: 4000, rate: 500, etaSeconds: 0 }); // finished: printed
  for (let done = 0; done <= 4; done++) p.update({ stage: 'metrics', done, total: 4, rate: 0, etaSeconds: done === 4 ? 0 : null, unit: 'steps' });
  p.update({ stage: 'drift', done: 0, total: 1, rate: 0, etaSeconds: null, unit: 'steps' });
  p.end();
  assert.deepEqual(out, [
    'replay: 1,000 / 4,000 rows 25.0%  500 rows/s  ETA 6s\n',
    'replay: 4,000 / 4,000 rows 100.0%  500 rows/s\n',
    'metrics: step 1 of 4...\n', 'metrics: step 2 of 4...\n', 'metrics: step 3 of 4...\n', 'metrics: step 4 of 4...\n', 'metrics: done\n',
    'drift: computing...\n',
  ]);
});
