import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeDrift } from '../../../../core/metrics/drift/computeDrift.js';
import { chooseDriftMethod } from '../../../../core/metrics/drift/chooseDriftMethod.js';
import { adjustPValues } from '../../../../core/metrics/drift/adjustPValues.js';
import type { MetricRecord } from '../../../../core/contract/index.js';
import { close, connect, loadDataset, rec, REF } from './helpers.js';

const conn = await connect();
for (const name of ['small', 'equal', 'large', 'unbalanced']) await loadDataset(conn, name);

/** Compares every statistic of every column with scipy's output. */
function checkAgainstScipy(records: MetricRecord[], dataset: string, rel = 1e-9): void {
  for (const [column, e] of Object.entries(REF.datasets[dataset] as Record<string, any>)) {
    if (!e.evaluable) continue;
    const psi = rec(records, 'drift.psi', column);
    close(psi.value, e.psi, rel, `${dataset}.${column} psi`, 1e-15);
    assert.equal(psi.n, e.n_cur);
    close(rec(records, 'drift.jensen_shannon', column).value, e.jensen_shannon, rel, `${dataset}.${column} js`, 1e-15);
    if (e.ks !== undefined) {
      const ks = rec(records, 'drift.ks', column);
      close(ks.value, e.ks, 1e-12, `${dataset}.${column} ks`);
      close(ks.p, e.ks_p, 1e-7, `${dataset}.${column} ks p`, 1e-300);
      close(rec(records, 'drift.wasserstein', column).value, e.wasserstein, rel, `${dataset}.${column} wasserstein`);
      close(rec(records, 'drift.wasserstein_normed', column).value, e.wasserstein_normed, rel, `${dataset}.${column} wasserstein_normed`);
    }
    if (e.chi_square_p !== undefined) {
      const chi = rec(records, 'drift.chi_square', column);
      if (e.chi_square === null) assert.equal(chi.value, null);
      else close(chi.value, e.chi_square, rel, `${dataset}.${column} chi2`);
      close(chi.p, e.chi_square_p, 1e-8, `${dataset}.${column} chi2 p`, 1e-300);
    }
    if (e.z_test !== undefined) {
      const z = rec(records, 'drift.z_test', column);
      close(z.value, e.z_test, rel, `${dataset}.${column} z`);
      close(z.p, e.z_test_p, 1e-9, `${dataset}.${column} z p`);
    }
    const mv = rec(records, 'drift.method_value', column);
    assert.match(mv.note!, new RegExp(`^method=${e.method} \\(auto\\)`), `${dataset}.${column} method`);
    if (e.p_bh !== undefined) close(rec(records, 'drift.p_adjusted', column).value, e.p_bh, 1e-7, `${dataset}.${column} BH`);
  }
}

test('small samples with ties and NULLs: every statistic, the method choice and BH match scipy/statsmodels', async () => {
  const cols = Object.keys(REF.datasets.small).map((name) => ({ name }));
  const records = await computeDrift(conn, 'small_ref', 'small_cur', cols);
  checkAgainstScipy(records, 'small');
  // NULLs excluded and counted.
  assert.match(rec(records, 'drift.psi', 'x_ties').note!, /excluded \(NULL\/NaN\/inf\): ref 18, cur 17/);
  // The all-NULL column is not evaluable and says why.
  const empty = rec(records, 'drift.drifted', 'empty');
  assert.equal(empty.value, null);
  assert.match(empty.note!, /not evaluable: no usable values in the reference and current data/);
  // New category "e" in the current data: chi-square infinite, p = 0.
  assert.equal(rec(records, 'drift.chi_square', 'cat').p, 0);
  // Drift decisions from the adjusted p-values.
  const small = REF.datasets.small as Record<string, any>;
  let drifted = 0, evaluable = 0;
  for (const [c, e] of Object.entries(small)) {
    if (!e.evaluable) continue;
    evaluable++;
    const p = e.p_bh as number;
    const d = p < 0.05 ? 1 : 0;
    drifted += d;
    assert.equal(rec(records, 'drift.drifted', c).value, d, c);
  }
  assert.equal(rec(records, 'drift.columns_drifted').value, drifted);
  close(rec(records, 'drift.share_drifted').value, drifted / evaluable, 1e-15, 'share');
  assert.match(rec(records, 'drift.share_drifted').note!, /1 not evaluable/);
});

test('Bonferroni correction matches statsmodels', async () => {
  const cols = Object.keys(REF.datasets.small).map((name) => ({ name }));
  const records = await computeDrift(conn, 'small_ref', 'small_cur', cols, { correction: 'bonferroni' });
  for (const [c, e] of Object.entries(REF.datasets.small as Record<string, any>)) {
    if (e.p_bonferroni !== undefined) close(rec(records, 'drift.p_adjusted', c).value, e.p_bonferroni, 1e-9, `${c} bonferroni`);
  }
  const p = [0.01, 0.04, 0.03, NaN, 0.2];
  assert.deepEqual(adjustPValues(p, 'bh').map((x) => (Number.isNaN(x) ? null : Number(x.toFixed(12)))), [0.04, 0.0533333333333, 0.0533333333333, null, 0.2].map((x) => (x === null ? null : Number(x.toFixed(12)))));
});

