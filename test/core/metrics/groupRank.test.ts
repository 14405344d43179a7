// Per-group rank metrics from the two sorts of all rows (groupRank.ts) against rankMetrics run on
// each group's rows alone (itself checked against scikit-learn and pROC in reference.test.ts and
// delong.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rankMetrics } from '../../../core/metrics/rankMetrics.js';
import { createRng } from '../../../core/metrics/prng.js';

function close(a: number | undefined, b: number | undefined, where: string): void {
  if (Number.isNaN(a!) || Number.isNaN(b!)) { assert.ok(Number.isNaN(a!) && Number.isNaN(b!), `${where}: ${a} vs ${b}`); return; }
  assert.ok(Math.abs(a! - b!) <= 1e-12 * Math.max(1, Math.abs(b!)), `${where}: ${a} vs ${b}`);
}

// 7 groups: placement and code packed in one payload word; 300: carried apart (three payloads).
for (const [name, f32, G] of [['doubles', false, 7], ['float32 scores', true, 7], ['doubles', false, 300], ['float32 scores', true, 300]] as const) {
  test(`rank metrics per group from the sorts of all rows equal each group's own (${name}, ${G} groups: ties, unlabelled rows, groups without positives, negatives or rows)`, () => {
    const rng = createRng(11);
    const n = 6000, used = G - 2;
    const y = new Int8Array(n), pp = new Float64Array(n), pc = new Float64Array(n), codes = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = i % 13 === 0 ? -1 : Math.floor(rng.next() * used); // the last two groups have no rows
      codes[i] = g;
      y[i] = rng.next() < 0.05 ? -1 : g === 3 ? 0 : g === 4 ? 1 : rng.next() < 0.3 + 0.1 * (g % 5) ? 1 : 0; // 3: no positives, 4: no negatives
      const round = (v: number) => (i % 3 === 0 ? Math.round(v * 20) / 20 : v); // many ties
      pp[i] = round(Math.min(1, Math.max(0, 0.5 * rng.next() + 0.4 * Math.max(0, y[i]!))));
      pc[i] = round(Math.min(1, Math.max(0, 0.3 * rng.next() + 0.6 * Math.max(0, y[i]!) * rng.next())));
      if (f32) { pp[i] = Math.fround(pp[i]!); pc[i] = Math.fround(pc[i]!); }
    }
    const rows = Uint32Array.from({ length: n }, (_, i) => i).filter((i) => y[i]! >= 0);
    const all = rankMetrics(pp, pc, y, rows, { groups: { codes, G } });
    const whole = rankMetrics(pp, pc, y, rows);
    assert.deepEqual(all.auc, whole.auc, 'the overall results do not change with groups');
    assert.equal(all.groups!.length, G);
    for (let g = 0; g < G; g++) {
      const mine = rows.filter((r) => codes[r] === g);
      const got = all.groups![g];
      if (mine.length === 0) { assert.equal(got, undefined, `group ${g} has no rows`); continue; }
      const want = rankMetrics(pp, pc, y, mine);
      for (const k of ['auc', 'prAuc', 'ks'] as const) for (const m of [0, 1]) close(got![k][m], want[k][m], `group ${g} ${k}[${m}]`);
      if (!want.delong) { assert.equal(got!.delong, undefined, `group ${g}: no DeLong without both classes`); continue; }
      const a = got!.delong!, b = want.delong;
      assert.equal(a.nPos, b.nPos); assert.equal(a.nNeg, b.nNeg);
      for (const s of ['s10', 's01'] as const) for (const i of [0, 1]) for (const j of [0, 1]) close(a[s][i]![j], b[s][i]![j], `group ${g} ${s}[${i}][${j}]`);
    }
  });
}
