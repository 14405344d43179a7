/**
 * Drift benchmark: 20 float columns, reference and current of ROWS rows each (default 10M),
 * generated inside DuckDB (memory_limit 2GB, temp_directory under the OS temp dir); times
 * computeDrift over all 20 columns and prints seconds.
 *   node --import tsx bench/drift.ts [rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeDrift } from '../core/metrics/drift/computeDrift.js';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000_000);
  const tmp = mkdtempSync(join(tmpdir(), 'sb-drift-'));
  const db = await DuckDBInstance.create(':memory:', { memory_limit: '2GB', temp_directory: tmp });
  const conn = await db.connect();
  try {
    const cols = Array.from({ length: 20 }, (_, j) => j);
    const gen = (shift: number) => cols.map((j) => `(random() * 2 - 1 + random() * 2 - 1 + ${j % 3 === 0 ? shift : 0})::FLOAT AS f${j}`).join(', ');
    let t = performance.now();
    await conn.run(`CREATE TABLE ref AS SELECT ${gen(0)} FROM range(${rows})`);
    await conn.run(`CREATE TABLE cur AS SELECT ${gen(0.05)} FROM range(${rows})`);
    console.log(`generated 2 x ${rows} rows x 20 columns in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const records = await computeDrift(conn, 'ref', 'cur', cols.map((j) => ({ name: `f${j}` })));
    const secs = (performance.now() - t) / 1000;
    const share = records.find((r) => r.id === 'drift.share_drifted');
    console.log(`computeDrift: ${secs.toFixed(2)} s for 20 columns (${records.length} records; share drifted ${share?.value}; ${share?.note})`);
  } finally {
    conn.closeSync();
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
