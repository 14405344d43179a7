import type { DuckDBConnection } from '@duckdb/node-api';
import { doubleLiteral, num, queryRows } from '../sql.js';
import type { GridLayout } from './gridLayout.js';
import type { GridAccumulator } from './scanNumericColumns.js';
import { validExpr, valueExpr, type ResolvedColumn } from './resolveDriftColumns.js';

/** KS statistic, Wasserstein distance and PSI/JS bin counts of one numeric column. */
export interface NumericDrift {
  /** sup |F_R - F_C|; on the grid path a lower bound, `dUpper` the upper bound. */
  d: number;
  dUpper: number;
  /** ∫ |F_R - F_C| dx; on the grid path an estimate within ±`wError`. */
  w: number;
  wError: number;
  path: 'exact' | 'grid';
  /** Distinct values of R and C together (exact path only). */
  distinct?: number;
  /** Counts per bin (-inf, e1], (e1, e2], ..., (e_last, inf) of reference and current. */
  refBins: number[];
  curBins: number[];
}

function union(reference: string, current: string, col: ResolvedColumn): string {
  const v = valueExpr(col), ok = validExpr(col);
  return `SELECT ${v} AS v, 1 AS r, 0 AS c FROM ${reference} AS __r WHERE ${ok} UNION ALL SELECT ${v} AS v, 0 AS r, 1 AS c FROM ${current} AS __c WHERE ${ok}`;
}

/** SQL bin index of `v` for right-closed bins (-inf, e1], (e1, e2], ..., (e_k, inf): a CASE chain (much faster in DuckDB than a sum of comparisons). */
export function binExpr(edges: number[], v: string): string {
  if (edges.length === 0) return '0';
  return `CASE ${edges.map((e, i) => `WHEN ${v} <= ${doubleLiteral(e)} THEN ${i}`).join(' ')} ELSE ${edges.length} END`;
}

/**
 * Exact path: counts per distinct value of R and C merged, ECDFs by window sums, then
 * D = max |F_R - F_C| and W = Σ |F_R - F_C| (v_{k+1} - v_k) over the merged sorted distinct
 * values - scipy's ks_2samp statistic and `_cdf_distance(p=1)` exactly. Cost grows with the
 * number of distinct values.
 */
export async function numericDriftExact(conn: DuckDBConnection, reference: string, current: string, col: ResolvedColumn, edges: number[], nR: number, nC: number): Promise<NumericDrift> {
  const sql = `WITH g AS MATERIALIZED (SELECT v, sum(r)::DOUBLE AS r, sum(c)::DOUBLE AS c FROM (${union(reference, current, col)}) GROUP BY v),
    f AS (SELECT sum(r) OVER w / ${nR} - sum(c) OVER w / ${nC} AS dd, lead(v) OVER (ORDER BY v) - v AS dv FROM g
          WINDOW w AS (ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
    SELECT (SELECT count(*) FROM g) AS k, (SELECT max(abs(dd)) FROM f) AS d, (SELECT sum(abs(dd) * dv) FROM f) AS w,
      (SELECT list([b, r, c]) FROM (SELECT ${binExpr(edges, 'v')} AS b, sum(r) AS r, sum(c) AS c FROM g GROUP BY b)) AS bins`;
  const [row] = await queryRows(conn, sql);
  const { refBins, curBins } = unpackBins(row!['bins'], edges.length + 1);
  const d = num(row!['d']), w = num(row!['w']);
  return { d, dUpper: d, w, wError: 0, path: 'exact', distinct: num(row!['k']), refBins, curBins };
}

function unpackBins(list: unknown, nb: number): { refBins: number[]; curBins: number[] } {
  const refBins = new Array<number>(nb).fill(0), curBins = new Array<number>(nb).fill(0);
  for (const t of (list as unknown[][] | null) ?? []) {
    const b = num(t[0]);
    refBins[b] = num(t[1]); curBins[b] = num(t[2]);
  }
  return { refBins, curBins };
}

/**
 * Grid path for millions of rows, from the accumulators of two streamed passes
 * (scanNumericColumns): counts and sums per slot of `g` (GRID_BINS equal-width fine cells between
 * robust limits a and b, one open tail cell each side, cells split at the reference bin edges).
 * Reference-bin counts (PSI, JS) are exact. F_R and F_C are exact at every slot boundary, so D is
 * bracketed by the largest difference seen there and the largest possible inside a slot;
 * ∫(F_R - F_C) over a slot is exact from counts and sums, so W is exact except in slots where
 * F_R - F_C may change sign, whose largest possible error is added to `wError`. `lo`/`hi` are the
 * smallest/largest usable value of R and C together (the outer ends of the tail cells).
 */
export function numericDriftFromGrid(g: GridLayout, ref: GridAccumulator, cur: GridAccumulator, lo: number, hi: number, nR: number, nC: number): NumericDrift {
  const { a, b, scale, G, edges } = g;
  const nb = edges.length + 1;
  const refBins = new Array<number>(nb).fill(0), curBins = new Array<number>(nb).fill(0);
  const ordered: { i: number; k: number; cr: number; sr: number; cc: number; sc: number }[] = [];
  for (const s of g.order) {
    const cr = ref.count[s]!, cc = cur.count[s]!;
    if (cr === 0 && cc === 0) continue;
    const k = g.binOfSlot[s]!;
    refBins[k]! += cr; curBins[k]! += cc;
    ordered.push({ i: g.cellOfSlot[s]!, k, cr, sr: ref.sum[s]!, cc, sc: cur.sum[s]! });
  }
  const binLow = (i: number) => (i < 0 ? lo : i >= G ? b : a + i / scale);
  const binHigh = (i: number) => (i < 0 ? a : i >= G ? hi : i === G - 1 ? b : a + (i + 1) / scale);
  const regLow = (k: number) => (k === 0 ? lo : edges[k - 1]!);
  const regHigh = (k: number) => (k === nb - 1 ? hi : edges[k]!);
  let FR = 0, FC = 0, d = 0, dUpper = 0, w = 0, wError = 0, x = lo;
  for (const c of ordered) {
    const lower = Math.max(binLow(c.i), regLow(c.k), x), upper = Math.max(lower, Math.min(binHigh(c.i), regHigh(c.k)));
    w += Math.abs(FR - FC) * Math.max(lower - x, 0); // gap without data: both ECDFs flat
    const len = upper - lower, r = c.cr / nR, q = c.cc / nC, d0 = FR - FC;
    const xr = c.sr - c.cr * lower, xc = c.sc - c.cc * lower; // Σ(x - lower) per side
    const signed = d0 * len + (r * len - xr / nR) - (q * len - xc / nC);
    const lowD = d0 - q, highD = d0 + r;
    w += Math.abs(signed);
    if (lowD < 0 && highD > 0) wError += len * Math.max(-lowD, highD);
    dUpper = Math.max(dUpper, Math.abs(lowD), Math.abs(highD));
    FR += r; FC += q;
    d = Math.max(d, Math.abs(FR - FC));
    x = upper;
  }
  return { d, dUpper: Math.max(dUpper, d), w, wError, path: 'grid', refBins, curBins };
}
