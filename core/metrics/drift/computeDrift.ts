import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type MetricRecord } from '../../contract/index.js';
import { adjustPValues, type Correction } from './adjustPValues.js';
import { chooseDriftMethod, methodRule, type DriftKind, type DriftMethod } from './chooseDriftMethod.js';
import { driftOverTime, type PrecomputedWindows } from './driftOverTime.js';
import { evaluateColumn, type ColumnEvaluation } from './evaluateColumn.js';
import { largeDrift } from './largeDrift.js';
import { psiBand } from './psi.js';
import { resolveDriftColumns } from './resolveDriftColumns.js';
import { summarizeColumns } from './summarizeColumns.js';

/** A column to compare; kind is inferred from the DuckDB type and the distinct count when absent. */
export interface DriftColumn { name: string; kind?: DriftKind }

export interface DriftOptions {
  method?: 'auto' | DriftMethod;
  /** Across columns with a p-value; default 'bh'. */
  correction?: Correction;
  /** PSI / JS bins for numeric columns (equal-mass bins of the reference), default 10. */
  bins?: number;
  /** Share floor of PSI, default 1e-4. */
  epsilon?: number;
  /** For time windows: SQL expression of a timestamp column in `current`, and the window ('day'|'week'|'month', or 'auto' from the span). */
  time?: { column: string; window: 'day' | 'week' | 'month' | 'auto' };
  /**
   * Above this many usable rows (reference + current) a numeric column with many distinct values
   * takes the grid path (see README); the reference's bin edges come from reservoir_quantile when
   * the reference alone is this large. Default DRIFT_EXACT_MAX_ROWS.
   */
  exactMaxRows?: number;
}

export const DRIFT_EXACT_MAX_ROWS = 200_000;

const METHODS = ['auto', 'psi', 'ks', 'wasserstein', 'jensen_shannon', 'chi_square', 'z_test'];

/**
 * Drift of each column between `reference` and `current` (SQL relations: table names or
 * "(SELECT ...)" subqueries holding the same-named columns). NULLs (and NaN/inf in numeric
 * columns) are excluded per column and counted in the notes. Returns the records listed in
 * core/metrics/drift/README.md, all with model 'both' and group {column}.
 */
