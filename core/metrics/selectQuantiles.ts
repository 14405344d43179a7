/**
 * Quantiles (numpy "linear") of `a` by selection instead of a full sort: O(n) per quantile.
 * Reorders `a` in place. NaN values must be removed first. Returns NaN for an empty array.
 */
export function selectQuantiles(a: Float64Array, qs: readonly number[]): number[] {
  const n = a.length;
  if (n === 0) return qs.map(() => NaN);
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
