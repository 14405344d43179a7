import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LatencyClock } from './latencyTypes.js';

/** Below this much time left, sleepUntil spins instead of using a timer (timers are late by up to ~1 ms). */
const SPIN_NS = 2e6;

/**
 * The clock of real measurements: performance.now() (monotonic, from the OS high-resolution timer),
 * in nanoseconds. It is a double, so no BigInt is allocated inside the timed region.
 */
export const systemClock: LatencyClock = {
  now: () => performance.now() * 1e6,
  async sleepUntil(ns: number): Promise<void> {
    const left = ns - performance.now() * 1e6;
    if (left > SPIN_NS) await sleep((left - SPIN_NS / 2) / 1e6);
    while (performance.now() * 1e6 < ns) { /* spin: a precise send time matters more than the CPU */ }
  },
};

export const CLOCK_DESCRIPTION = 'performance.now() (monotonic high-resolution clock), read around the call only';