export async function computeDrift(conn: DuckDBConnection, reference: string, current: string, columns: DriftColumn[], opts: DriftOptions = {}): Promise<MetricRecord[]> {
  const method = opts.method ?? 'auto', correction = opts.correction ?? 'bh', bins = opts.bins ?? 10, epsilon = opts.epsilon ?? 1e-4;
  const exactMaxRows = opts.exactMaxRows ?? DRIFT_EXACT_MAX_ROWS;
  if (!METHODS.includes(method)) throw new WorkbenchError('UNKNOWN_METHOD', `Unknown drift method "${method}"; use one of ${METHODS.join(', ')}.`, { method });
  if (!['bh', 'bonferroni', 'none'].includes(correction)) throw new WorkbenchError('BAD_ARGUMENT', `Unknown correction "${correction}"; use bh, bonferroni or none.`, { correction });
  if (!Number.isInteger(bins) || bins < 2 || bins > 1000) throw new WorkbenchError('BAD_ARGUMENT', `Drift bins must be an integer from 2 to 1000, got ${bins}.`, { bins });
  if (!(epsilon > 0 && epsilon < 0.5)) throw new WorkbenchError('BAD_ARGUMENT', `PSI epsilon must be in (0, 0.5), got ${epsilon}.`, { epsilon });
  if (columns.length === 0) throw new WorkbenchError('BAD_ARGUMENT', 'No drift columns given; name at least one column present in both datasets.', {});
  const cols = await resolveDriftColumns(conn, reference, current, columns);
  const [{ n: refRows }] = await counts(conn, reference), [{ n: curRows }] = await counts(conn, current);
  const quant = refRows > exactMaxRows ? 'reservoir' : 'exact';
  let evs: ColumnEvaluation[], windows: PrecomputedWindows | undefined;
  if (refRows + curRows <= exactMaxRows) {
    const [sR, sC] = [await summarizeColumns(conn, reference, cols, quant, bins), await summarizeColumns(conn, current, cols, 'none', bins)];
    evs = [];
    for (let i = 0; i < cols.length; i++) {
      evs.push(await evaluateColumn(conn, reference, current, cols[i]!, sR.cols[i]!, sC.cols[i]!, { exactMaxRows, epsilon }));
    }
  } else {
    ({ evs, windows } = await largeDrift(conn, reference, current, cols, { quant, bins, exactMaxRows, epsilon, refRows, curRows, ...(opts.time ? { time: opts.time } : {}) }));
  }
  const out: MetricRecord[] = [];
  const chosen = evs.map((ev) => pickMethodValue(ev, method));
  const rawP = chosen.map((c) => (c && c.hasP && c.value !== undefined ? c.p ?? NaN : NaN));
  const adj = adjustPValues(rawP, correction);
  let drifted = 0, evaluable = 0;
  evs.forEach((ev, i) => {
    const group = { column: ev.col.name };
    const base = { model: 'both' as const, group };
    const counted = `n_ref=${ev.ref.valid}, n_cur=${ev.cur.valid}; excluded (NULL${ev.col.storage === 'number' ? '/NaN/inf' : ''}): ref ${ev.ref.missing}, cur ${ev.cur.missing}`;
    if (ev.notEvaluable) {
      for (const id of ['drift.psi', 'drift.method_value', 'drift.drifted']) out.push({ id, ...base, value: null, n: ev.cur.valid, note: `${ev.notEvaluable}; ${counted}` });
      return;
    }
    out.push({ id: 'drift.psi', ...base, value: ev.psi!, n: ev.cur.valid, note: `${psiBand(ev.psi!)}; ${binDescription(ev)}; ${counted}` });
    out.push(...statisticRecords(ev, base));
    const c = chosen[i]!;
    if (!c || c.value === undefined) {
      out.push({ id: 'drift.method_value', ...base, value: null, n: ev.cur.valid, note: `not evaluable: ${method} does not apply to ${ev.kind} column "${ev.col.name}"` });
      out.push({ id: 'drift.drifted', ...base, value: null, n: ev.cur.valid, note: `not evaluable: ${method} does not apply` });
      return;
    }
    const rule = methodRule(c.method);
    evaluable++;
    const rec: MetricRecord = { id: 'drift.method_value', ...base, value: c.value, n: ev.cur.valid, note: `method=${c.method}${method === 'auto' ? ' (auto)' : ''}; ${rule.rule}${c.note ? `; ${c.note}` : ''}; ${counted}` };
    let isDrift: boolean;
    if (rule.hasP) {
      rec.p = c.p!;
      const pa = adj[i]!;
      out.push(rec, { id: 'drift.p_adjusted', ...base, value: pa, p: pa, n: ev.cur.valid, note: `${correction === 'bh' ? 'Benjamini-Hochberg' : correction === 'bonferroni' ? 'Bonferroni' : 'no correction'} over ${rawP.filter(Number.isFinite).length} column p-values` });
      isDrift = pa < rule.threshold;
    } else {
      out.push(rec);
      isDrift = (c.value ?? 0) >= rule.threshold;
    }
    if (isDrift) drifted++;
    out.push({ id: 'drift.drifted', ...base, value: isDrift ? 1 : 0, n: ev.cur.valid, note: rule.rule });
  });
  const notEval = evs.length - evaluable;
  out.push({ id: 'drift.share_drifted', model: 'both', value: evaluable ? drifted / evaluable : null, n: evaluable, note: `${drifted} of ${evaluable} evaluable columns drifted${notEval ? `; ${notEval} not evaluable` : ''}` });
  out.push({ id: 'drift.columns_drifted', model: 'both', value: drifted, n: evaluable, note: `of ${evaluable} evaluable columns${notEval ? `; ${notEval} not evaluable` : ''}` });
  if (opts.time) out.push(...await driftOverTime(conn, current, evs, opts.time, epsilon, windows));
  return out;
}

async function counts(conn: DuckDBConnection, relation: string): Promise<{ n: number }[]> {
  const r = await conn.runAndReadAll(`SELECT count(*) FROM ${relation} AS __n`);
  return [{ n: Number(r.getRows()[0]![0]) }];
}

