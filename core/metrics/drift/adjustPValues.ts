/** Multiple-testing correction across columns. */
export type Correction = 'bh' | 'bonferroni' | 'none';

/**
 * Adjusted p-values, as statsmodels `multipletests(p, method='fdr_bh' | 'bonferroni')`:
 * Benjamini-Hochberg p_(i) m / i made monotone from the largest down and capped at 1;
 * Bonferroni min(p m, 1); 'none' returns p unchanged. NaN entries are skipped and stay NaN
 * (m counts the finite p-values only).
 */
export function adjustPValues(p: readonly number[], method: Correction): number[] {
  const idx = p.map((_, i) => i).filter((i) => Number.isFinite(p[i]!));
  const out = p.map(() => NaN);
  const m = idx.length;
  if (method === 'none') { for (const i of idx) out[i] = p[i]!; return out; }
  if (method === 'bonferroni') { for (const i of idx) out[i] = Math.min(1, p[i]! * m); return out; }
  const order = [...idx].sort((a, b) => p[a]! - p[b]!);
  let running = 1;
  for (let r = m - 1; r >= 0; r--) {
    const i = order[r]!;
    running = Math.min(running, (p[i]! * m) / (r + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
