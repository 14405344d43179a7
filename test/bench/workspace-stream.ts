/**
 * Workspace throughput: streaming 20 FLOAT columns as Float32Arrays, and appending predictions.
 * 1M rows generated in DuckDB with SQL. Run: node --import tsx test/bench/workspace-stream.ts [rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Workspace } from '../../core/data/index.js';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const COLS = 20;
const dir = mkdtempSync(join(tmpdir(), 'sb-bench-ws-'));
const ws = await Workspace.create(join(dir, 'bench.duckdb'), { memoryLimit: '1GB' });
try {
  const cols = Array.from({ length: COLS }, (_, i) => `random()::FLOAT AS f${i}`).join(', ');
  await ws.conn.run(`CREATE TABLE bench AS SELECT range AS sb_row, ${cols} FROM range(${ROWS})`);
  const columns = Array.from({ length: COLS }, (_, i) => ({ name: `f${i}`, type: 'FLOAT' }));
  await ws.conn.run(`INSERT INTO sb_datasets VALUES ('bench', 'bench', '-', 'parquet', '-', 0, ${ROWS}, '${JSON.stringify(columns)}', '-')`);
  const specs = columns.map((c) => ({ column: c.name, as: 'float32' as const }));

  let t0 = performance.now();
  let rows = 0;
  let check = 0;
  for await (const chunk of ws.streamColumns('bench', specs, { chunkRows: 65_536 })) {
    rows += chunk.rows;
    check += (chunk.columns[0].data as Float32Array)[0];
  }
  const streamS = (performance.now() - t0) / 1000;
  console.log(`stream ${COLS} float32 columns: ${rows} rows in ${streamS.toFixed(2)} s = ${Math.round(rows / streamS).toLocaleString('en')} rows/s (check ${check.toFixed(2)})`);

  await ws.createRun({
    id: 'bench', datasetId: 'bench', status: 'running', startedAt: new Date().toISOString(), rowsTotal: ROWS, rowsDone: 0,
    map: { threshold: 0.5, sensitive: [], models: { production: { inputs: {}, score: 'p' }, candidate: { inputs: {}, score: 'p' } } },
    production: { path: '-', sha256: '-' }, candidate: { path: '-', sha256: '-' },
  });
  const w = await ws.openPredictionWriter('bench');
  const batch = 65_536;
  const ids = new Float64Array(batch);
  const prod = Float32Array.from({ length: batch }, () => Math.random());
  const cand = Float32Array.from({ length: batch }, () => Math.random());
  t0 = performance.now();
  for (let start = 0; start < ROWS; start += batch) {
    const n = Math.min(batch, ROWS - start);
    for (let i = 0; i < n; i++) ids[i] = start + i;
    await w.append(ids.subarray(0, n), prod.subarray(0, n), cand.subarray(0, n));
    await w.commit(start + n);
  }
  await w.close();
  const appendS = (performance.now() - t0) / 1000;
  const count = (await ws.conn.runAndReadAll(`SELECT count(*) FROM ${ws.predictionsTable('bench')}`)).getRowsJS()[0][0];
  console.log(`append predictions (commit every ${batch}): ${count} rows in ${appendS.toFixed(2)} s = ${Math.round(ROWS / appendS).toLocaleString('en')} rows/s`);
} finally {
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
}