test('equal sample sizes: exact KS p by the square method', async () => {
  const records = await computeDrift(conn, 'equal_ref', 'equal_cur', [{ name: 'x_ties' }, { name: 'x_shift' }]);
  checkAgainstScipy(records, 'equal');
  assert.match(rec(records, 'drift.ks', 'x_shift').note!, /^exact/);
});

test('n ~ 20k: exact path, asymptotic KS p, normed Wasserstein chosen', async () => {
  const records = await computeDrift(conn, 'large_ref', 'large_cur', [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
  checkAgainstScipy(records, 'large');
  assert.match(rec(records, 'drift.ks', 'a').note!, /^asymptotic/);
  assert.equal(rec(records, 'drift.drifted', 'b').value, REF.datasets.large.b.wasserstein_normed >= 0.1 ? 1 : 0);
});

test('unbalanced sizes: asymptotic p via the small-n Kolmogorov distribution', async () => {
  const records = await computeDrift(conn, 'unbalanced_ref', 'unbalanced_cur', [{ name: 'a' }, { name: 'b' }, { name: 'c' }]);
  checkAgainstScipy(records, 'unbalanced');
});

test('grid path (forced): scipy KS inside the reported bracket, Wasserstein within the reported error', async () => {
  const records = await computeDrift(conn, 'large_ref', 'large_cur', [{ name: 'a' }, { name: 'b' }], { exactMaxRows: 1000 });
  for (const c of ['a', 'b']) {
    const e = REF.datasets.large[c];
    const ks = rec(records, 'drift.ks', c);
    const [lo, hi] = /bracketed in \[([^,]+), ([^\]]+)\]/.exec(ks.note!)!.slice(1).map(Number);
    assert.ok(lo! <= e.ks + 1e-9 && e.ks <= hi! + 1e-9, `${c}: ks ${e.ks} not in [${lo}, ${hi}]`);
    assert.ok(hi! - lo! < 0.01, `${c}: bracket too wide`);
    const w = rec(records, 'drift.wasserstein', c);
    const err = Number(/within ±(\S+)/.exec(w.note!)![1]);
    assert.ok(Math.abs(w.value! - e.wasserstein) <= err + 1e-9, `${c}: W ${w.value} vs ${e.wasserstein} ± ${err}`);
    close(w.value, e.wasserstein, 2e-3, `${c} grid W`);
  }
});

test('streamed grid path with exact edges (R <= exactMaxRows < R + C): PSI/JS equal scipy, KS bracketed, W within its error; windows from the same pass', async () => {
  await conn.run(`CREATE TABLE large_cur_t AS SELECT *, TIMESTAMP '2024-03-04 08:00:00' + to_days(CAST(rowid % 3 AS INTEGER)) AS ts FROM large_cur`);
  const time = { column: 'ts', window: 'day' as const };
  const records = await computeDrift(conn, 'large_ref', 'large_cur_t', [{ name: 'a' }, { name: 'b' }, { name: 'c' }], { exactMaxRows: 25_000, time });
  const sqlPath = await computeDrift(conn, 'large_ref', 'large_cur_t', [{ name: 'a' }, { name: 'b' }], { time });
  for (const c of ['a', 'b', 'c']) {
    const e = REF.datasets.large[c];
    assert.match(rec(records, 'drift.ks', c).note!, /grid path/, `${c} takes the grid path`);
    close(rec(records, 'drift.psi', c).value, e.psi, 1e-9, `${c} grid psi`);
    close(rec(records, 'drift.jensen_shannon', c).value, e.jensen_shannon, 1e-9, `${c} grid js`);
    assert.match(rec(records, 'drift.psi', c).note!, /exact quantiles/);
    assert.equal(rec(records, 'drift.psi', c).n, e.n_cur);
    const [lo, hi] = /bracketed in \[([^,]+), ([^\]]+)\]/.exec(rec(records, 'drift.ks', c).note!)!.slice(1).map(Number);
    assert.ok(lo! <= e.ks + 1e-9 && e.ks <= hi! + 1e-9 && hi! - lo! < 0.005, `${c}: ks ${e.ks} vs [${lo}, ${hi}]`);
    const w = rec(records, 'drift.wasserstein', c);
    const err = Number(/within ±(\S+)/.exec(w.note!)![1]);
    assert.ok(Math.abs(w.value! - e.wasserstein) <= err + 1e-12, `${c}: W ${w.value} vs ${e.wasserstein} ± ${err}`);
    close(w.value, e.wasserstein, 1e-3, `${c} grid W`);
    close(rec(records, 'drift.wasserstein_normed', c).value, e.wasserstein_normed, 1e-3, `${c} grid W normed`);
  }
  for (const c of ['a', 'b']) {
    for (const [label, recs] of [['streamed', records], ['sql', sqlPath]] as const) {
      const win = recs.filter((x) => x.id === 'drift.psi' && x.group?.['column'] === c && x.group['window'] !== undefined);
      assert.deepEqual(win.map((x) => x.group!['window']), ['2024-03-04', '2024-03-05', '2024-03-06'], `${label} ${c} windows`);
      win.forEach((x, i) => {
        close(x.value, REF.windows_large[c][i].psi, 1e-9, `${label} ${c} window ${i} psi`);
        assert.equal(x.n, REF.windows_large[c][i].n);
      });
    }
  }
});

