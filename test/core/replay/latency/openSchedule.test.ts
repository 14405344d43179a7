import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkbenchError } from '../../../../core/contract/index.js';
import { checkLatencyOptions } from '../../../../core/replay/latency/latencyReplay.js';
import type { LatencyOptions } from '../../../../core/replay/latency/latencyTypes.js';
import { assessBusy } from '../../../../core/replay/latency/machineCheck.js';
import { rateSchedule, timestampSchedule } from '../../../../core/replay/latency/openSchedule.js';

const badArgument = (flag: string) => (e: unknown) => WorkbenchError.is(e) && e.code === 'BAD_ARGUMENT' && e.message.includes(flag);

test('a zero, negative or non-numeric rate or speed is refused naming the flag', () => {
  for (const r of [0, -5, NaN, Infinity]) assert.throws(() => rateSchedule(10, r), badArgument('--rate'));
  for (const s of [0, -1, NaN]) assert.throws(() => timestampSchedule(Float64Array.of(1, 2), s), badArgument('--speed'));
  const base: LatencyOptions = { requests: 10, warmup: 1, batch: 1, mode: 'open', seed: 1 };
  assert.throws(() => checkLatencyOptions({ ...base, rate: 0 }), badArgument('--rate'));
  assert.throws(() => checkLatencyOptions({ ...base, rate: -3 }), badArgument('--rate'));
  assert.throws(() => checkLatencyOptions({ ...base, speed: 0 }), badArgument('--speed'));
  assert.throws(() => checkLatencyOptions({ ...base, rate: 5, speed: 2 }), badArgument('--rate'));
  assert.throws(() => checkLatencyOptions({ ...base, mode: 'closed', rate: 5 }), badArgument('--rate'));
  assert.throws(() => checkLatencyOptions({ ...base, requests: 0 }), badArgument('--latency-requests'));
  assert.throws(() => checkLatencyOptions({ ...base, batch: 1.5 }), badArgument('--latency-batch'));
  assert.doesNotThrow(() => checkLatencyOptions({ ...base, rate: 0.5 }));
});

test('a fixed rate schedule is i / rate', () => {
  const s = rateSchedule(4, 250);
  assert.deepEqual([...s.intendedNs], [0, 4e6, 8e6, 12e6]);
  assert.equal(s.intendedRate, 250);
});

test('recorded timestamps at a speed: gaps divided by the speed, bad gaps replaced by the median gap', () => {
  // epoch ms: gaps 100, 300, -1400 (wrap round), NaN, NaN (a missing timestamp spoils both its gaps)
  const ts = Float64Array.of(1000, 1100, 1400, 0, NaN, 200);
  const s = timestampSchedule(ts, 10);
  // valid gaps 100 and 300 -> median 200; at speed 10: 10, 30, 20, 20, 20 ms
  assert.equal(s.gapsReplaced, 3);
  assert.deepEqual([...s.intendedNs].map((x) => x / 1e6), [0, 10, 40, 60, 80, 100]);
  assert.equal(s.source, 'timestamps');
  assert.ok(Math.abs(s.intendedRate! - 50) < 1e-9);
  assert.equal(timestampSchedule(Float64Array.of(5, 5, 5), 1).intendedRate, null);
});

test('the busy check flags spread, drift and load, and passes a quiet machine', () => {
  const quiet = Float64Array.from({ length: 30 }, (_, i) => 50 + (i % 3) * 0.5);
  const ok = assessBusy(quiet, quiet, 0.2, 0.3, 2);
  assert.equal(ok.busy, false);
  assert.deepEqual(ok.reasons, []);
  const noisy = Float64Array.from({ length: 30 }, (_, i) => (i % 4 === 0 ? 200 : 50));
  assert.equal(assessBusy(noisy, quiet, 0, 0, 2).busy, true);
  const slower = quiet.map((x) => x * 1.5);
  const drift = assessBusy(quiet, slower, 0, 0, 2);
  assert.equal(drift.busy, true);
  assert.ok(drift.reasons.some((r) => r.includes('before')));
  const loaded = assessBusy(quiet, quiet, 3.5, 3.9, 2);
  assert.ok(loaded.busy && loaded.reasons.some((r) => r.includes('load average')));
});
