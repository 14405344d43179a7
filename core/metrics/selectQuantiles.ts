import { LITTLE_ENDIAN } from '../data/vectorIO.js';

/**
 * Quantiles (numpy "linear") of `a` by selection instead of a full sort: O(n) per quantile.
 * May reorder `a`. NaN values must be removed first. Returns NaN for an empty array.
 */
export function selectQuantiles(a: Float64Array, qs: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return qs.map(() => NaN);
  if (n >= BUCKETED_FROM) return bucketedQuantiles(n, (i) => a[i]!, qs);
  // ascending order: after selecting k everything at >= k is >= a[k], so the next search starts at k
  const order = qs.map((_, i) => i).sort((i, j) => qs[i]! - qs[j]!);
  const out = new Array<number>(qs.length);
  let from = 0;
  for (const i of order) {
    const h = (n - 1) * qs[i]!, lo = Math.floor(h);
    const x = select(a, lo, Math.min(from, lo));
    from = lo;
    if (lo + 1 >= n || h === lo) { out[i] = x; continue; }
    const y = select(a, lo + 1, lo + 1); // smallest value right of lo
    from = lo + 1;
    out[i] = x + (h - lo) * (y - x);
  }
  return out;
}

/** Puts the k-th smallest value of a[from..] at a[k], smaller ones before it, larger after (Hoare); a[from..] must hold the n - from largest values. */
function select(a: Float64Array, k: number, from: number): number {
  let left = from, right = a.length - 1;
  while (right > left) {
    const pivot = median3(a[left]!, a[(left + right) >>> 1]!, a[right]!);
    let i = left, j = right;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) { const t = a[i]!; a[i] = a[j]!; a[j] = t; i++; j--; }
    }
    if (k <= j) right = j; else if (k >= i) left = i; else break;
  }
  return a[k]!;
}

function median3(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
}

/** From this many values, quantiles come from one histogram pass and selections inside single buckets. */
export const BUCKETED_FROM = 1 << 18;

const SCRATCH = new Float64Array(1);
const SCRATCH_WORDS = new Uint32Array(SCRATCH.buffer);
const HI = LITTLE_ENDIAN ? 1 : 0;

/** The bucket of a double: the top 16 bits of its order-preserving image (sign flipped for >= 0, all bits for < 0). */
function bucketOf(v: number): number {
  SCRATCH[0] = v;
  const h = SCRATCH_WORDS[HI]!;
  return (h & 0x80000000 ? ~h : h | 0x80000000) >>> 16;
}

/**
 * Quantiles (numpy "linear", as selectQuantiles) of the n values valueAt(0..n-1), which are computed
 * twice and never stored: one pass counts them into 65,536 buckets ordered like the values, the
 * counts locate the bucket of each needed order statistic, a second pass copies out only those
 * buckets' values, and the order statistics are selected in them. NaN must not occur.
 */
export function bucketedQuantiles(n: number, valueAt: (i: number) => number, qs: readonly number[]): number[] {
  if (n === 0) return qs.map(() => NaN);
  const count = new Float64Array(65536);
  for (let i = 0; i < n; i++) count[bucketOf(valueAt(i))]++;
  const below = new Float64Array(65537);
  for (let b = 0; b < 65536; b++) below[b + 1] = below[b]! + count[b]!;
  const bucketOfRank = (r: number) => {
    let lo = 0, hi = 65535; // the b with below[b] <= r < below[b + 1]
    while (lo < hi) { const m = (lo + hi + 1) >>> 1; if (below[m]! <= r) lo = m; else hi = m - 1; }
    return lo;
  };
  const ranks = new Set<number>();
  for (const q of qs) { const h = (n - 1) * q, lo = Math.floor(h); ranks.add(lo); if (lo + 1 < n && h !== lo) ranks.add(lo + 1); }
  // The wanted buckets' values side by side in one array: bucket b's at [start[b], start[b] + count[b]).
  const start = new Float64Array(65536).fill(-1);
  let size = 0;
  for (const r of ranks) { const b = bucketOfRank(r); if (start[b]! < 0) { start[b] = size; size += count[b]!; } }
  const values = new Float64Array(size), next = Float64Array.from(start);
  for (let i = 0; i < n; i++) {
    const v = valueAt(i), b = bucketOf(v);
    if (next[b]! >= 0) values[next[b]!++] = v;
  }
  const stat = (r: number) => {
    const b = bucketOfRank(r);
    return select(values.subarray(start[b]!, start[b]! + count[b]!), r - below[b]!, 0);
  };
  return qs.map((q) => {
    const h = (n - 1) * q, lo = Math.floor(h);
    const x = stat(lo);
    if (lo + 1 >= n || h === lo) return x;
    const y = stat(lo + 1);
    return x + (h - lo) * (y - x);
  });
}
