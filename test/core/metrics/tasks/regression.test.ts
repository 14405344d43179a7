import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { WorkbenchError } from '../../../../core/contract/index.js';
import { computeRegressionMetrics, RESIDUAL_QUANTILES } from '../../../../core/metrics/tasks/index.js';
import { close, find } from '../helpers.js';
import { loadTaskFixture, openTaskFixture } from './taskFixture.js';

const BOOT = { B: 0, seed: 1 };

test('regression metrics match sklearn, scipy and numpy (regression_main)', async () => {
  const fx = loadTaskFixture('regression_main');
  const e = fx.expected;
  const { conn, close: done } = await openTaskFixture(fx);
  try {
    const recs = await computeRegressionMetrics(conn, 't', { sensitive: ['grp'], bootstrap: BOOT });
    const c = e.counts;
    assert.equal(find(recs, 'data.rows', 'both').value, c.rows);
    assert.equal(find(recs, 'data.labelled', 'both').value, c.labelled);
    assert.equal(find(recs, 'data.scored', 'both').value, c.scored);
    assert.equal(find(recs, 'data.evaluated', 'both').value, c.evaluated);
    assert.equal(find(recs, 'data.invalid_prediction', 'production').value, c.invalid_production);
    assert.equal(find(recs, 'data.invalid_prediction', 'candidate').value, c.invalid_candidate);
    for (const m of ['mae', 'rmse', 'r2', 'mape']) {
      for (const model of ['production', 'candidate', 'delta']) {
        const r = find(recs, `regression.${m}`, model);
        // MAPE is ~1e15 here (zero labels divide by eps): compare relative to the models' values.
        const tol = m === 'mape' ? 1e-9 * Math.max(Math.abs(e[m].production), Math.abs(e[m].candidate)) : 1e-10;
        close(r.value, e[m][model], tol, `${m} ${model}`);
        assert.equal(r.n, c.evaluated);
        const ci = e[m].ci[model] as [number, number];
        const ctol = m === 'mape' ? 1e-9 * Math.max(Math.abs(e[m].production), Math.abs(e[m].candidate)) : 1e-9;
        close(r.ci?.low, ci[0], ctol, `${m} ${model} ci low`);
        close(r.ci?.high, ci[1], ctol, `${m} ${model} ci high`);
        assert.equal(r.ci?.level, 0.95);
        assert.match(r.ci!.method, m === 'rmse' || m === 'r2' ? /delta method/ : /normal \(CLT\)/);
      }
    }
    assert.match(find(recs, 'regression.mape', 'production').note ?? '', /13 row\(s\) with \|y\| below float64 eps/);
    const t = find(recs, 'regression.paired_test', 'both');
    close(t.p, e.paired_t.p, 1e-12, 'ttest_rel p');
    close(t.value, e.paired_t.p, 1e-12, 'ttest_rel p as value');
    assert.match(t.note!, new RegExp(`t = ${e.paired_t.t.toFixed(8).slice(0, 8)}`));
    assert.match(t.note!, /df = 275/);
    const w = find(recs, 'regression.wilcoxon_p', 'both');
    close(w.p, e.wilcoxon.p, 1e-12, 'wilcoxon p');
    assert.equal(w.n, e.wilcoxon.n_nonzero);
    assert.match(w.note!, new RegExp(`T = min\\(r\\+, r-\\) = ${e.wilcoxon.statistic}, `));
    assert.match(w.note!, /70 zero difference\(s\) dropped/);
    for (const model of ['production', 'candidate'] as const) {
      RESIDUAL_QUANTILES.forEach((q, i) => close(find(recs, 'regression.residual_q', model, { quantile: String(q) }).value, e.residual_q[model][i], 1e-12, `residual q${q} ${model}`));
      close(find(recs, 'regression.mean_residual', model).value, e.mean_residual[model], 1e-12, `mean residual ${model}`);
    }
    for (const [g, v] of Object.entries(e.group_mae) as [string, any][]) { // eslint-disable-line @typescript-eslint/no-explicit-any
      const p = find(recs, 'regression.mae', 'production', { grp: g }), cand = find(recs, 'regression.mae', 'candidate', { grp: g });
      const d = find(recs, 'regression.mae', 'delta', { grp: g });
      assert.equal(p.n, v.n);
      close(p.value, v.production, 1e-12, `group ${g} production`);
      close(cand.value, v.candidate, 1e-12, `group ${g} candidate`);
      close(d.ci?.low, v.delta_ci[0], 1e-10, `group ${g} delta ci low`);
      close(d.ci?.high, v.delta_ci[1], 1e-10, `group ${g} delta ci high`);
    }
    // The same through a subquery relation (materialised once).
    const sub = await computeRegressionMetrics(conn, '(SELECT * FROM t)', { sensitive: [], bootstrap: BOOT });
    close(find(sub, 'regression.rmse', 'delta').value, e.rmse.delta, 1e-10, 'subquery rmse delta');
    assert.equal(sub.filter((r) => r.group && 'grp' in r.group).length, 0);
  } finally {
    done();
  }
});

