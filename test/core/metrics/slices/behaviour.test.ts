import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkbenchError } from '../../../../core/contract/index.js';
import { computeMetrics } from '../../../../core/metrics/computeMetrics.js';
import { computeOverTime } from '../../../../core/metrics/slices/computeOverTime.js';
import { computeSlices } from '../../../../core/metrics/slices/computeSlices.js';
import { find, openDb } from './helpers.js';

const BOOT = { B: 200, seed: 5 };

// Two good slices (95% right by construction), one clearly bad for production only (scores unrelated
// to y, ~50% right), and a tiny bad slice under minRows.
const FLAG_TABLE = `CREATE TABLE f AS SELECT *, CASE WHEN seg = 'bad' THEN ((i * 7919) % 101) / 101.0 ELSE good END AS p_production,
    CASE WHEN seg = 'tiny' THEN ((i * 7919) % 101) / 101.0 ELSE good END AS p_candidate
  FROM (SELECT i, y, seg, CASE WHEN (i % 20 = 0) = (y = 1) THEN 0.2 ELSE 0.8 END AS good
        FROM (SELECT i, (i % 2)::INTEGER AS y, CASE WHEN i < 1000 THEN 'g1' WHEN i < 2000 THEN 'g2' WHEN i < 2400 THEN 'bad' ELSE 'tiny' END AS seg
              FROM range(2430) r(i)))`;

