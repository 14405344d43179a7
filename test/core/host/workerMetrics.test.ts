import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Workspace } from '../../../core/data/Workspace.js';
import { runComparison } from '../../../core/host/runComparison.js';
import { loadMap } from '../../../core/replay/loadMap.js';

const F = (p: string) => fileURLToPath(new URL(`../../../fixtures/${p}`, import.meta.url));

// Large runs compute their metrics in worker threads; small ones on the calling thread. Same records.
test('binary metrics in worker threads (large runs) equal those on the calling thread, windows included', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-workers-'));
  try {
    const results = [];
    for (const workerRows of [Infinity, 0]) {
      const ws = await Workspace.create(join(dir, `ws-${workerRows}.duckdb`), { memoryLimit: '256MB', threads: 1 });
      try {
        const args = {
          workspace: ws, production: F('models/synthetic/production.onnx'), candidate: F('models/synthetic/candidate.onnx'),
          data: { path: F('data/synthetic/traffic.parquet') }, map: await loadMap(F('maps/synthetic.map.yaml')), bootstrap: { B: 100, seed: 3 }, workerRows,
        };
        const metricsSteps: { done: number; total: number }[] = [];
        const r = await runComparison({ ...args, onProgress: (p) => { if (p.stage === 'metrics') { assert.equal('unit' in p && p.unit, 'steps'); metricsSteps.push({ done: p.done, total: p.total }); } } });
        results.push({ metrics: r.metrics, curves: r.curves });
        // Progress of the metrics in steps: in workers the counting half, each model's rank work and the windows; here the whole and the windows.
        const total = workerRows === 0 ? 4 : 2;
        assert.deepEqual(metricsSteps, Array.from({ length: total + 1 }, (_, done) => ({ done, total })), JSON.stringify(metricsSteps));
        if (workerRows === Infinity) {
          // A fresh run reads the label, groups and time in the replay's own scan; a reused run reads
          // them (and the scores) back from the workspace afterwards. Same frame, same records.
          const logs: string[] = [];
          const again = await runComparison({ ...args, onLog: (m) => logs.push(m) });
          assert.ok(logs.some((m) => /Reusing the predictions/.test(m)), logs.join('\n'));
          assert.deepEqual({ metrics: again.metrics, curves: again.curves }, results[0]);
        }
      } finally {
        await ws.close();
      }
    }
    assert.ok(results[0]!.metrics.some((m) => m.id.startsWith('time.')), 'the fixture has a timestamp: per-window records');
    assert.deepEqual(results[1], results[0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
