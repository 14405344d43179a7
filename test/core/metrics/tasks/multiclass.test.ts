import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { WorkbenchError } from '../../../../core/contract/index.js';
import { computeMulticlassMetrics } from '../../../../core/metrics/tasks/index.js';
import { close, find } from '../helpers.js';
import { loadTaskFixture, openTaskFixture } from './taskFixture.js';

for (const name of ['multiclass_main', 'multiclass_small']) {
  test(`multiclass metrics match sklearn and statsmodels (${name})`, async () => {
    const fx = loadTaskFixture(name);
    const e = fx.expected, classes = fx.classes!;
    const { conn, close: done } = await openTaskFixture(fx);
    try {
      const B = name === 'multiclass_main' ? 2000 : 200;
      const recs = await computeMulticlassMetrics(conn, 't', { classes, bootstrap: { B, seed: 20261125 } });
      assert.equal(find(recs, 'data.rows', 'both').value, e.counts.rows);
      assert.equal(find(recs, 'data.labelled', 'both').value, e.counts.labelled);
      assert.equal(find(recs, 'data.scored', 'both').value, e.counts.scored);
      assert.equal(find(recs, 'data.invalid_prediction', 'production').value, e.counts.invalid_production);
      assert.equal(find(recs, 'data.invalid_prediction', 'candidate').value, e.counts.invalid_candidate);
      for (const m of ['accuracy', 'macro_f1', 'micro_f1']) {
        for (const model of ['production', 'candidate', 'delta']) close(find(recs, `multiclass.${m}`, model).value, e[m][model], 1e-12, `${m} ${model}`);
      }
      for (const m of ['recall', 'precision', 'f1']) {
        for (const cls of classes) {
          for (const model of ['production', 'candidate', 'delta']) {
            close(find(recs, `multiclass.${m}`, model, { class: cls }).value, e[m][cls][model], 1e-12, `${m} ${cls} ${model}`);
          }
        }
      }
      // 'epsilon' is absent everywhere and production never predicts 'delta' (zero_division=0, with notes).
      assert.match(find(recs, 'multiclass.precision', 'production', { class: 'delta' }).note!, /never predicted/);
      assert.match(find(recs, 'multiclass.macro_f1', 'production').note!, /4 of 5 classes/);
      for (const [m, model] of (['production', 'candidate'] as const).entries()) {
        void m;
        classes.forEach((t, i) => classes.forEach((p, j) => {
          assert.equal(find(recs, 'multiclass.confusion', model, { true: t, predicted: p }).value, e.confusion[model][i][j], `confusion ${model} ${t}/${p}`);
        }));
      }
      const mc = find(recs, 'multiclass.mcnemar_p', 'both');
      close(mc.p, e.mcnemar.p, 1e-12, 'mcnemar p');
      assert.match(mc.note!, e.mcnemar.exact ? /exact binomial/ : /chi-square/);
      assert.equal(find(recs, 'multiclass.mcnemar_b', 'both').value, e.mcnemar.b);
      assert.equal(find(recs, 'multiclass.mcnemar_c', 'both').value, e.mcnemar.c);
      close(find(recs, 'shadow.agreement_rate', 'both').value, e.agreement, 1e-12, 'agreement');
      const acc = find(recs, 'multiclass.accuracy', 'delta');
      assert.match(acc.ci!.method, new RegExp(`paired multinomial .* B=${B}, seed=20261125`));
      assert.ok(acc.ci!.low <= acc.value! && acc.value! <= acc.ci!.high);
      if (e.row_bootstrap) {
        // A numpy row-resampling bootstrap (other random numbers) lands within Monte Carlo error.
        const rb = e.row_bootstrap;
        for (const [id, model, ref] of [['multiclass.accuracy', 'delta', rb.accuracy_delta], ['multiclass.macro_f1', 'delta', rb.macro_f1_delta], ['shadow.agreement_rate', 'both', rb.agreement]] as const) {
          const r = find(recs, id, model);
          close(r.ci!.low, ref[0], 0.012, `${id} ${model} ci low`);
          close(r.ci!.high, ref[1], 0.012, `${id} ${model} ci high`);
        }
      }
      // Same seed, same intervals.
      const again = await computeMulticlassMetrics(conn, '(SELECT * FROM t)', { classes, bootstrap: { B, seed: 20261125 } });
      assert.deepEqual(again, recs);
    } finally {
      done();
    }
  });
}

test('multiclass errors and degenerate cases', async () => {
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    await conn.run(`CREATE TABLE u AS SELECT NULL::INTEGER AS y_class, (i % 2)::INTEGER AS c_production, 1 AS c_candidate FROM range(10) r(i)`);
    const u = await computeMulticlassMetrics(conn, 'u', { classes: ['x', 'y'], bootstrap: { B: 50, seed: 3 } });
    assert.equal(find(u, 'multiclass.accuracy', 'production').value, null);
    assert.equal(find(u, 'multiclass.accuracy', 'production').ci, undefined);
    assert.equal(find(u, 'shadow.agreement_rate', 'both').value, 0.5);
    assert.equal(find(u, 'multiclass.mcnemar_p', 'both').value, 1);
    await conn.run(`CREATE TABLE bad AS SELECT 3 AS y_class, 0 AS c_production, 1 AS c_candidate`);
    await assert.rejects(computeMulticlassMetrics(conn, 'bad', { classes: ['x', 'y'], bootstrap: { B: 0, seed: 1 } }), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_LABEL');
    await conn.run(`CREATE TABLE badp AS SELECT 1 AS y_class, 0 AS c_production, 7 AS c_candidate`);
    await assert.rejects(computeMulticlassMetrics(conn, 'badp', { classes: ['x', 'y'], bootstrap: { B: 0, seed: 1 } }), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_ARGUMENT');
    await assert.rejects(computeMulticlassMetrics(conn, 'u', { classes: ['x'], bootstrap: { B: 0, seed: 1 } }), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_ARGUMENT');
    await assert.rejects(computeMulticlassMetrics(conn, 'u', { classes: ['x', 'y'], bootstrap: { B: 10, seed: 1, level: 2 } }), (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_ARGUMENT');
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
});
