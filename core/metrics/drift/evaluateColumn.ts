import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError } from '../../contract/index.js';
import { categoryCounts, type CategoryCounts } from './categoryCounts.js';
import { chiSquare, type ChiSquareResult } from './chiSquare.js';
import type { DriftKind } from './chooseDriftMethod.js';
import { jensenShannon } from './jensenShannon.js';
import { ksTwoSampleP, type KsP } from './ksTwoSampleP.js';
import { numericDriftExact, type NumericDrift } from './numericDrift.js';
import { psi } from './psi.js';
import type { ResolvedColumn } from './resolveDriftColumns.js';
import type { ColumnSummary } from './summarizeColumns.js';
import { zTest, type ZTestResult } from './zTest.js';

/** Distinct values among the 999 reservoir probes below which a large numeric column takes the exact path. */
export const PROBE_DISTINCT_FOR_GRID = 500;

/** Everything computed for one column. */
export interface ColumnEvaluation {
  col: ResolvedColumn;
  ref: ColumnSummary;
  cur: ColumnSummary;
  /** Why the column could not be evaluated. */
  notEvaluable?: string;
  kind?: DriftKind;
  /** Distinct non-missing values of R and C together; undefined when only known to be many. */
  distinct?: number;
  /** Binning used by PSI and JS: numeric edges (bins (-inf, e1], ..., (e_k, inf)) or category labels. */
  bins?: { edges: number[] } | { labels: string[] };
  /** Reference and current counts per bin of `bins`. */
  binCounts?: { ref: number[]; cur: number[] };
  psi?: number;
  jensenShannon?: number;
  numeric?: NumericDrift;
  ks?: KsP;
  wasserstein?: number;
  wassersteinNormed?: number;
  /** Reference standard deviation used by normed Wasserstein (floored at 0.001 as Evidently). */
  wassersteinNorm?: number;
  chiSquare?: ChiSquareResult;
  zTest?: ZTestResult & { target: string };
}

/**
 * Whether a numeric column takes the grid path: more than `exactMaxRows` usable rows in R and C
 * together, and not known to have few distinct values (< PROBE_DISTINCT_FOR_GRID distinct values
 * among the reference's reservoir probes).
 */
export function takesGridPath(ref: ColumnSummary, cur: ColumnSummary, exactMaxRows: number): boolean {
  return ref.valid > 0 && cur.valid > 0 && ref.valid + cur.valid > exactMaxRows && !(ref.probes !== undefined && uniqueSorted(ref.probes).length < PROBE_DISTINCT_FOR_GRID);
}

/** Sorted distinct finite values. */
export function uniqueSorted(xs: number[]): number[] {
  return [...new Set(xs.filter(Number.isFinite))].sort((a, b) => a - b);
}

/**
 * Computes every statistic that applies to one column: PSI and Jensen-Shannon always (decile
 * bins of R for continuous numeric columns, categories otherwise); KS and Wasserstein for
 * numeric columns; chi-square for categorical ones and z-test for binary ones. A numeric column
 * on the grid path comes with its `grid` result (computeDrift's streamed passes); any other
 * numeric column takes the exact path here.
 */
export async function evaluateColumn(conn: DuckDBConnection, reference: string, current: string, col: ResolvedColumn, ref: ColumnSummary, cur: ColumnSummary, o: { exactMaxRows: number; epsilon: number; grid?: NumericDrift }): Promise<ColumnEvaluation> {
  const ev: ColumnEvaluation = { col, ref, cur };
  if (ref.valid === 0 || cur.valid === 0) {
    const side = ref.valid === 0 && cur.valid === 0 ? 'reference and current data' : ref.valid === 0 ? 'reference data' : 'current data';
    ev.notEvaluable = `not evaluable: no usable values in the ${side} (all ${ref.valid === 0 ? ref.missing : cur.missing} rows NULL${col.storage === 'number' ? ', NaN or infinite' : ''})`;
    return ev;
  }
  if (col.declaredKind === 'numeric' && col.storage !== 'number') {
    throw new WorkbenchError('BAD_ARGUMENT', `Drift column "${col.name}" is declared numeric but its type is ${col.refType} (reference) / ${col.curType} (current); declare it categorical or cast it to a number.`, { column: col.name });
  }
  const nR = ref.valid, nC = cur.valid;
  let cats: CategoryCounts | undefined;
  if (col.storage === 'number') {
    const edges = uniqueSorted(ref.deciles ?? []);
    const nd = o.grid ?? await numericDriftExact(conn, reference, current, col, edges, nR, nC);
    ev.numeric = nd;
    ev.distinct = nd.distinct;
    ev.ks = ksTwoSampleP(nd.d, nR, nC);
    ev.wasserstein = nd.w;
    ev.wassersteinNorm = Math.max(ref.sd, 0.001);
    ev.wassersteinNormed = nd.w / ev.wassersteinNorm;
    const distinct = nd.distinct ?? Infinity;
    ev.kind = col.declaredKind ?? (distinct > 5 ? 'numeric' : distinct <= 2 ? 'binary' : 'categorical');
    if (ev.kind === 'numeric' && distinct > 5) {
      ev.bins = { edges };
      ev.binCounts = { ref: nd.refBins, cur: nd.curBins };
      ev.psi = psi(nd.refBins, nd.curBins, o.epsilon);
      ev.jensenShannon = jensenShannon(nd.refBins, nd.curBins);
      return ev;
    }
    cats = await categoryCounts(conn, reference, current, col);
  } else {
    cats = await categoryCounts(conn, reference, current, col);
    ev.distinct = cats.labels.length;
    ev.kind = col.declaredKind ?? (col.storage === 'boolean' || cats.labels.length <= 2 ? 'binary' : 'categorical');
  }
  ev.bins = { labels: cats.labels };
  ev.binCounts = { ref: cats.ref, cur: cats.cur };
  ev.psi = psi(cats.ref, cats.cur, o.epsilon);
  ev.jensenShannon = jensenShannon(cats.ref, cats.cur);
  ev.chiSquare = chiSquare(cats.ref, cats.cur);
  if (cats.labels.length <= 2) {
    const t = cats.labels.length - 1; // the greater value in sort order (true, 1, or the later string)
    ev.zTest = { ...zTest(cats.ref[t]!, nR, cats.cur[t]!, nC), target: cats.labels[t]! };
  }
  return ev;
}