test('slice.flag: 1 for the clearly worse slice and model only, 0 below minRows, notes say why', async () => {
  const { conn, close } = await openDb();
  try {
    await conn.run(FLAG_TABLE);
    const recs = await computeSlices(conn, 'f', ['seg'], { threshold: 0.5, bootstrap: BOOT, metrics: ['outcome.accuracy', 'outcome.roc_auc'] });
    const flag = (seg: string, model: string) => find(recs, 'slice.flag', model, { seg });
    assert.equal(flag('bad', 'production').value, 1);
    assert.match(flag('bad', 'production').note!, /accuracy 0\.\d+ vs 0\.\d+ overall, CI upper bound 0\.\d+ < 0\.\d+/);
    assert.match(flag('bad', 'production').note!, /roc_auc/);
    assert.equal(flag('bad', 'candidate').value, 0, 'candidate is good on the bad slice');
    for (const s of ['g1', 'g2']) for (const m of ['production', 'candidate']) assert.equal(flag(s, m).value, 0, `${s}/${m}`);
    assert.equal(flag('tiny', 'candidate').value, 0);
    assert.match(flag('tiny', 'candidate').note!, /^30 labelled row\(s\) < 100: too few to flag \(would be: accuracy/);
    // accuracy by construction: 0.95 on good slices
    assert.equal(find(recs, 'slice.accuracy', 'production', { seg: 'g1' }).value, 0.95);
    // a lower minRows flags the tiny slice; a huge margin flags nothing
    const low = await computeSlices(conn, 'f', ['seg'], { threshold: 0.5, bootstrap: BOOT, minRows: 10, metrics: ['accuracy'] });
    assert.equal(find(low, 'slice.flag', 'candidate', { seg: 'tiny' }).value, 1);
    // the whole's values taken from computeMetrics give the same flags
    const overall = await computeMetrics(conn, 'f', { threshold: 0.5, sensitive: [], bootstrap: { B: 0, seed: 1 } });
    const viaOverall = await computeSlices(conn, 'f', ['seg'], { threshold: 0.5, bootstrap: BOOT, metrics: ['outcome.accuracy', 'outcome.roc_auc'], overall });
    assert.deepEqual(viaOverall.filter((r) => r.id === 'slice.flag'), recs.filter((r) => r.id === 'slice.flag'));
    const wide = await computeSlices(conn, 'f', ['seg'], { threshold: 0.5, bootstrap: BOOT, margin: 0.6, metrics: ['accuracy'] });
    assert.ok(wide.filter((r) => r.id === 'slice.flag').every((r) => r.value === 0));
  } finally {
    close();
  }
});

test('NULL slice values form the slice "missing" (categorical and numeric), listed last', async () => {
  const { conn, close } = await openDb();
  try {
    await conn.run(`CREATE TABLE m AS SELECT (i % 2)::INTEGER AS y, (i % 7) / 7.0 AS p_production, (i % 5) / 5.0 AS p_candidate,
        CASE WHEN i % 10 = 0 THEN NULL WHEN i % 3 = 0 THEN 'x' ELSE 'w' END AS cat,
        CASE WHEN i % 9 = 0 THEN NULL WHEN i % 11 = 0 THEN 'NaN'::DOUBLE ELSE i * 1.5 END AS amount,
        (i % 3)::INTEGER AS small
      FROM range(300) r(i)`);
    const recs = await computeSlices(conn, 'm', ['cat', 'amount', 'small'], { threshold: 0.5, bootstrap: { B: 0, seed: 1 }, metrics: ['accuracy'] });
    const slices = (col: string) => recs.filter((r) => r.id === 'slice.rows' && r.group && col in r.group).map((r) => [r.group![col], r.value]);
    assert.deepEqual(slices('cat'), [['w', 180], ['x', 90], ['missing', 30]]);
    const amount = slices('amount');
    assert.equal(amount.length, 6);
    assert.deepEqual(amount[5], ['missing', 34 + 28 - 4]); // NULL when i % 9 = 0 (34 rows), NaN when i % 11 = 0 (28), both when i % 99 = 0 (4)
    assert.deepEqual(slices('small'), [['0', 100], ['1', 100], ['2', 100]], 'few distinct numeric values: one slice per value');
    const accMissing = find(recs, 'slice.accuracy', 'production', { cat: 'missing' });
    assert.equal(accMissing.n, 30);
  } finally {
    close();
  }
});

test('errors: unknown slice column -> MAPPING_MISMATCH naming it; unknown metric; no timestamp', async () => {
  const { conn, close } = await openDb();
  try {
    await conn.run(`CREATE TABLE e AS SELECT (i % 2)::INTEGER AS y, 0.3::DOUBLE AS p_production, 0.6::DOUBLE AS p_candidate, 'a' AS region FROM range(10) r(i)`);
    await assert.rejects(computeSlices(conn, 'e', ['region', 'regoin'], { threshold: 0.5, bootstrap: BOOT }),
      (e: unknown) => e instanceof WorkbenchError && e.code === 'MAPPING_MISMATCH' && e.message.includes('"regoin"') && (e.details.columns as string[]).includes('regoin'));
    await assert.rejects(computeSlices(conn, 'e', ['region'], { threshold: 0.5, bootstrap: BOOT, metrics: ['outcome.nope'] }),
      (e: unknown) => e instanceof WorkbenchError && e.code === 'UNKNOWN_METHOD');
    await assert.rejects(computeOverTime(conn, 'e', { threshold: 0.5 }),
      (e: unknown) => e instanceof WorkbenchError && e.code === 'MAPPING_MISMATCH' && /timestamp/.test(e.message));
    await conn.run(`CREATE TABLE bad AS SELECT 2 AS y, 0.3::DOUBLE AS p_production, 0.6::DOUBLE AS p_candidate, 'a' AS region`);
    await assert.rejects(computeSlices(conn, 'bad', ['region'], { threshold: 0.5, bootstrap: BOOT }),
      (e: unknown) => e instanceof WorkbenchError && e.code === 'BAD_LABEL');
  } finally {
    close();
  }
});

test('auto window: <= 14 days -> day, <= 26 weeks -> week, else month; explicit window kept', async () => {
  const { conn, close } = await openDb();
  try {
    const mk = async (name: string, days: number) => conn.run(`CREATE TABLE ${name} AS SELECT (i % 2)::INTEGER AS y, (i % 7) / 7.0 AS p_production, (i % 5) / 5.0 AS p_candidate,
        TIMESTAMP '2024-01-01 00:00:00' + to_seconds((i * ${days} * 86400 / 99)::BIGINT) AS sb_time FROM range(100) r(i)`);
    await mk('d14', 14); await mk('d100', 100); await mk('d200', 200);
    const windowOf = async (t: string, w?: 'day' | 'week' | 'month') => find(await computeOverTime(conn, t, { threshold: 0.5, window: w, bootstrap: { B: 0, seed: 1 } }), 'time.window', 'both').note!;
    assert.match(await windowOf('d14'), /^day windows chosen/);
    assert.match(await windowOf('d100'), /^week windows chosen/);
    assert.match(await windowOf('d200'), /^month windows chosen/);
    assert.match(await windowOf('d200', 'week'), /^week windows \(span 200 days\)/);
    const months = await computeOverTime(conn, 'd200', { threshold: 0.5, bootstrap: { B: 0, seed: 1 } });
    assert.deepEqual(months.filter((r) => r.id === 'time.rows').map((r) => r.group!.window), ['2024-01-01', '2024-02-01', '2024-03-01', '2024-04-01', '2024-05-01', '2024-06-01', '2024-07-01']);
  } finally {
    close();
  }
});
