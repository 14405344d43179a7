import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../../core/data/Workspace.js';
import { recordedBatchSize } from '../../../core/host/runComparison.js';

test('the recorded batch size is the median number of rows per recorded request', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sb-batch-'));
  const ws = await Workspace.create(':memory:');
  try {
    // requests a (2 rows), b (3), c (2), d (5): sizes 2, 2, 3, 5 -> median (lower, as quantile_disc) 2
    const reqs = ['a', 'a', 'b', 'b', 'b', 'c', 'c', 'd', 'd', 'd', 'd', 'd', ''];
    writeFileSync(join(dir, 't.csv'), 'x,req id\n' + reqs.map((r, i) => `${i},${r}`).join('\n') + '\n');
    const ds = await ws.importDataset(join(dir, 't.csv'));
    assert.equal(await recordedBatchSize(ws, ds, 'req id'), 2);
  } finally {
    await ws.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
