/**
 * Harness overhead of the latency replay.
 *
 *   node --import tsx test/bench/latency-overhead.ts [CALLS=5000] [MODEL=fixtures/models/unit/bench_logistic20.onnx] [ROUNDS=5]
 *
 * In one process, in ROUNDS alternating rounds: (1) a bare loop of `await session.run(feeds)` on a
 * tiny model, one feed built once, each call timed with performance.now(); (2) latencyReplay of the
 * same model as production and candidate through a workspace (CALLS / ROUNDS requests per model).
 * Prints the p50 of each round and, as the median over rounds, the per-call overhead: the run-only p50 minus the bare p50 (what the
 * harness adds to the number it reports as session.run time; target < 5 µs), the end-to-end p50
 * minus the bare p50 (tensor build + output read + timing), and the wall time per call of each loop.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { Workspace } from '../../core/data/Workspace.js';
import { exactSummary } from '../../core/metrics/latency/nearestRank.js';
import { readModel } from '../../core/model/index.js';
import { latencyReplay } from '../../core/replay/latency/latencyReplay.js';
import { resolveMap } from '../../core/replay/resolveMap.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const calls = Number(process.argv[2] ?? 5000);
const modelPath = resolve(root, process.argv[3] ?? 'fixtures/models/unit/bench_logistic20.onnx');
const fmt = (x: number) => x.toFixed(2).padStart(9);

async function bareLoop(session: ort.InferenceSession, width: number, n: number): Promise<{ p50: number; p99: number; wallPerCall: number }> {
  const data = new Float32Array(width).map((_, i) => (i % 7) / 7);
  const feeds = { features: new ort.Tensor('float32', data, [1, width]) };
  const fetch = ['probabilities'];
  for (let i = 0; i < 200; i++) await session.run(feeds, fetch);
  const us = new Float64Array(n);
  const w0 = performance.now();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await session.run(feeds, fetch);
    us[i] = (performance.now() - t0) * 1000;
  }
  const wall = (performance.now() - w0) * 1000;
  const s = exactSummary(us);
  return { p50: s.percentiles.p50!, p99: s.percentiles.p99!, wallPerCall: wall / n };
}

const file = await readModel(modelPath);
const width = Number(file.signature.inputs[0]!.shape[1]);
const columns = Array.from({ length: width }, (_, j) => `f${String(j).padStart(2, '0')}`);
const session = await ort.InferenceSession.create(file.runnableBytes, { executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1, logSeverityLevel: 3 });

const dir = mkdtempSync(join(tmpdir(), 'sb-latency-bench-'));
const ws = await Workspace.create(':memory:', { threads: 1 });
try {
  const csvRows = Array.from({ length: 500 }, (_, r) => columns.map((_, j) => (((r * 31 + j * 17) % 101) / 50 - 1).toFixed(4)).join(','));
  writeFileSync(join(dir, 'rows.csv'), [columns.join(','), ...csvRows].join('\n'));
  const ds = await ws.importDataset(join(dir, 'rows.csv'));
  const m = { inputs: { features: columns } };
  const plan = await resolveMap({ models: { production: m, candidate: m } }, { info: ds, distinct: async () => [] }, { production: file.signature, candidate: file.signature });

  // Alternate bare loops and replays in rounds, so machine noise (this is a shared machine) hits both alike.
  const rounds = Number(process.argv[4] ?? 5);
  const per = Math.max(100, Math.round(calls / rounds));
  const results: { bare: number; bareWall: number; run: number; e2e: number; wall: number; busy: boolean }[] = [];
  let env = '';
  for (let k = 0; k < rounds; k++) {
    const bare = await bareLoop(session, width, per);
    const marks: [number, number][] = [];
    const r = await latencyReplay(ws, plan, { production: file, candidate: file }, ds.id,
      { requests: per, warmup: 200, batch: 1, mode: 'closed', seed: k + 1, onProgress: (d) => marks.push([d, performance.now()]) },
      { calibrationRuns: 20 });
    // wall per call of the harness over its measured part (after the cold starts and the warm-up)
    const first = marks.find(([d]) => d >= 2 * (1 + 200))!;
    const last = marks[marks.length - 1]!;
    const run = exactSummary(Float64Array.from([...r.production.runUs, ...r.candidate.runUs]));
    const e2e = exactSummary(Float64Array.from([...r.production.e2eUs, ...r.candidate.e2eUs]));
    results.push({ bare: bare.p50, bareWall: bare.wallPerCall, run: run.percentiles.p50!, e2e: e2e.percentiles.p50!, wall: ((last[1] - first[1]) * 1000) / (last[0] - first[0]), busy: r.busy.busy });
    env = `${r.environment.cpu}, ${r.environment.cores} cores, ${r.environment.os}, Node ${r.environment.node}, onnxruntime ${r.environment.onnxruntime}, threads intra=1 inter=1`;
  }
  const med = (xs: number[]) => exactSummary(Float64Array.from(xs)).percentiles.p50!;
  console.log(`latency harness overhead: ${file.name}, batch 1, ${rounds} rounds of ${per} bare calls and a replay of ${per} requests per model`);
  console.log(`  ${env}; load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  console.log('  round  bare p50  run-only p50  e2e p50   bare wall/call  replay wall/call  busy   (µs)');
  results.forEach((x, k) => console.log(`  ${String(k + 1).padStart(5)} ${fmt(x.bare)} ${fmt(x.run)}    ${fmt(x.e2e)} ${fmt(x.bareWall)}        ${fmt(x.wall)}        ${x.busy ? 'yes' : 'no'}`));
  const dRun = med(results.map((x) => x.run - x.bare));
  const dE2e = med(results.map((x) => x.e2e - x.bare));
  const dWall = med(results.map((x) => x.wall - x.bareWall));
  console.log(`overhead at p50 (median over rounds of replay minus bare): run-only ${dRun.toFixed(2)} µs (target < 5), end to end ${dE2e.toFixed(2)} µs (tensor build + output read); wall per call ${dWall.toFixed(2)} µs`);
} finally {
  await session.release();
  await ws.close();
  rmSync(dir, { recursive: true, force: true });
}
