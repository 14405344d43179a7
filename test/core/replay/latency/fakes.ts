import type { ModelRole } from '../../../../core/contract/index.js';
import type { LatencyClock, LatencyTarget } from '../../../../core/replay/latency/latencyTypes.js';

/** A clock that moves only when told: sleeping jumps to the wake time; fake models advance it. */
export class FakeClock implements LatencyClock {
  t = 1_000_000;
  sleeps = 0;
  now(): number { return this.t; }
  async sleepUntil(ns: number): Promise<void> { this.sleeps++; if (ns > this.t) this.t = ns; }
  advance(ns: number): void { this.t += ns; }
}

/** Nanoseconds a fake model spends in build, run and read, by its call number (0 = cold start). */
export interface FakeTimes { build?: number; read?: number; run: (call: number, input: number) => number }

/** A fake "model": advances the fake clock by fixed times; can fail on one input. */
export function fakeTarget(role: ModelRole, clock: FakeClock, times: FakeTimes, failOn?: number): LatencyTarget<number, number, number> & { calls: number[] } {
  let call = 0;
  const calls: number[] = [];
  return {
    role,
    calls,
    build(input: number): number { clock.advance(times.build ?? 0); return input; },
    async run(input: number): Promise<number> {
      if (input === failOn) throw new Error(`Got invalid dimensions for input: features for the following indices`);
      calls.push(input);
      clock.advance(times.run(call++, input));
      return input;
    },
    read(): void { clock.advance(times.read ?? 0); },
  };
}
