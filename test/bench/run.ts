/**
 * `npm run bench`: the whole `shadowbench run` on deterministic benchmark traffic (20 float features,
 * label, group, timestamp) at 1M and 10M rows, each in a fresh child process so peak RSS is its own,
 * printing rows/s per stage and peak RSS, next to raw `session.run` of the same models on ready
 * Float32Arrays measured in the same run.
 *
 *   npm run bench   or, after `npm run build:core`:   node --import tsx test/bench/run.ts [ROWS ...]   (default: 1000000 10000000)
 * The measured child runs the compiled core in dist/, as the installed `shadowbench` does.
 */
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const out = join(root, 'test', 'bench', 'output');
const models = { production: join(root, 'fixtures/models/bench/production.onnx'), candidate: join(root, 'fixtures/models/bench/candidate.onnx') };
const mapPath = join(root, 'fixtures/maps/bench.map.yaml');

interface ChildResult {
  rows: number;
  importMs: number;
  /** From the end of the import to the first replayed chunk: opening both models in their workers, resolving the map. */
  modelsMs: number;
  replay: { readMs: number; buildMs: number; inferMs: number; writeMs: number; totalMs: number; modelMs?: number };
  metricsMs: number;
  totalMs: number;
  maxRssMB: number;
  records: number;
  /** Sampled peak RSS (MB) per progress stage. */
  peakMB: Record<string, number>;
  /** CPU seconds (user + system) of every thread per stage: import (with the models' start), replay, metrics; and of the whole run. */
  cpuS: { import: number; replay: number; metrics: number; total: number };
  /** Minor page faults of the whole run (each fresh page of memory costs one). */
  pageFaults: number;
}

async function child(rows: number, data: string): Promise<void> {
  // The compiled core (dist/, as the installed CLI runs it): under tsx, every worker thread would compile TypeScript first.
  const dist = join(root, 'dist', 'core');
  const { Workspace } = await import(pathToFileURL(join(dist, 'data/Workspace.js')).href) as typeof import('../../core/data/Workspace.js');
  const { runComparison } = await import(pathToFileURL(join(dist, 'host/runComparison.js')).href) as typeof import('../../core/host/runComparison.js');
  const { loadMap } = await import(pathToFileURL(join(dist, 'replay/loadMap.js')).href) as typeof import('../../core/replay/loadMap.js');
  const wsPath = join(out, `bench-${rows}.duckdb`);
  for (const p of [wsPath, wsPath + '.wal', wsPath + '.datasets']) rmSync(p, { recursive: true, force: true });
  const ws = await Workspace.create(wsPath); // the defaults `shadowbench run` uses
  const t0 = performance.now();
  // Peak RSS per stage, sampled (the process's maxRSS is the figure the target is checked on).
  const peak: Record<string, number> = {};
  let stage = 'import';
  const timer = setInterval(() => { const r = process.memoryUsage.rss() / 2 ** 20; if (!(peak[stage]! >= r)) peak[stage] = r; }, 50);
  const cpuStart = process.cpuUsage(), faults0 = process.resourceUsage().minorPageFault;
  let cpu0 = cpuStart, replayCpu = { user: 0, system: 0 }, importCpu = { user: 0, system: 0 };
  let importEnd = 0;
  let lastImport = 0;
  let replayEnd = 0;
  const result = await runComparison({
    workspace: ws, production: models.production, candidate: models.candidate, data: { path: data }, map: await loadMap(mapPath),
    onProgress: (p) => {
      stage = p.stage;
      if (p.stage === 'import') lastImport = performance.now();
      if (p.stage === 'replay' && !importEnd) { importEnd = performance.now(); cpu0 = process.cpuUsage(); importCpu = process.cpuUsage(cpuStart); }
      if (p.stage === 'metrics' && !replayEnd) { replayEnd = performance.now(); replayCpu = process.cpuUsage(cpu0); }
    },
  });
  const end = performance.now();
  const totalCpu = process.cpuUsage(cpuStart), faults = process.resourceUsage().minorPageFault - faults0;
  clearInterval(timer);
  await ws.close();
  const res: ChildResult = {
    rows, importMs: (lastImport || importEnd) - t0, modelsMs: importEnd - (lastImport || importEnd), replay: result.stats!.timings, metricsMs: end - replayEnd, totalMs: end - t0,
    maxRssMB: process.resourceUsage().maxRSS / 1024, records: result.metrics.length, peakMB: peak,
    cpuS: { import: secs(importCpu), replay: secs(replayCpu), metrics: secs(totalCpu) - secs(importCpu) - secs(replayCpu), total: secs(totalCpu) }, pageFaults: faults,
  };
  process.stdout.write(JSON.stringify(res) + '\n');
}

