import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DuckDBInstance } from '@duckdb/node-api';
import { standardNormal } from '../../../../core/metrics/binomial.js';
import { createRng } from '../../../../core/metrics/prng.js';
import { computeRegressionMetrics } from '../../../../core/metrics/tasks/index.js';
import { find } from '../helpers.js';

/**
 * Coverage of the paired CLT interval of the MAE delta: errors e_p ~ N(0, 1), e_c ~ N(0, 1.2²) with
 * correlation 0.6, so the true delta is sqrt(2/π)(1.2 - 1). 200 simulated datasets of 300 rows;
 * a 95% interval should cover the truth in ~190 (binomial sd ~3): accept 90-99%.
 */
test('regression MAE delta interval covers the true delta ~95% of the time', async () => {
  const SIMS = 200, N = 300, s1 = 1, s2 = 1.2, rho = 0.6;
  const truth = Math.sqrt(2 / Math.PI) * (s2 - s1);
  const rng = createRng(424242);
  const inst = await DuckDBInstance.create(':memory:');
  const conn = await inst.connect();
  try {
    await conn.run('CREATE TABLE sim (s INTEGER, y_value DOUBLE, p_production DOUBLE, p_candidate DOUBLE)');
    const app = await conn.createAppender('sim');
    for (let s = 0; s < SIMS; s++) {
      for (let i = 0; i < N; i++) {
        const y = 5 + 2 * standardNormal(rng), z1 = standardNormal(rng), z2 = standardNormal(rng);
        const ep = s1 * z1, ec = s2 * (rho * z1 + Math.sqrt(1 - rho * rho) * z2);
        app.appendInteger(s); app.appendDouble(y); app.appendDouble(y - ep); app.appendDouble(y - ec); app.endRow();
      }
    }
    app.closeSync();
    let covered = 0;
    for (let s = 0; s < SIMS; s++) {
      await conn.run(`CREATE OR REPLACE VIEW sim_one AS SELECT * FROM sim WHERE s = ${s}`);
      const recs = await computeRegressionMetrics(conn, 'sim_one', { sensitive: [], bootstrap: { B: 0, seed: 1 } });
      const ci = find(recs, 'regression.mae', 'delta').ci!;
      if (ci.low <= truth && truth <= ci.high) covered++;
    }
    const rate = covered / SIMS;
    assert.ok(rate >= 0.9 && rate <= 0.99, `coverage ${rate}`);
  } finally {
    conn.closeSync();
    inst.closeSync();
  }
});
