import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeOverTime } from '../../../../core/metrics/slices/computeOverTime.js';
import { computeSlices } from '../../../../core/metrics/slices/computeSlices.js';
import type { MetricRecord } from '../../../../core/contract/index.js';
import { close, find, loadSlicesFixture, loadTable, openDb } from './helpers.js';

const fx = loadSlicesFixture();
const TYPES = { y: 'INTEGER', p_production: 'DOUBLE', p_candidate: 'DOUBLE', region: 'VARCHAR', income: 'DOUBLE', sb_time: 'TIMESTAMP' };
const ALL = ['roc_auc', 'pr_auc', 'ks', 'accuracy', 'precision', 'recall', 'f1', 'brier', 'log_loss', 'selection_rate'];
const TOL = 1e-9;

/** Compares every metric of one group with the sklearn/scipy/numpy reference. */
function checkGroup(recs: MetricRecord[], prefix: string, group: Record<string, string>, ref: any, where: string): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  assert.equal(find(recs, `${prefix}.rows`, 'both', group).value, ref.rows, `${where} rows`);
  for (const m of ALL) {
    for (const model of ['production', 'candidate', 'delta']) {
      const r = find(recs, `${prefix}.${m}`, model, group);
      close(r.value, ref[model][m], TOL, `${where} ${m}/${model}`);
      if (m === 'selection_rate') assert.equal(r.n, ref.scored, `${where} ${m} n`);
      else assert.equal(r.n, ref.labelled, `${where} ${m} n`);
    }
  }
  close(find(recs, `${prefix}.agreement_rate`, 'both', group).value, ref.agreement_rate, TOL, `${where} agreement`);
  if (ref.delong) {
    for (const model of ['production', 'candidate', 'delta']) {
      const ci = find(recs, `${prefix}.roc_auc`, model, group).ci;
      assert.ok(ci, `${where} roc_auc/${model} has a DeLong interval`);
      close(ci.low, ref.delong[`ci_${model}`][0], 1e-9, `${where} DeLong ${model} low`);
      close(ci.high, ref.delong[`ci_${model}`][1], 1e-9, `${where} DeLong ${model} high`);
    }
    close(find(recs, `${prefix}.roc_auc`, 'delta', group).p, ref.delong.p_delta, 1e-9, `${where} DeLong p`);
  }
  if (ref.brier_ci) {
    for (const model of ['production', 'candidate', 'delta']) {
      const ci = find(recs, `${prefix}.brier`, model, group).ci!;
      close(ci.low, ref.brier_ci[model][0], 1e-9, `${where} Brier CI ${model} low`);
      close(ci.high, ref.brier_ci[model][1], 1e-9, `${where} Brier CI ${model} high`);
    }
  }
  for (const m of ['accuracy', 'precision', 'recall', 'f1']) {
    for (const model of ['production', 'candidate']) {
      const r = find(recs, `${prefix}.${m}`, model, group);
      if (r.ci) assert.ok(r.ci.low <= r.value! + 1e-12 && r.value! <= r.ci.high + 1e-12 && r.ci.method.startsWith('bootstrap'), `${where} ${m}/${model} interval holds the value`);
    }
  }
}

test('slices of a categorical and a numeric column match sklearn/scipy/numpy per slice', async () => {
  const { conn, close: end } = await openDb();
  try {
    await loadTable(conn, 't', TYPES, fx.rows);
    const recs = await computeSlices(conn, 't', ['region', 'income'], {
      threshold: fx.threshold, bins: fx.bins, bootstrap: { B: 200, seed: 1 },
      metrics: [...ALL.map((m) => (m === 'selection_rate' ? m : `outcome.${m}`)), 'shadow.agreement_rate'],
    });
    for (const col of ['region', 'income']) {
      const labels = Object.keys(fx.slices[col]);
      const got = [...new Set(recs.filter((r) => r.id === 'slice.rows' && r.group && col in r.group).map((r) => r.group![col]))];
      assert.deepEqual(got, labels, `${col}: slice labels and order`);
      for (const l of labels) checkGroup(recs, 'slice', { [col]: l }, fx.slices[col][l], `${col}=${l}`);
    }
    const rowsNote = find(recs, 'slice.rows', 'both', { income: 'missing' }).note!;
    for (const e of fx.income_edges as number[]) assert.ok(rowsNote.includes(String(Number(e.toPrecision(12)))) || rowsNote.includes(String(e)), `edge ${e} stated in the note: ${rowsNote}`);
    assert.ok(find(recs, 'slice.rows', 'both', { region: 'missing' }).value! > 0, 'NULL region is its own slice');
    // every slice has the two flag records, each 0 or 1 with a note
    for (const r of recs.filter((x) => x.id === 'slice.flag')) assert.ok((r.value === 0 || r.value === 1) && r.note);
    assert.equal(recs.filter((r) => r.id === 'slice.flag').length, 2 * (Object.keys(fx.slices.region).length + Object.keys(fx.slices.income).length));
  } finally {
    end();
  }
});

test('weekly windows over ~8 weeks match pandas/sklearn per window; day and month windows count rows as pandas', async () => {
  const { conn, close: end } = await openDb();
  try {
    await loadTable(conn, 't', TYPES, fx.rows);
    const recs = await computeOverTime(conn, 't', { threshold: fx.threshold, bootstrap: { B: 200, seed: 3 } });
    const w = find(recs, 'time.window', 'both');
    assert.equal(w.value, Object.keys(fx.weeks).length);
    assert.match(w.note!, /^week windows chosen from the span/);
    const windows = recs.filter((r) => r.id === 'time.rows').map((r) => r.group!.window);
    assert.deepEqual(windows, Object.keys(fx.weeks), 'window start dates (Mondays), ascending');
    for (const [wk, ref] of Object.entries(fx.weeks)) checkGroup(recs, 'time', { window: wk }, ref, `week ${wk}`);
    // series are contiguous: all roc_auc records before all accuracy records, windows ascending inside
    const ids = recs.map((r) => r.id);
    assert.ok(ids.lastIndexOf('time.roc_auc') < ids.indexOf('time.accuracy'));

    const days = await computeOverTime(conn, 't', { threshold: 0.5, window: 'day', bootstrap: { B: 0, seed: 1 } });
    assert.deepEqual(Object.fromEntries(days.filter((r) => r.id === 'time.rows').map((r) => [r.group!.window, r.value])), fx.days_rows);
    const months = await computeOverTime(conn, 't', { threshold: 0.5, window: 'month', bootstrap: { B: 0, seed: 1 } });
    assert.deepEqual(Object.fromEntries(months.filter((r) => r.id === 'time.rows').map((r) => [r.group!.window, r.value])), fx.months_rows);
    assert.ok(months.filter((r) => r.id === 'time.accuracy').every((r) => r.ci === undefined), 'B = 0: no bootstrap intervals');
  } finally {
    end();
  }
});
