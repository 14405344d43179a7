import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows, num } from '../sql.js';
import { validExpr, valueExpr, type ResolvedColumn } from './resolveDriftColumns.js';
import { binProbs, PROBES } from './summarizeColumns.js';

/** Above this many reference rows, the reservoir reads a Bernoulli sample of about this many rows. */
export const QUANTILE_SAMPLE_ROWS = 500_000;

export interface ReferenceQuantiles { deciles?: number[]; decileSource: 'exact' | 'reservoir'; probes?: number[] }

/**
 * Bin edges and the 999 probes of each numeric column of the reference, in one aggregate query.
 * `exact`: edges by quantile_cont (numpy's linear rule), probes by reservoir_quantile. `reservoir`:
 * both by one reservoir_quantile per column; with more than QUANTILE_SAMPLE_ROWS rows it reads a
 * Bernoulli row sample of about that size (the reservoir keeps a uniform sample of 8,192 values
 * either way, so the estimates are as good; the pass costs a fraction of a full aggregate).
 */
export async function referenceQuantiles(conn: DuckDBConnection, reference: string, cols: ResolvedColumn[], quant: 'exact' | 'reservoir', bins: number, refRows: number): Promise<ReferenceQuantiles[]> {
  if (cols.length === 0) return [];
  const probs = binProbs(bins);
  const parts = cols.map((_, i) => {
    const res = [...(quant === 'reservoir' ? probs : []), ...PROBES];
    return `${quant === 'exact' ? `quantile_cont(x${i}, [${probs.join(', ')}]) AS q${i}, ` : ''}reservoir_quantile(x${i}, [${res.join(', ')}]) AS r${i}`;
  });
  const sample = quant === 'reservoir' && refRows > QUANTILE_SAMPLE_ROWS ? ` USING SAMPLE ${Number(((100 * QUANTILE_SAMPLE_ROWS) / refRows).toPrecision(6))} PERCENT (bernoulli)` : '';
  const inner = cols.map((c, i) => `CASE WHEN ${validExpr(c)} THEN ${valueExpr(c)} END AS x${i}`);
  const [row] = await queryRows(conn, `SELECT ${parts.join(', ')} FROM (SELECT ${inner.join(', ')} FROM ${reference} AS __q${sample})`);
  const nq = quant === 'reservoir' ? probs.length : 0;
  return cols.map((_, i) => {
    const q = row![`q${i}`], r = row![`r${i}`];
    const out: ReferenceQuantiles = { decileSource: quant };
    if (Array.isArray(r)) {
      const v = r.map(num);
      out.probes = v.slice(nq);
      if (nq) out.deciles = v.slice(0, nq);
    }
    if (Array.isArray(q)) out.deciles = q.map(num);
    return out;
  });
}
