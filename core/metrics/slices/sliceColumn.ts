import type { DuckDBConnection } from '@duckdb/node-api';
import { doubleLiteral, num, queryRows, quoteIdent } from '../sql.js';

/** Label of the slice of rows whose slice value is NULL (or NaN for numeric columns). */
export const MISSING_SLICE = 'missing';
/** Label of the slice pooling the least frequent categories beyond MAX_CATEGORIES. */
export const OTHER_SLICE = '(other)';
/** A categorical column with more distinct values keeps the MAX_CATEGORIES - 1 most frequent and pools the rest. */
export const MAX_CATEGORIES = 50;

/** How the rows of one slice column are split. */
export interface SliceColumn {
  column: string;
  kind: 'categorical' | 'numeric';
  /** VARCHAR SQL expression of the slice label; never NULL. */
  keyExpr: string;
  /** Bin edges of a numeric column (ascending, distinct). */
  edges?: number[];
  /** How the slices were formed, in plain words. */
  note: string;
  /** Sort rank of a label (slices are reported in ascending rank, then by label). */
  rank: (label: string) => number;
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL(\(\d+,\s*\d+\))?|INT\d?|NUMERIC.*)$/i;

/** Whether a DuckDB type name is numeric (sliced into quantile bins). */
export function isNumericType(type: string): boolean {
  return NUMERIC.test(type.trim());
}

/** Formats a bin edge for a label: at most 6 significant digits. */
export function formatEdge(x: number): string {
  return String(Number(x.toPrecision(6)));
}

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * Decides the slices of `column` of `relation` (type `type` from DESCRIBE). Numeric columns with
 * more distinct finite values than `bins` are cut at the quantiles k/bins of their finite values
 * (linear interpolation, DuckDB quantile_cont = numpy's default), duplicate edges merged; bins are
 * left-closed "[a, b)" except the last "[a, b]". Numeric columns with at most `bins` distinct values
 * and all other columns are sliced by value (cast to VARCHAR). NULL (and NaN) is the slice "missing".
 */
export async function sliceColumn(conn: DuckDBConnection, relation: string, column: string, type: string, bins: number): Promise<SliceColumn> {
  const c = `__r.${quoteIdent(column)}`;
  const lastRank = (label: string) => (label === MISSING_SLICE ? 2 : label === OTHER_SLICE ? 1 : 0);
  if (isNumericType(type)) {
    const x = `CAST(${c} AS DOUBLE)`;
    const qs = Array.from({ length: bins + 1 }, (_, i) => i / bins);
    const [r] = await queryRows(conn, `SELECT quantile_cont(${x}, [${qs.join(', ')}]) FILTER (WHERE isfinite(${x})) AS q,
        approx_count_distinct(${x}) FILTER (WHERE isfinite(${x})) AS adc FROM ${relation} AS __r`);
    const q = ((r!.q as number[] | null) ?? []).map(Number);
    let few = q.length === 0;
    if (!few && num(r!.adc) <= 4 * bins) {
      const d = await queryRows(conn, `SELECT DISTINCT ${x} AS v FROM ${relation} AS __r WHERE isfinite(${x}) LIMIT ${bins + 1}`);
      few = d.length <= bins;
    }
    if (!few) {
      const edges = [...new Set(q)].sort((a, b) => a - b);
      const labels = edges.slice(0, -1).map((e, i) => `[${formatEdge(e)}, ${formatEdge(edges[i + 1]!)}${i === edges.length - 2 ? ']' : ')'}`);
      const cases = edges.slice(1, -1).map((e, i) => `WHEN ${x} < ${doubleLiteral(e)} THEN ${lit(labels[i]!)}`);
      const keyExpr = `CASE WHEN ${c} IS NULL OR NOT isfinite(${x}) THEN ${lit(MISSING_SLICE)} ${cases.join(' ')} ELSE ${lit(labels[labels.length - 1]!)} END`;
      const merged = edges.length < bins + 1 ? `; ${bins + 1 - edges.length} duplicate edge(s) merged` : '';
      const order = new Map(labels.map((l, i) => [l, i]));
      return {
        column, kind: 'numeric', keyExpr, edges,
        note: `${labels.length} quantile bin(s) of ${column} (edges ${edges.map((e) => String(e)).join(', ')}; left-closed, last bin closed${merged}); NULL/NaN = "${MISSING_SLICE}"`,
        rank: (l) => order.get(l) ?? labels.length + lastRank(l),
      };
    }
    return {
      column, kind: 'categorical', keyExpr: `coalesce(CASE WHEN isfinite(${x}) THEN CAST(${c} AS VARCHAR) END, ${lit(MISSING_SLICE)})`,
      note: `${column} has at most ${bins} distinct values: one slice per value; NULL/NaN = "${MISSING_SLICE}"`,
      rank: (l) => (lastRank(l) ? lastRank(l) : 0),
    };
  }
  const v = `CAST(${c} AS VARCHAR)`;
  const top = await queryRows(conn, `SELECT ${v} AS v, count(*) AS n FROM ${relation} AS __r WHERE ${c} IS NOT NULL GROUP BY 1 ORDER BY n DESC, v LIMIT ${MAX_CATEGORIES + 1}`);
  if (top.length > MAX_CATEGORIES) {
    const keep = top.slice(0, MAX_CATEGORIES - 1).map((r) => String(r.v));
    return {
      column, kind: 'categorical',
      keyExpr: `CASE WHEN ${c} IS NULL THEN ${lit(MISSING_SLICE)} WHEN ${v} IN (${keep.map(lit).join(', ')}) THEN ${v} ELSE ${lit(OTHER_SLICE)} END`,
      note: `${column} has more than ${MAX_CATEGORIES} distinct values: the ${MAX_CATEGORIES - 1} most frequent are slices, the rest pooled as "${OTHER_SLICE}"; NULL = "${MISSING_SLICE}"`,
      rank: lastRank,
    };
  }
  return {
    column, kind: 'categorical', keyExpr: `coalesce(${v}, ${lit(MISSING_SLICE)})`,
    note: `one slice per value of ${column}; NULL = "${MISSING_SLICE}"`,
    rank: lastRank,
  };
}