test('regression degenerate cases and errors', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    // Constant label: r2_score gives 1 for a perfect prediction and 0 otherwise (force_finite).
    await conn.run(`CREATE TABLE k AS SELECT 2.0::DOUBLE AS y_value, 2.0::DOUBLE AS p_production, (2.0 + i)::DOUBLE AS p_candidate FROM range(4) r(i)`);
    const k = await computeRegressionMetrics(conn, 'k', { sensitive: [], bootstrap: BOOT });
    assert.equal(find(k, 'regression.r2', 'production').value, 1);
    assert.equal(find(k, 'regression.r2', 'candidate').value, 0);
    assert.equal(find(k, 'regression.r2', 'delta').value, -1);
    assert.equal(find(k, 'regression.r2', 'delta').ci, undefined);
    close(find(k, 'regression.mae', 'candidate').value, 1.5, 1e-15, 'mae');
    close(find(k, 'regression.rmse', 'candidate').value, Math.sqrt(3.5), 1e-15, 'rmse');
    // No labelled rows: nulls with a note, counts still there.
    await conn.run(`CREATE TABLE u AS SELECT NULL::DOUBLE AS y_value, 1.0::DOUBLE AS p_production, 2.0::DOUBLE AS p_candidate, 'a' AS g FROM range(3)`);
    const u = await computeRegressionMetrics(conn, 'u', { sensitive: ['g'], bootstrap: BOOT });
    assert.equal(find(u, 'data.rows', 'both').value, 3);
    assert.equal(find(u, 'regression.mae', 'delta').value, null);
    assert.match(find(u, 'regression.mae', 'delta').note!, /no labelled rows/);
    assert.equal(find(u, 'regression.paired_test', 'both').value, null);
    assert.equal(find(u, 'regression.wilcoxon_p', 'both').value, null);
    // Errors.
    await conn.run(`CREATE TABLE bad AS SELECT 'NaN'::DOUBLE AS y_value, 1.0::DOUBLE AS p_production, 1.0::DOUBLE AS p_candidate`);
    await assert.rejects(computeRegressionMetrics(conn, 'bad', { sensitive: [], bootstrap: BOOT }), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_LABEL');
    await assert.rejects(computeRegressionMetrics(conn, 'k', { sensitive: ['nope'], bootstrap: BOOT }), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_ARGUMENT');
    await assert.rejects(computeRegressionMetrics(conn, 'k', { sensitive: [], bootstrap: { B: -1, seed: 1 } }), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_ARGUMENT');
    const left = await conn.runAndReadAll(`SELECT count(*)::INT n FROM duckdb_views() WHERE view_name LIKE '__sb_task%'`);
    assert.equal(left.getRowObjectsJS()[0]!.n, 0, 'temporary views dropped');
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
});