interface Chosen { method: DriftMethod; hasP: boolean; value: number | null | undefined; p?: number; note?: string }

/** The chosen method's statistic: undefined when the method does not apply to the column. */
function pickMethodValue(ev: ColumnEvaluation, method: 'auto' | DriftMethod): Chosen | undefined {
  if (ev.notEvaluable) return undefined;
  const m = method === 'auto' ? chooseDriftMethod(ev.kind!, ev.distinct ?? Infinity, ev.ref.valid) : method;
  switch (m) {
    case 'psi': return { method: m, hasP: false, value: ev.psi };
    case 'jensen_shannon': return { method: m, hasP: false, value: ev.jensenShannon };
    case 'wasserstein': return { method: m, hasP: false, value: ev.wassersteinNormed, note: `normed by reference std ${fmt(ev.wassersteinNorm)}` };
    case 'ks': return ev.ks ? { method: m, hasP: true, value: ev.ks.d, p: ev.ks.p, note: `${ev.ks.method} p-value` } : { method: m, hasP: true, value: undefined };
    case 'chi_square': return ev.chiSquare ? { method: m, hasP: true, value: Number.isFinite(ev.chiSquare.statistic) ? ev.chiSquare.statistic : null, p: ev.chiSquare.p, note: `df=${ev.chiSquare.df}` } : { method: m, hasP: true, value: undefined };
    case 'z_test': return ev.zTest ? { method: m, hasP: true, value: ev.zTest.z, p: ev.zTest.p, note: `share of "${ev.zTest.target}"` } : { method: m, hasP: true, value: undefined };
  }
}

function fmt(x: number | undefined): string { return x === undefined ? '?' : Number(x.toPrecision(10)).toString(); }

function binDescription(ev: ColumnEvaluation): string {
  if (!ev.bins) return '';
  if ('labels' in ev.bins) return `${ev.bins.labels.length} categories`;
  const src = ev.ref.decileSource === 'reservoir' ? 'reservoir_quantile estimates' : 'exact quantiles';
  return `${ev.bins.edges.length + 1} bins at reference quantiles (${src}), open-ended outer bins`;
}

function statisticRecords(ev: ColumnEvaluation, base: { model: 'both'; group: Record<string, string> }): MetricRecord[] {
  const out: MetricRecord[] = [];
  const n = ev.cur.valid;
  out.push({ id: 'drift.jensen_shannon', ...base, value: ev.jensenShannon!, n, note: `base e, ${binDescription(ev)}` });
  const nd = ev.numeric;
  if (nd && ev.ks) {
    const grid = nd.path === 'grid' ? `; grid path: statistic bracketed in [${fmt(nd.d)}, ${fmt(nd.dUpper)}]` : '';
    out.push({ id: 'drift.ks', ...base, value: ev.ks.d, p: ev.ks.p, n, note: `${ev.ks.method} p-value${grid}` });
    const wNote = nd.path === 'grid' ? `grid path: within ±${fmt(nd.wError)}` : 'exact';
    out.push({ id: 'drift.wasserstein', ...base, value: ev.wasserstein!, n, note: wNote });
    out.push({ id: 'drift.wasserstein_normed', ...base, value: ev.wassersteinNormed!, n, note: `divided by reference std (ddof 0, floor 0.001) ${fmt(ev.wassersteinNorm)}; ${wNote}` });
  }
  if (ev.chiSquare) {
    const cs = ev.chiSquare;
    out.push({ id: 'drift.chi_square', ...base, value: Number.isFinite(cs.statistic) ? cs.statistic : null, p: cs.p, n, note: `df=${cs.df}${cs.newCategories ? `; ${cs.newCategories} categories absent from the reference (expected 0): statistic infinite, p = 0` : ''}` });
  }
  if (ev.zTest) out.push({ id: 'drift.z_test', ...base, value: ev.zTest.z, p: ev.zTest.p, n, note: `share of "${ev.zTest.target}": ref ${fmt(ev.zTest.pRef)}, cur ${fmt(ev.zTest.pCur)}; z > 0 when current is higher` });
  return out;
}