test('many-rows orchestration with mixed columns: text, boolean, few-distinct and all-NULL columns as on the small path', async () => {
  const cols = Object.keys(REF.datasets.small).map((name) => ({ name }));
  const records = await computeDrift(conn, 'small_ref', 'small_cur', cols, { exactMaxRows: 100 });
  for (const [column, e] of Object.entries(REF.datasets.small as Record<string, any>)) {
    if (!e.evaluable) {
      assert.equal(rec(records, 'drift.drifted', column).value, null);
      continue;
    }
    assert.equal(rec(records, 'drift.psi', column).n, e.n_cur, `${column} n`);
    if (e.ks !== undefined) {
      // Few distinct values among the probes: the exact path, even above exactMaxRows.
      close(rec(records, 'drift.ks', column).value, e.ks, 1e-12, `${column} ks`);
      close(rec(records, 'drift.wasserstein_normed', column).value, e.wasserstein_normed, 1e-9, `${column} wasserstein_normed`);
    }
    if (e.categories) close(rec(records, 'drift.psi', column).value, e.psi, 1e-9, `${column} psi`, 1e-15);
    if (e.chi_square_p !== undefined) close(rec(records, 'drift.chi_square', column).p, e.chi_square_p, 1e-8, `${column} chi2 p`, 1e-300);
    if (e.z_test !== undefined) close(rec(records, 'drift.z_test', column).value, e.z_test, 1e-9, `${column} z`);
  }
  assert.match(rec(records, 'drift.psi', 'x_ties').note!, /excluded \(NULL\/NaN\/inf\): ref 18, cur 17/);
});

test('automatic choice follows Evidently', () => {
  assert.equal(chooseDriftMethod('numeric', 6, 1000), 'ks');
  assert.equal(chooseDriftMethod('numeric', 5, 1000), 'chi_square');
  assert.equal(chooseDriftMethod('categorical', 3, 1000), 'chi_square');
  assert.equal(chooseDriftMethod('binary', 2, 1000), 'z_test');
  assert.equal(chooseDriftMethod('numeric', 6, 1001), 'wasserstein');
  assert.equal(chooseDriftMethod('numeric', 4, 1001), 'jensen_shannon');
  assert.equal(chooseDriftMethod('binary', 2, 5000), 'jensen_shannon');
});

test('explicit method, scores relation, missing column and time windows', async () => {
  // The lead's score use: any two relations with a same-named column.
  const r = await computeDrift(conn, '(SELECT x_shift AS score FROM small_ref)', '(SELECT x_shift AS score FROM small_cur)', [{ name: 'score' }], { method: 'psi' });
  close(rec(r, 'drift.method_value', 'score').value, REF.datasets.small.x_shift.psi, 1e-9, 'psi as method');
  assert.equal(rec(r, 'drift.drifted', 'score').value, REF.datasets.small.x_shift.psi >= 0.1 ? 1 : 0);
  const ks = await computeDrift(conn, 'small_ref', 'small_cur', [{ name: 'cat' }], { method: 'ks' });
  assert.equal(rec(ks, 'drift.method_value', 'cat').value, null);
  await assert.rejects(computeDrift(conn, 'small_ref', '(SELECT 1 AS other)', [{ name: 'x_ties' }]), (e: any) => e.code === 'BAD_DATASET' && /x_ties/.test(e.message) && e.details.side === 'current');
  // Windows: day 1 has the reference shares (PSI 0); day 2 has a 0.75/0.25 split: PSI = 0.25 ln 1.5 + 0.25 ln 2.
  await conn.run(`CREATE TABLE tw_ref AS SELECT CASE WHEN i < 50 THEN 'a' ELSE 'b' END AS g FROM range(100) t(i)`);
  await conn.run(`CREATE TABLE tw_cur AS
    SELECT CASE WHEN i < 25 THEN 'a' ELSE 'b' END AS g, TIMESTAMP '2024-01-08 10:00:00' AS ts FROM range(50) t(i)
    UNION ALL SELECT CASE WHEN i < 30 THEN 'a' ELSE 'b' END, TIMESTAMP '2024-01-09 11:00:00' FROM range(40) t(i)`);
  const tw = await computeDrift(conn, 'tw_ref', 'tw_cur', [{ name: 'g' }], { time: { column: 'ts', window: 'auto' } });
  const win = tw.filter((x) => x.group?.['window'] !== undefined);
  assert.deepEqual(win.map((x) => x.group), [{ column: 'g', window: '2024-01-08' }, { column: 'g', window: '2024-01-09' }]);
  close(win[0]!.value, 0, 0, 'window 1', 1e-15);
  close(win[1]!.value, 0.25 * Math.log(1.5) + 0.25 * Math.log(2), 1e-12, 'window 2');
  assert.match(win[1]!.note!, /^act/);
});
