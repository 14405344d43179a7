import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkbenchError } from '../../../../core/contract/index.js';
import { abbaOrder, seededCoin } from '../../../../core/replay/latency/abbaOrder.js';
import { LatencyCallError, measureLoop } from '../../../../core/replay/latency/measureLoop.js';
import { rateSchedule } from '../../../../core/replay/latency/openSchedule.js';
import { FakeClock, fakeTarget } from './fakes.js';

const W = 6;
const N = 40;

function closedSetup(seed = 7) {
  const clock = new FakeClock();
  // cold start 5 ms, warm-up 1 ms, then 10 µs (production) and 20 µs (candidate)
  const svc = (steady: number) => (call: number) => (call === 0 ? 5e6 : call <= W ? 1e6 : steady);
  const targets = {
    production: fakeTarget('production', clock, { build: 1000, read: 500, run: svc(10_000) }),
    candidate: fakeTarget('candidate', clock, { build: 1000, read: 500, run: svc(20_000) }),
  };
  return { clock, targets, run: () => measureLoop(targets, (i) => i, clock, { requests: N, warmup: W, mode: 'closed', seed }) };
}

test('closed loop: warm-up and cold start are excluded from the measured samples and kept apart', async () => {
  const { run } = closedSetup();
  const r = await run();
  assert.deepEqual([...new Set(r.production.runNs)], [10_000]);
  assert.deepEqual([...new Set(r.candidate.runNs)], [20_000]);
  assert.deepEqual([...new Set(r.production.e2eNs)], [11_500]); // build + run + read
  assert.deepEqual([...r.production.e2eNs], [...r.production.serviceNs]);
  assert.deepEqual([...new Set(r.candidate.warmupRunNs)], [1e6]);
  assert.equal(r.candidate.warmupRunNs.length, W);
  assert.equal(r.production.coldRunNs, 5e6);
  assert.equal(r.production.coldE2eNs, 5e6 + 1500);
});

test('closed loop: both models run every request on the same input, interleaved in ABBA blocks', async () => {
  const { run, targets } = closedSetup();
  const r = await run();
  assert.equal(r.order.length, 2 * (1 + W + N));
  assert.deepEqual(r.order.slice(0, 2).map((o) => o.phase), ['cold', 'cold']);
  const phases = r.order.map((o) => o.phase);
  assert.equal(phases.lastIndexOf('warmup') < phases.indexOf('measured'), true, 'all warm-up before any measured request');
  // Same inputs: each model saw 0 (cold), 0..W-1 (warm-up), W..W+N-1 (measured).
  const expected = [0, ...Array.from({ length: W + N }, (_, i) => i)];
  assert.deepEqual(targets.production.calls, expected);
  assert.deepEqual(targets.candidate.calls, expected);
  const measured = r.order.filter((o) => o.phase === 'measured');
  assert.equal(r.blockFirst.length, N / 2);
  for (let i = 0; i < N; i += 2) {
    const [a, b, c, d] = measured.slice(2 * i, 2 * i + 4);
    assert.deepEqual([a!.request, b!.request, c!.request, d!.request], [i, i, i + 1, i + 1]);
    assert.equal(a!.model, r.blockFirst[i / 2]);
    assert.equal(a!.model, d!.model, 'ABBA: the block opener also closes it');
    assert.equal(b!.model, c!.model);
    assert.notEqual(a!.model, b!.model);
  }
  assert.ok(r.blockFirst.includes('production') && r.blockFirst.includes('candidate'), 'the coin picks both openers');
  const again = await closedSetup().run();
  assert.deepEqual(again.blockFirst, r.blockFirst, 'same seed, same order');
  const other = await closedSetup(8).run();
  assert.notDeepEqual(other.blockFirst, r.blockFirst);
});

test('abbaOrder: blocks of two units, opener from the coin', () => {
  const flips = [true, false, true];
  let k = 0;
  const o = abbaOrder(5, () => flips[k++]!);
  assert.deepEqual(o.blockFirst, ['candidate', 'production', 'candidate']);
  assert.deepEqual(o.order, [
    ['candidate', 'production'], ['production', 'candidate'],
    ['production', 'candidate'], ['candidate', 'production'],
    ['candidate', 'production'],
  ]);
  const coin = seededCoin(1);
  let heads = 0;
  for (let i = 0; i < 2000; i++) if (coin()) heads++;
  assert.ok(heads > 900 && heads < 1100, `fair coin: ${heads}/2000`);
});

