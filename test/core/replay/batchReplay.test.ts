import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../../core/data/Workspace.js';
import { datasetProbe } from '../../../core/host/runComparison.js';
import { createModelRunner } from '../../../core/model/ModelRunner.js';
import { readModel } from '../../../core/model/readModel.js';
import { batchReplay } from '../../../core/replay/batchReplay.js';
import { loadMap } from '../../../core/replay/loadMap.js';
import { resolveMap } from '../../../core/replay/resolveMap.js';

const F = (p: string) => fileURLToPath(new URL(`../../../fixtures/${p}`, import.meta.url));

type Setup = Awaited<ReturnType<typeof setUp>>;

async function setUp(dir: string) {
  const ws = await Workspace.create(join(dir, 'ws.duckdb'), { memoryLimit: '256MB', threads: 1 });
  const dataset = await ws.importDataset(F('data/synthetic/traffic.parquet'));
  const [pf, cf] = await Promise.all([readModel(F('models/synthetic/production.onnx')), readModel(F('models/synthetic/candidate.onnx'))]);
  const plan = await resolveMap(await loadMap(F('maps/synthetic.map.yaml')), datasetProbe(ws, dataset), { production: pf.signature, candidate: cf.signature });
  const runners = { production: await createModelRunner(pf), candidate: await createModelRunner(cf) };
  const newRun = (id: string) => ws.createRun({
    id, datasetId: dataset.id, status: 'running', startedAt: new Date().toISOString(), rowsTotal: dataset.rows, rowsDone: 0, map: plan.map,
    production: { path: pf.path, sha256: pf.sha256 }, candidate: { path: cf.path, sha256: cf.sha256 },
  });
  return { ws, dataset, plan, runners, newRun };
}

async function withReplay(fn: (s: Setup) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sb-replay-'));
  let s: Setup | undefined;
  try {
    s = await setUp(dir);
    await fn(s);
  } finally {
    if (s) await Promise.all([s.runners.production.close(), s.runners.candidate.close()]);
    await s?.ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Commits run on DuckDB's thread while the replay goes on; rows scored meanwhile are appended after
// the commit. With a commit after every chunk that path is taken all the time: every row must still be
// written once, with the scores the models gave, and the resume point must be the whole dataset.
test('a replay that commits after every chunk writes every row once, as often-committing and rarely-committing replays agree', async () => {
  await withReplay(async ({ ws, dataset, plan, runners, newRun }) => {
    const tables: Record<string, unknown[][]> = {};
    for (const [runId, commitEveryMs] of [['often', 0], ['rarely', 60_000]] as const) {
      await newRun(runId);
      const collect = { production: new Float64Array(dataset.rows), candidate: new Float64Array(dataset.rows) };
      const stats = await batchReplay(ws, plan, runners, { runId, datasetId: dataset.id, totalRows: dataset.rows, chunkRows: 97, commitEveryMs, collect });
      assert.equal(stats.rowsScored, dataset.rows);
      const t = ws.predictionsTable(runId);
      const [[count, distinct, lo, hi]] = (await ws.conn.runAndReadAll(`SELECT count(*), count(DISTINCT row_id), min(row_id), max(row_id) FROM "${t}"`)).getRows();
      assert.deepEqual([count, distinct, lo, hi].map(Number), [dataset.rows, dataset.rows, 0, dataset.rows - 1], `${runId}: every row once`);
      const [[done]] = (await ws.conn.runAndReadAll(`SELECT rows_done FROM sb_run_progress WHERE run_id = '${runId}'`)).getRows();
      assert.equal(Number(done), dataset.rows, `${runId}: the resume point is the end`);
      const rows = (await ws.conn.runAndReadAll(`SELECT row_id, production, candidate FROM "${t}" ORDER BY row_id`)).getRows();
      for (const [id, p, c] of rows) {
        assert.equal(p, collect.production[Number(id)]);
        assert.equal(c, collect.candidate[Number(id)]);
      }
      tables[runId] = rows;
    }
    assert.deepEqual(tables.often, tables.rarely);
  });
});

// The replay copies a chunk's collected scores and extra columns as one block when its rows are
// consecutive; rows that come in another order must still land at their own row numbers.
test('collected scores and extra columns land by row number, also when a chunk\'s rows are not in order', async () => {
  await withReplay(async ({ ws, dataset, plan, runners, newRun }) => {
    const collected: Float64Array[][] = [];
    for (const [runId, reverse] of [['in-order', false], ['reversed', true]] as const) {
      await newRun(runId);
      const row = new Float64Array(dataset.rows), label = new Int8Array(dataset.rows);
      const collect = {
        production: new Float64Array(dataset.rows), candidate: new Float64Array(dataset.rows),
        columns: [{ sql: '__r.sb_row * 2', as: 'float64' as const, into: row }, { sql: '__r.sb_row % 2', as: 'int8' as const, into: label }],
      };
      // A workspace whose stream hands every chunk over with its rows reversed.
      const view = Object.create(ws) as Workspace;
      view.streamColumns = async function* (...args: Parameters<Workspace['streamColumns']>) {
        for await (const c of ws.streamColumns(...args)) {
          if (!reverse) { yield c; continue; }
          const rev = <T extends { length: number; slice(a?: number, b?: number): T; reverse(): T }>(a: T) => a.slice(0, c.rows).reverse();
          const revRows = (m: { data: Float32Array; nulls: number[] }) => {
            const k = m.nulls.length, out = m.data.slice(0, c.rows * k);
            for (let r = 0; r < c.rows; r++) out.set(m.data.subarray(r * k, (r + 1) * k), (c.rows - 1 - r) * k);
            return { data: out, nulls: m.nulls };
          };
          yield {
            rows: c.rows, rowIds: rev(c.rowIds), columns: c.columns.map((x) => ({ data: rev(x.data as Float32Array), nulls: x.nulls })),
            extras: c.extras?.map((x) => rev(x as Float64Array)), matrices: c.matrices?.map((m) => revRows(m as { data: Float32Array; nulls: number[] })),
          };
        }
      };
      await batchReplay(view, plan, runners, { runId, datasetId: dataset.id, totalRows: dataset.rows, chunkRows: 97, collect });
      for (let r = 0; r < dataset.rows; r++) {
        if (row[r] !== 2 * r || label[r] !== r % 2) assert.fail(`${runId}: row ${r} got extras ${row[r]}, ${label[r]}`);
      }
      collected.push([collect.production, collect.candidate]);
    }
    assert.deepEqual(collected[1], collected[0]);
    assert.ok(collected[0]![0]!.some((v) => v > 0), 'scores were collected');
  });
});
