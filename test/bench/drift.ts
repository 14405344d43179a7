/**
 * Drift benchmark: 20 float columns, reference and current of ROWS rows each (default 10M),
 * generated inside DuckDB (memory_limit 2GB, temp_directory under the OS temp dir); times
 * computeDrift over all 20 columns and prints seconds and the load average. Columns f0, f3, ...
 * of the current data are shifted by 0.05 (Wasserstein 0.05). `--time`: the current data gets a
 * timestamp over 30 days and PSI per day is computed too.
 *   node --import tsx test/bench/drift.ts [rows] [--time]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeDrift } from '../../core/metrics/drift/computeDrift.js';

async function main(): Promise<void> {
  const rows = Number(process.argv.slice(2).find((a) => !a.startsWith('--')) ?? 10_000_000);
  const time = process.argv.includes('--time');
  const tmp = mkdtempSync(join(tmpdir(), 'sb-drift-'));
  const db = await DuckDBInstance.create(':memory:', { memory_limit: '2GB', temp_directory: tmp });
  const conn = await db.connect();
  try {
    const cols = Array.from({ length: 20 }, (_, j) => j);
    const gen = (shift: number) => cols.map((j) => `(random() * 2 - 1 + random() * 2 - 1 + ${j % 3 === 0 ? shift : 0})::FLOAT AS f${j}`).join(', ');
    let t = performance.now();
    await conn.run(`CREATE TABLE ref AS SELECT ${gen(0)} FROM range(${rows})`);
    await conn.run(`CREATE TABLE cur AS SELECT ${gen(0.05)}${time ? `, TIMESTAMP '2024-01-01' + to_seconds(CAST(range % 2592000 AS BIGINT)) AS ts` : ''} FROM range(${rows})`);
    console.log(`generated 2 x ${rows} rows x 20 columns in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const records = await computeDrift(conn, 'ref', 'cur', cols.map((j) => ({ name: `f${j}` })), time ? { time: { column: 'ts', window: 'day' } } : {});
    const secs = (performance.now() - t) / 1000;
    const load = loadavg().map((x) => x.toFixed(2)).join(' ');
    const share = records.find((r) => r.id === 'drift.share_drifted');
    console.log(`computeDrift: ${secs.toFixed(2)} s for 20 columns (${records.length} records; share drifted ${share?.value}; ${share?.note}); load average ${load}`);
    const w = records.find((r) => r.id === 'drift.wasserstein' && r.group?.['column'] === 'f0');
    const ks = records.find((r) => r.id === 'drift.ks' && r.group?.['column'] === 'f0');
    console.log(`f0: wasserstein ${w?.value} (${w?.note}); ks ${ks?.value} (${ks?.note}); ${records.filter((r) => r.group?.['window'] !== undefined).length} window records`);
  } finally {
    conn.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
