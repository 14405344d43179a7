/**
 * ModelRunner throughput on a [65536, 20] float batch through a tiny logistic model
 * (fixtures/models/unit/bench_logistic20.onnx), intraOpNumThreads 1:
 *   raw        onnxruntime-node session.run on the calling thread (same input tensor every call)
 *   in-process createModelRunner(..., { inWorker: false }) (adds feed checks and tensor wrapping)
 *   worker     createModelRunner(...) one call at a time, feeds transferred (fresh arrays prepared untimed)
 *   worker/copy   the same with { transfer: false } (structured clone of the feeds)
 *   worker x2  two calls in flight on one runner (transfer overlaps compute)
 * Run: node --import tsx bench/model-runner.ts [calls=40] [rows=65536]
 */
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { createModelRunner, type ModelRunner, type Tensor } from '../core/model/index.js';

const CALLS = Number(process.argv[2] ?? 40);
const ROWS = Number(process.argv[3] ?? 65_536);
const COLS = 20;
const WARMUP = 5;
const MODEL = fileURLToPath(new URL('../fixtures/models/unit/bench_logistic20.onnx', import.meta.url));

const template = Float32Array.from({ length: ROWS * COLS }, (_, i) => Math.sin(i * 0.618) * 2);
const batch = (): Tensor => ({ type: 'float32', data: template.slice(), dims: [ROWS, COLS] });

interface Result { name: string; rowsPerS: number; msPerCall: number; p50: number; max: number }
const results: Result[] = [];

function report(name: string, totalMs: number, calls: number[]): void {
  const sorted = [...calls].sort((a, b) => a - b);
  const r = {
    name, rowsPerS: (ROWS * calls.length) / (totalMs / 1000), msPerCall: totalMs / calls.length,
    p50: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1],
  };
  results.push(r);
  console.log(`${name.padEnd(12)} ${Math.round(r.rowsPerS).toLocaleString('en').padStart(12)} rows/s  `
    + `${r.msPerCall.toFixed(2).padStart(7)} ms/call  p50 ${r.p50.toFixed(2)} ms  max ${r.max.toFixed(2)} ms`);
}

async function timeSequential(name: string, call: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < WARMUP; i++) await call();
  const per: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    await call();
    per.push(performance.now() - t);
  }
  report(name, performance.now() - t0, per);
}

async function raw(name = 'raw'): Promise<void> {
  const session = await ort.InferenceSession.create(MODEL, { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'] });
  const input = new ort.Tensor('float32', template.slice(), [ROWS, COLS]);
  await timeSequential(name, () => session.run({ features: input }, ['probabilities']));
  await session.release();
}

async function runner(name: string, r: ModelRunner, transfer: boolean): Promise<void> {
  const feeds = Array.from({ length: WARMUP + CALLS }, () => ({ features: batch() }));
  let i = 0;
  await timeSequential(name, () => r.run(feeds[i++], ['probabilities'], { transfer }));
}

async function pipelined(r: ModelRunner, depth: number): Promise<void> {
  const feeds = Array.from({ length: WARMUP + CALLS }, () => ({ features: batch() }));
  for (let i = 0; i < WARMUP; i++) await r.run(feeds[i], ['probabilities']);
  const per: number[] = [];
  let next = WARMUP;
  const t0 = performance.now();
  const lane = async (): Promise<void> => {
    while (next < WARMUP + CALLS) {
      const f = feeds[next++];
      const t = performance.now();
      await r.run(f, ['probabilities']);
      per.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: depth }, lane));
  report(`worker x${depth}`, performance.now() - t0, per);
}

console.log(`batch [${ROWS}, ${COLS}] float32, ${CALLS} calls after ${WARMUP} warm-up, intraOpNumThreads 1, node ${process.version}`);
await raw();
const inproc = await createModelRunner(MODEL, { inWorker: false });
await runner('in-process', inproc, true);
await inproc.close();
const worker = await createModelRunner(MODEL);
await runner('worker', worker, true);
await runner('worker/copy', worker, false);
await pipelined(worker, 2);
await worker.close();
await raw('raw (again)'); // the machine is shared: a second raw pass shows how much the numbers drift
const rawRate = results[0].rowsPerS;
console.log(results.slice(1).map((r) => `${r.name}: ${(r.rowsPerS / rawRate * 100).toFixed(0)}% of raw`).join(', '));
