// Fairlearn user guide worked example (18 rows, groups a/b/c): its printed outputs are the reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeMetrics } from '../../../core/metrics/computeMetrics.js';
import { close, find, loadFixture, openWithFixture } from './helpers.js';

test('reproduces the Fairlearn user-guide MetricFrame and scalar outputs', async () => {
  const fx = loadFixture('fairlearn_user_guide');
  const pub = fx.published;
  const tol = 1e-6; // outputs printed with 6 decimals
  const db = await openWithFixture(fx);
  try {
    const recs = await computeMetrics(db.conn, 't', { threshold: 0.5, sensitive: ['sf'], bootstrap: { B: 0, seed: 1 } });
    close(find(recs, 'outcome.recall', 'production').value, pub.overall.tpr, tol, 'overall tpr');
    close(find(recs, 'outcome.precision', 'production').value, pub.overall.precision, tol, 'overall precision');
    assert.equal(find(recs, 'data.rows', 'both').value, pub.overall.count);
    for (const [g, e] of Object.entries<any>(pub.by_group)) { // eslint-disable-line @typescript-eslint/no-explicit-any
      const group = { sf: g };
      close(find(recs, 'fairness.tpr', 'production', group).value, e.tpr, tol, `${g} tpr`);
      close(find(recs, 'fairness.fpr', 'production', group).value, e.fpr, tol, `${g} fpr`);
      close(find(recs, 'fairness.selection_rate', 'production', group).value, e.sel, tol, `${g} sel`);
      assert.equal(find(recs, 'fairness.count', 'both', group).value, e.count);
    }
    const star = { sf: '*' };
    close(find(recs, 'fairness.demographic_parity_difference', 'production', star).value, pub.demographic_parity_difference, tol, 'dpd');
    close(find(recs, 'fairness.demographic_parity_ratio', 'production', star).value, pub.demographic_parity_ratio, tol, 'dpr');
    close(find(recs, 'fairness.equalized_odds_difference', 'production', star).value, pub.equalized_odds_difference, tol, 'eod');
    close(find(recs, 'fairness.equal_opportunity_difference', 'production', star).value, pub.difference.tpr, tol, 'tpr difference');
    // candidate = production here, so every delta is 0
    assert.equal(find(recs, 'fairness.demographic_parity_difference', 'delta', star).value, 0);
    // overall selection rate 0.555556 and FPR 0.666667: the same numbers from the "both" agreement rows
    const sel = recs.filter((r) => r.id === 'fairness.selection_rate' && r.model === 'production');
    const counts = sel.map((r) => find(recs, 'fairness.count', 'both', r.group).value!);
    const overallSel = sel.reduce((s, r, i) => s + r.value! * counts[i]!, 0) / 18;
    close(overallSel, pub.overall.sel, tol, 'overall selection rate');
  } finally {
    db.close();
  }
});
