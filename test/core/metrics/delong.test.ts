// DeLong against pROC's published aSAH results (roc.test(r.ndka, r.s100b), var(), cov()).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delong, delongAucInterval, delongStatsFromPlacements } from '../../../core/metrics/delong.js';
import { close, loadJson } from './helpers.js';

test('paired DeLong on pROC aSAH placements reproduces roc.test(r.ndka, r.s100b)', () => {
  const a = loadJson('proc_asah');
  const pub = a.published;
  // model 0 = s100b, model 1 = ndka, so difference = AUC(ndka) - AUC(s100b) as pROC's roc1 - roc2
  const r = delong(delongStatsFromPlacements(a['s100b.X'], a['ndka.X'], a['s100b.Y'], a['ndka.Y']), 0.95);
  close(r.auc[1], pub.auc_ndka, 1e-12, 'auc ndka');
  close(r.auc[0], pub.auc_s100b, 1e-12, 'auc s100b');
  close(r.variance[1], pub.var_ndka, 1e-12, 'var ndka');
  close(r.variance[0], pub.var_s100b, 1e-12, 'var s100b');
  close(r.covariance, pub.cov_ndka_s100b, 1e-12, 'cov');
  close(r.z, pub.z_ndka_minus_s100b, 1e-9, 'z');
  close(r.p, pub.p, 1e-9, 'p');
  close(r.ci.low, pub.ci[0], 1e-9, 'ci low');
  close(r.ci.high, pub.ci[1], 1e-9, 'ci high');
});

test('identical curves give z = 0 and p = 1 (pROC convention)', () => {
  const x = [0.2, 0.8, 1], y = [0.1, 0.5, 0.7, 0];
  const r = delong(delongStatsFromPlacements(x, x, y, y));
  assert.equal(r.z, 0);
  assert.equal(r.p, 1);
});

test('single-AUC interval is clipped to [0, 1]', () => {
  const iv = delongAucInterval(0.99, 0.01);
  assert.equal(iv.high, 1);
  assert.ok(iv.low < 0.99);
});
