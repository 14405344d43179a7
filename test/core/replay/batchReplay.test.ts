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

// Commits run on DuckDB's thread while the replay goes on; rows scored meanwhile are appended after
// the commit. With a commit after every chunk that path is taken all the time: every row must still be
// written once, with the scores the models gave, and the resume point must be the whole dataset.
test('a replay that commits after every chunk writes every row once, as often-committing and rarely-committing replays agree', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-replay-'));
  const ws = await Workspace.create(join(dir, 'ws.duckdb'), { memoryLimit: '256MB', threads: 1 });
  try {
    const dataset = await ws.importDataset(F('data/synthetic/traffic.parquet'));
    const [pf, cf] = await Promise.all([readModel(F('models/synthetic/production.onnx')), readModel(F('models/synthetic/candidate.onnx'))]);
    const plan = await resolveMap(await loadMap(F('maps/synthetic.map.yaml')), datasetProbe(ws, dataset), { production: pf.signature, candidate: cf.signature });
    const runners = { production: await createModelRunner(pf), candidate: await createModelRunner(cf) };
    const tables: Record<string, unknown[][]> = {};
    try {
      for (const [runId, commitEveryMs] of [['often', 0], ['rarely', 60_000]] as const) {
        await ws.createRun({
          id: runId, datasetId: dataset.id, status: 'running', startedAt: new Date().toISOString(), rowsTotal: dataset.rows, rowsDone: 0, map: plan.map,
          production: { path: pf.path, sha256: pf.sha256 }, candidate: { path: cf.path, sha256: cf.sha256 },
        });
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
    } finally {
      await Promise.all([runners.production.close(), runners.candidate.close()]);
    }
  } finally {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