test('open loop: when the model is slower than the schedule, the backlog shows in latency (coordinated omission corrected)', async () => {
  const clock = new FakeClock();
  // 1000 requests/s (1 ms apart); the production model takes 2 ms, the candidate 0.5 ms
  const targets = {
    production: fakeTarget('production', clock, { run: (c) => (c <= W ? 1e5 : 2e6) }),
    candidate: fakeTarget('candidate', clock, { run: (c) => (c <= W ? 1e5 : 5e5) }),
  };
  const seg = 10;
  const r = await measureLoop(targets, (i) => i, clock, { requests: N, warmup: W, mode: 'open', intendedNs: rateSchedule(N, 1000).intendedNs, segment: seg, seed: 3 });
  for (let i = 0; i < N; i++) {
    const k = i % seg; // position in its episode: the backlog builds within an episode
    assert.equal(r.production.runNs[i], 2e6);
    assert.equal(r.production.serviceNs[i], 2e6, 'service time alone would hide the queue');
    assert.equal(r.production.e2eNs[i], (k + 1) * 2e6 - k * 1e6, `request ${i}: completion minus intended send`);
    assert.equal(r.production.sendDelayNs![i], k * 1e6);
    assert.equal(r.candidate.e2eNs[i], 5e5, 'a model that keeps up has no queueing');
    assert.equal(r.candidate.sendDelayNs![i], 0);
  }
  // achieved vs intended send rate
  const near = (x: number, y: number) => assert.ok(Math.abs(x - y) < 1e-6, `${x} vs ${y}`);
  near(r.production.spanGaps / (r.production.intendedSpanNs / 1e9), 1000);
  near(r.production.spanGaps / (r.production.sentSpanNs / 1e9), 500);
  near(r.candidate.spanGaps / (r.candidate.sentSpanNs / 1e9), 1000);
  // segments in ABBA blocks, each model replaying each segment
  const measured = r.order.filter((o) => o.phase === 'measured');
  assert.equal(measured.length, 2 * N);
  assert.equal(r.blockFirst.length, N / seg / 2);
  const firstOfSegment = (g: number) => measured[g * 2 * seg]!.model;
  assert.equal(firstOfSegment(0), r.blockFirst[0]);
  assert.notEqual(firstOfSegment(1), r.blockFirst[0]);
  assert.ok(clock.sleeps > 0, 'waits for the intended send times');
});

test('a failing request stops the loop with the model, phase and input', async () => {
  const clock = new FakeClock();
  const targets = {
    production: fakeTarget('production', clock, { run: () => 1000 }),
    candidate: fakeTarget('candidate', clock, { run: () => 1000 }, W + 3),
  };
  await assert.rejects(measureLoop(targets, (i) => i, clock, { requests: N, warmup: W, mode: 'closed', seed: 1 }), (e: unknown) => {
    assert.ok(e instanceof LatencyCallError);
    assert.equal(e.role, 'candidate');
    assert.equal(e.phase, 'measured');
    assert.equal(e.request, 3);
    assert.equal(e.dataIndex, W + 3);
    return true;
  });
});

test('an aborted signal cancels with CANCELLED', async () => {
  const clock = new FakeClock();
  const ac = new AbortController();
  const targets = {
    production: fakeTarget('production', clock, { run: (c) => { if (c === 3) ac.abort(); return 1000; } }),
    candidate: fakeTarget('candidate', clock, { run: () => 1000 }),
  };
  await assert.rejects(measureLoop(targets, (i) => i, clock, { requests: N, warmup: W, mode: 'closed', seed: 1, signal: ac.signal }),
    (e: unknown) => WorkbenchError.is(e) && e.code === 'CANCELLED');
});

test('progress reaches the total', async () => {
  const clock = new FakeClock();
  const seen: [number, number][] = [];
  const targets = { production: fakeTarget('production', clock, { run: () => 1 }), candidate: fakeTarget('candidate', clock, { run: () => 1 }) };
  await measureLoop(targets, (i) => i, clock, { requests: N, warmup: W, mode: 'closed', seed: 1, onProgress: (d, t) => seen.push([d, t]) });
  assert.deepEqual(seen.at(-1), [2 * (1 + W + N), 2 * (1 + W + N)]);
});
