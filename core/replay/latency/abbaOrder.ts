import type { ModelRole } from '../../contract/index.js';

/** Draws a uniform random bit; any seeded source (core/metrics/prng is not reachable from replay). */
export type CoinFlip = () => boolean;

/**
 * Seeded splitmix32 coin for the block order. core/replay may not import core/metrics (layering),
 * so this is a local 32-bit mixer; the sequence is fixed for a seed on every platform.
 */
export function seededCoin(seed: number): CoinFlip {
  let s = (Math.floor(seed) >>> 0) ^ 0x5bd1e995;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (((z ^ (z >>> 16)) >>> 0) & 1) === 1;
  };
}

/**
 * ABBA interleaving of `units` (requests or segments): units are grouped in blocks of two; a coin
 * picks which model opens each block; the first unit of a block runs [X, Y], the second [Y, X].
 * Returns the model order of each unit and the opener of each block.
 */
export function abbaOrder(units: number, coin: CoinFlip): { order: [ModelRole, ModelRole][]; blockFirst: ModelRole[] } {
  const order: [ModelRole, ModelRole][] = [];
  const blockFirst: ModelRole[] = [];
  for (let u = 0; u < units; u++) {
    if (u % 2 === 0) blockFirst.push(coin() ? 'candidate' : 'production');
    const x = blockFirst[blockFirst.length - 1]!;
    const y: ModelRole = x === 'production' ? 'candidate' : 'production';
    order.push(u % 2 === 0 ? [x, y] : [y, x]);
  }
  return { order, blockFirst };
}
