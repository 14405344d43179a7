import { type DatasetInfo, WorkbenchError } from '../contract/index.js';
import type { DriftDistribution } from '../contract/api.js';
import type { Workspace } from '../data/Workspace.js';
import { q } from '../replay/metricsRelation.js';

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC)/i;
/** Equal-width bins of a numeric column, between the 0.1% and 99.9% quantiles of both sides. */
const BINS = 30;
/** Categories shown before the rest is pooled as '(other)'. */
const TOP = 20;

interface StoredReport {
  artefacts?: { datasets?: { role: string; name: string; path?: string; sha256: string }[] };
}

/** The reference dataset of a run: the report's `role: 'reference'` dataset, found in the workspace by sha256 (then name). */
async function referenceOf(ws: Workspace, runId: string): Promise<DatasetInfo> {
  const report = await ws.getMeta<StoredReport>(`report:${runId}`);
  if (!report) throw new WorkbenchError('NOT_FOUND', `Run ${runId} has no stored report yet: wait for it to finish, or run it again.`, { runId });
  const ref = report.artefacts?.datasets?.find((d) => d.role === 'reference');
  if (!ref) throw new WorkbenchError('NOT_FOUND', `Run ${runId} was not measured against a reference dataset: start a run with a reference to see drift distributions.`, { runId });
  const all = await ws.listDatasets();
  const same = all.filter((d) => d.sha256 === ref.sha256);
  const found = same.find((d) => d.name === ref.name) ?? same[0];
  if (!found) throw new WorkbenchError('NOT_FOUND', `The reference dataset ${ref.name} (sha256 ${ref.sha256.slice(0, 12)}…) of run ${runId} is no longer in this workspace: import it again.`, { runId, sha256: ref.sha256 });
  return found;
}

async function rows(ws: Workspace, sql: string): Promise<unknown[][]> {
  return (await ws.query(sql, { limit: 10_000 })).rows;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Reference vs current distribution of one column of a run, as shares of each side. Numeric
 * columns with more than 5 distinct values: 30 equal-width bins between the 0.1% and 99.9%
 * quantiles of both sides (outer bins hold the values beyond), NULL/NaN/inf left out and counted.
 * Other columns: one bar per value (the 20 most frequent over both sides, then '(other)'), NULL
 * as 'missing'.
 */
export async function driftDistribution(ws: Workspace, args: { runId: string; column: string }): Promise<DriftDistribution> {
  if (typeof args?.runId !== 'string' || typeof args.column !== 'string' || !args.column) {
    throw new WorkbenchError('BAD_ARGUMENT', 'getDriftDistribution takes { runId, column }.');
  }
  const run = await ws.getRun(args.runId);
  const current = await ws.getDataset(run.datasetId);
  const reference = await referenceOf(ws, args.runId);
  const colRef = reference.columns.find((c) => c.name === args.column);
  const colCur = current.columns.find((c) => c.name === args.column);
  if (!colRef || !colCur) {
    throw new WorkbenchError('BAD_ARGUMENT', `Column "${args.column}" is not in both datasets (${reference.name}, ${current.name}); pick a column of the drift table.`, { column: args.column });
  }
  const c = q(args.column);
  const both = `SELECT 'r' AS side, ${c} AS v FROM ${q(reference.id)} UNION ALL SELECT 'c' AS side, ${c} AS v FROM ${q(current.id)}`;
  const datasets = { reference: reference.name, current: current.name };
  const numeric = NUMERIC.test(colRef.type) && NUMERIC.test(colCur.type);
  if (numeric) {
    const [stats] = await rows(ws, `WITH b AS (SELECT side, CAST(v AS DOUBLE) AS x FROM (${both})), f AS (SELECT * FROM b WHERE x IS NOT NULL AND isfinite(x))
      SELECT (SELECT approx_count_distinct(x) FROM f), (SELECT quantile_cont(x, 0.001) FROM f), (SELECT quantile_cont(x, 0.999) FROM f), (SELECT min(x) FROM f), (SELECT max(x) FROM f),
        (SELECT count(*) FILTER (WHERE side = 'r') FROM f), (SELECT count(*) FILTER (WHERE side = 'c') FROM f),
        (SELECT count(*) FILTER (WHERE side = 'r') FROM b), (SELECT count(*) FILTER (WHERE side = 'c') FROM b)`);
    const [distinct, qlo, qhi, min, max, nr, nc, tr, tc] = (stats ?? []).map(num) as number[];
    if (distinct! > 5) {
      let lo = qlo!, hi = qhi!;
      if (!(hi > lo)) { lo = min!; hi = max!; }
      const width = (hi - lo) / BINS;
      const edges = Array.from({ length: BINS + 1 }, (_, i) => lo + i * width);
      const counts = await rows(ws, `SELECT side, least(greatest(CAST(floor((x - (${lo})) / (${width})) AS BIGINT), 0), ${BINS - 1}) AS k, count(*)
        FROM (SELECT side, CAST(v AS DOUBLE) AS x FROM (${both})) WHERE x IS NOT NULL AND isfinite(x) GROUP BY ALL`);
      const ref = new Array<number>(BINS).fill(0), cur = new Array<number>(BINS).fill(0);
      for (const [side, k, n] of counts) (side === 'r' ? ref : cur)[num(k)] += num(n);
      const clipped = min! < lo || max! > hi;
      return {
        column: args.column, kind: 'numeric', bins: edges.slice(0, -1).map((e) => e + width / 2), edges,
        reference: ref.map((x) => (nr! > 0 ? x / nr! : 0)), current: cur.map((x) => (nc! > 0 ? x / nc! : 0)),
        n: { reference: nr!, current: nc! }, missing: { reference: tr! - nr!, current: tc! - nc! }, datasets,
        note: `${BINS} equal-width bins${clipped ? ` between the 0.1% and 99.9% quantiles of both sides; the outer bins also hold the values beyond (range ${min} to ${max})` : ''}; shares of each side's non-missing rows.`,
      };
    }
  }
  const counts = await rows(ws, `SELECT coalesce(CAST(v AS VARCHAR), 'missing') AS k, count(*) FILTER (WHERE side = 'r') AS r, count(*) FILTER (WHERE side = 'c') AS c
    FROM (${both}) GROUP BY 1 ORDER BY r + c DESC, k`);
  counts.sort((a, b) => num(b[1]) + num(b[2]) - num(a[1]) - num(a[2]) || String(a[0]).localeCompare(String(b[0])));
  const head = counts.slice(0, TOP);
  const tail = counts.slice(TOP);
  const labels = head.map((r) => String(r[0]));
  const ref = head.map((r) => num(r[1])), cur = head.map((r) => num(r[2]));
  if (tail.length) {
    labels.push('(other)');
    ref.push(tail.reduce((s, r) => s + num(r[1]), 0));
    cur.push(tail.reduce((s, r) => s + num(r[2]), 0));
  }
  const nr = ref.reduce((a, b) => a + b, 0), nc = cur.reduce((a, b) => a + b, 0);
  return {
    column: args.column, kind: 'categorical', bins: labels,
    reference: ref.map((x) => (nr > 0 ? x / nr : 0)), current: cur.map((x) => (nc > 0 ? x / nc : 0)),
    n: { reference: nr, current: nc }, missing: { reference: 0, current: 0 }, datasets,
    note: `one bar per value${tail.length ? `; the ${tail.length} least frequent values pooled as (other)` : ''}; NULL shown as missing; shares of each side's rows.`,
  };
}