/** Raw session.run of both models on ready [65536, 20] Float32Arrays, in-process: the ceiling. */
async function rawSessionRun(): Promise<number> {
  const ort = await import('onnxruntime-node');
  const opts = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' as const, graphOptimizationLevel: 'all' as const };
  const sessions = [await ort.InferenceSession.create(models.production, opts), await ort.InferenceSession.create(models.candidate, opts)];
  const n = 65536;
  const data = new Float32Array(n * 20);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i) * 2;
  const feeds = { features: new ort.Tensor('float32', data, [n, 20]) };
  for (const s of sessions) await s.run(feeds); // warm-up
  const batches = 30;
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) for (const s of sessions) await s.run(feeds);
  const secs = (performance.now() - t0) / 1000;
  for (const s of sessions) await s.release();
  return (batches * n) / secs; // rows/s through both models, one after the other on one thread
}

const fmt = (v: number) => Math.round(v).toLocaleString('en-US');
const secs = (c: { user: number; system: number }) => (c.user + c.system) / 1e6;
const rate = (rows: number, ms: number) => (ms > 0 ? `${fmt(rows / (ms / 1000))} rows/s` : 'n/a');

async function parent(sizes: number[]): Promise<void> {
  mkdirSync(out, { recursive: true });
  const { generateBenchTraffic } = await import('./generate-traffic.js');
  console.log(`shadowbench bench: ${sizes.map(fmt).join(' and ')} rows, fixture pair "bench" (features [batch, 20] -> probabilities)`);
  const raw = await rawSessionRun();
  console.log(`raw session.run, both models, [65536, 20] Float32Array, 1 thread each: ${fmt(raw)} rows/s (both models in sequence on one thread)\n`);
  const results: ChildResult[] = [];
  for (const rows of sizes) {
    const data = join(out, `traffic-${rows}.parquet`);
    if (!existsSync(data)) {
      const t = performance.now();
      await generateBenchTraffic(data, rows);
      console.log(`generated ${data} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(rows), data], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) { console.error(r.stderr); process.exit(1); }
    const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
    results.push(res);
    const rp = res.replay;
    console.log(`${fmt(rows)} rows:`);
    console.log(`  import (kept Parquet copy) ${(res.importMs / 1000).toFixed(2)} s   ${rate(rows, res.importMs)}`);
    console.log(`  open models, resolve map    ${(res.modelsMs / 1000).toFixed(2)} s`);
    console.log(`  replay                      ${(rp.totalMs / 1000).toFixed(2)} s   ${rate(rows, rp.totalMs)}   (${(res.cpuS.replay / (rp.totalMs / 1000)).toFixed(2)} cores busy on average)`);
    console.log(`    reading (DuckDB, copy out) ${(rp.readMs / 1000).toFixed(2)} s   ${rate(rows, rp.readMs)}`);
    console.log(`    building tensors           ${(rp.buildMs / 1000).toFixed(2)} s   ${rate(rows, rp.buildMs)}`);
    console.log(`    inference (both models, in their workers, overlapping the rest) ${((rp.modelMs ?? 0) / 1000).toFixed(2)} s   ${rate(rows, rp.modelMs ?? 0)}`);
    console.log(`    waiting on the models      ${(rp.inferMs / 1000).toFixed(2)} s`);
    console.log(`    write + commit             ${(rp.writeMs / 1000).toFixed(2)} s   ${rate(rows, rp.writeMs)}`);
    console.log(`  metrics (${res.records} records, B = 1000) ${(res.metricsMs / 1000).toFixed(2)} s   ${rate(rows, res.metricsMs)}`);
    console.log(`  whole run                   ${(res.totalMs / 1000).toFixed(2)} s   ${rate(rows, res.totalMs)}   (target >= 1,000,000 rows/s)`);
    const c = res.cpuS, cores = availableParallelism();
    console.log(`  CPU, all threads            ${c.total.toFixed(1)} CPU-s (import ${c.import.toFixed(1)}, replay ${c.replay.toFixed(1)}, metrics ${c.metrics.toFixed(1)}): no less than ${(c.total / cores).toFixed(1)} s on ${cores} cores; ${fmt(res.pageFaults)} page faults`);
    console.log(`  peak RSS                    ${fmt(res.maxRssMB)} MB   (target < 1,500 MB)`);
    console.log(`    by stage (sampled)         ${Object.entries(res.peakMB).map(([k, v]) => `${k} ${fmt(v)} MB`).join(', ')}\n`);
  }
  if (results.length > 1) {
    const [a, b] = [results[0], results[results.length - 1]];
    console.log(`peak RSS ${fmt(a.maxRssMB)} MB at ${fmt(a.rows)} rows -> ${fmt(b.maxRssMB)} MB at ${fmt(b.rows)} rows (x${(b.maxRssMB / a.maxRssMB).toFixed(2)} for x${(b.rows / a.rows).toFixed(0)} rows)`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') await child(Number(args[1]), args[2]);
else await parent(args.length ? args.map(Number) : [1_000_000, 10_000_000]);
