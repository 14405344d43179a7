// Benchmark: computeMetricsAndCurves (what `shadowbench run` calls) on 10M rows generated in DuckDB (memory_limit 2GB, temp_directory set), B = 1000.
// Run: node --import tsx test/bench/metrics.ts [rows]. Prints wall and process CPU time and the load average:
// on a shared machine compare CPU seconds, wall time depends on the load.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { computeMetricsAndCurves } from '../../core/metrics/computeMetrics.js';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000_000);
  const dir = mkdtempSync(join(tmpdir(), 'sb-bench-'));
  const inst = await DuckDBInstance.create(':memory:', { memory_limit: '2GB', temp_directory: join(dir, 'tmp'), threads: '2' });
  const conn = await inst.connect();
  try {
    let t = performance.now();
    // scores as float32 (what ONNX models return): many distinct values plus ties
    await conn.run(`CREATE TABLE bench AS
      SELECT CASE WHEN i % 20 = 0 THEN NULL ELSE (z > 0.6)::INTEGER END AS y,
             (1 / (1 + exp(-(z + 0.8 * e1 - 0.5))))::FLOAT::DOUBLE AS p_production,
             CASE WHEN i % 1000003 = 0 THEN 'NaN'::DOUBLE ELSE (1 / (1 + exp(-(1.1 * z + 0.7 * e2 - 0.6))))::FLOAT::DOUBLE END AS p_candidate,
             CASE WHEN h < 0.45 THEN 'F' WHEN h < 0.9 THEN 'M' END AS sex,
             ['A', 'B', 'C', 'D', 'E'][1 + (i % 5)] AS region
      FROM (SELECT i, random() AS h, random() * 2 - 0.5 AS z, random() - 0.5 AS e1, random() - 0.5 AS e2 FROM range(${rows}) r(i))`);
    console.log(`generated ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const { metrics: recs, curves } = await computeMetricsAndCurves(conn, 'bench', { threshold: 0.5, sensitive: ['sex', 'region'], bootstrap: { B: 1000, seed: 20261125 } });
    const s = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const auc = recs.find((r) => r.id === 'outcome.roc_auc' && r.model === 'delta');
    console.log(`load average (1 min) ${loadavg()[0]!.toFixed(2)} on ${cpus().length} cores; process CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (JS + DuckDB threads)`);
    console.log(`computeMetricsAndCurves: ${s.toFixed(1)} s, ${recs.length} records + ${curves.length} curves, B=1000; AUC delta ${auc?.value?.toFixed(5)} p=${auc?.p?.toExponential(2)}`);
    console.log(`rss now ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB, peak ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (node process incl. DuckDB and the generated table)`);
  } finally {
    conn.closeSync();
    inst.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
