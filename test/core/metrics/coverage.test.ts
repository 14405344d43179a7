// Simulation: the paired multinomial bootstrap interval of the accuracy difference covers the
// true difference in about 95% of samples.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bootstrapCells } from '../../../core/metrics/bootstrapCells.js';
import { CellMetrics, type Cell } from '../../../core/metrics/cellMetrics.js';
import { createRng } from '../../../core/metrics/prng.js';

test('95% paired bootstrap intervals of the accuracy delta cover the truth ~95% of the time', () => {
  // production right w.p. 0.80; candidate copies production's correctness w.p. 0.6, else right w.p. 0.75
  // => P(candidate right) = 0.6 * 0.8 + 0.4 * 0.75 = 0.78, true delta = -0.02 (correlated, so pairing matters)
  const truth = 0.78 - 0.8;
  const rng = createRng(99);
  const draws = 200, n = 300;
  let covered = 0, widthSum = 0;
  for (let d = 0; d < draws; d++) {
    const tally = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const y = rng.next() < 0.4 ? 1 : 0;
      const pr = rng.next() < 0.8;
      const cr = rng.next() < 0.6 ? pr : rng.next() < 0.75;
      const yp = pr ? y : 1 - y, yc = cr ? y : 1 - y;
      const k = `${y}${yp}${yc}`;
      tally.set(k, (tally.get(k) ?? 0) + 1);
    }
    const cells: Cell[] = [...tally].map(([k, c]) => ({ groups: [], y: Number(k[0]) as 0 | 1, yp: Number(k[1]) as 0 | 1, yc: Number(k[2]) as 0 | 1, n: c }));
    const cm = new CellMetrics(cells, []);
    const idx = cm.keys.findIndex((k) => k.id === 'outcome.accuracy' && k.model === 'delta');
    const iv = bootstrapCells(cm, cells.map((c) => c.n), { B: 300, seed: d, level: 0.95 })[idx]!;
    if (iv.low <= truth && truth <= iv.high) covered++;
    widthSum += iv.high - iv.low;
  }
  const coverage = covered / draws;
  assert.ok(coverage >= 0.9 && coverage <= 0.99, `coverage ${coverage}`);
  // paired: var(delta) = (0.8*0.2 + 0.78*0.22 - 2 cov) / n with cov = 0.6*0.16 -> sd ~ 0.0218, width ~ 0.085
  const meanWidth = widthSum / draws;
  assert.ok(meanWidth > 0.06 && meanWidth < 0.11, `mean width ${meanWidth}`);
});
