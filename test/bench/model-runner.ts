/**
 * ModelRunner throughput on a [65536, 20] float batch through a tiny logistic model
 * (fixtures/models/unit/bench_logistic20.onnx), intraOpNumThreads 1:
 *   raw          onnxruntime-node session.run on the calling thread (same input tensor every call)
 *   in-process   createModelRunner(..., { inWorker: false }) (adds feed checks and tensor wrapping)
 *   worker       createModelRunner(...) one call at a time, feeds transferred (fresh arrays prepared untimed)
 *   worker/copy  the same with { transfer: false } (structured clone of the feeds)
 *   worker x2    two calls in flight on one runner (transfer overlaps compute)
 * The machine is shared, so the modes are interleaved in rounds and the median round is reported.
 * Run: node --import tsx test/bench/model-runner.ts [rounds=7] [callsPerRound=20] [rows=65536]
 */
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { createModelRunner, type Tensor } from '../../core/model/index.js';

const ROUNDS = Number(process.argv[2] ?? 7);
const CALLS = Number(process.argv[3] ?? 20);
const ROWS = Number(process.argv[4] ?? 65_536);
const COLS = 20;
const MODEL = fileURLToPath(new URL('../../fixtures/models/unit/bench_logistic20.onnx', import.meta.url));

const template = Float32Array.from({ length: ROWS * COLS }, (_, i) => Math.sin(i * 0.618) * 2);
const batches = (n: number): { features: Tensor }[] =>
  Array.from({ length: n }, () => ({ features: { type: 'float32', data: template.slice(), dims: [ROWS, COLS] } }));

/** A mode runs `calls` calls; it returns per-call milliseconds and the timed span (preparation excluded). */
type Mode = (calls: number) => Promise<{ per: number[]; ms: number }>;

function sequential(call: (i: number) => Promise<unknown>, prepare: (n: number) => void = () => {}): Mode {
  return async (calls) => {
    prepare(calls);
    const per: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      await call(i);
      per.push(performance.now() - t);
    }
    return { per, ms: performance.now() - t0 };
  };
}

const session = await ort.InferenceSession.create(MODEL, { intraOpNumThreads: 1, interOpNumThreads: 1, executionProviders: ['cpu'] });
const rawInput = new ort.Tensor('float32', template.slice(), [ROWS, COLS]);
const inproc = await createModelRunner(MODEL, { inWorker: false });
const worker = await createModelRunner(MODEL);
let feeds: { features: Tensor }[] = [];
const fresh = (n: number): void => { feeds = batches(n); };
const inprocFeeds = batches(1)[0];

const modes: Record<string, Mode> = {
  raw: sequential(() => session.run({ features: rawInput }, ['probabilities'])),
  'in-process': sequential(() => inproc.run(inprocFeeds, ['probabilities'])),
  worker: sequential((i) => worker.run(feeds[i], ['probabilities']), fresh),
  'worker/copy': sequential(() => worker.run(inprocFeeds, ['probabilities'], { transfer: false })),
  'worker x2': async (calls) => {
    fresh(calls);
    const per: number[] = [];
    let next = 0;
    const t0 = performance.now();
    const lane = async (): Promise<void> => {
      while (next < calls) {
        const f = feeds[next++];
        const t = performance.now();
        await worker.run(f, ['probabilities']);
        per.push(performance.now() - t);
      }
    };
    await Promise.all([lane(), lane()]);
    return { per, ms: performance.now() - t0 };
  },
};

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rates: Record<string, number[]> = {};
const perCall: Record<string, number[]> = {};
for (const [name, mode] of Object.entries(modes)) { await mode(5); rates[name] = []; perCall[name] = []; } // warm-up
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, mode] of Object.entries(modes)) {
    const { per, ms } = await mode(CALLS);
    rates[name].push((ROWS * CALLS) / (ms / 1000));
    perCall[name].push(...per);
  }
}
await Promise.all([inproc.close(), worker.close(), session.release()]);

console.log(`batch [${ROWS}, ${COLS}] float32, ${ROUNDS} rounds x ${CALLS} calls per mode, intraOpNumThreads 1, node ${process.version}`);
const rawRate = median(rates.raw);
for (const name of Object.keys(modes)) {
  const r = median(rates[name]);
  console.log(`${name.padEnd(12)} ${Math.round(r).toLocaleString('en').padStart(12)} rows/s (median round; `
    + `min ${Math.round(Math.min(...rates[name])).toLocaleString('en')}, max ${Math.round(Math.max(...rates[name])).toLocaleString('en')})  `
    + `call p50 ${median(perCall[name]).toFixed(2)} ms  ${(r / rawRate * 100).toFixed(0)}% of raw`);
}
