import { WorkbenchError } from '../../contract/index.js';
import type { ColumnChunk, ColumnRequest, Workspace } from '../../data/Workspace.js';
import { quoteIdent } from '../../data/sql.js';

type ColumnData = ColumnChunk['columns'][number]['data'];

/**
 * The rows the latency requests are made of, held in memory: request r takes rows
 * [r*batch, (r+1)*batch) of the stored rows, wrapping round when the dataset is smaller than
 * (warmup + requests) * batch. `chunk(r)` is a ColumnChunk view built outside the timed region.
 */
export class RequestRows {
  constructor(readonly rowIds: Float64Array, readonly columns: { data: ColumnData; nulls: number }[], readonly batch: number) {}

  get rows(): number { return this.rowIds.length; }

  /** Index of the stored row that starts request `r`. */
  firstRow(r: number): number {
    return (r * this.batch) % this.rows;
  }

  /** The rows of request `r` as a ColumnChunk (views when contiguous, copies when wrapping round). */
  chunk(r: number): ColumnChunk {
    const from = this.firstRow(r);
    const b = this.batch;
    if (from + b <= this.rows) {
      return {
        rows: b,
        rowIds: this.rowIds.subarray(from, from + b),
        columns: this.columns.map((c) => ({ data: (Array.isArray(c.data) ? c.data.slice(from, from + b) : c.data.subarray(from, from + b)) as ColumnData, nulls: 0 })),
      };
    }
    const pick = (i: number) => (from + i) % this.rows;
    const rowIds = new Float64Array(b);
    for (let i = 0; i < b; i++) rowIds[i] = this.rowIds[pick(i)]!;
    const columns = this.columns.map((c) => {
      const src = c.data;
      const out = (Array.isArray(src) ? new Array<string | null>(b) : new (src.constructor as new (n: number) => Exclude<ColumnData, unknown[]>)(b)) as ColumnData;
      for (let i = 0; i < b; i++) (out as unknown as unknown[])[i] = (src as unknown as unknown[])[pick(i)];
      return { data: out, nulls: 0 };
    });
    return { rows: b, rowIds, columns };
  }

  /** Reads the first min(needed, dataset rows) rows of the requested columns. */
  static async read(ws: Workspace, datasetId: string, requests: ColumnRequest[], needed: number, batch: number, signal?: AbortSignal): Promise<RequestRows> {
    const ds = await ws.getDataset(datasetId);
    if (ds.rows === 0) throw new WorkbenchError('EMPTY_DATASET', `Dataset ${ds.name} has no rows; a latency replay needs at least one request's worth (${batch} row${batch === 1 ? '' : 's'}).`, { dataset: datasetId });
    if (ds.rows < batch) {
      throw new WorkbenchError('BAD_ARGUMENT', `--latency-batch ${batch} is larger than dataset ${ds.name} (${ds.rows} rows); use a batch of at most ${ds.rows}.`, { dataset: datasetId, batch, rows: ds.rows });
    }
    const take = Math.min(needed, ds.rows);
    const rowIds = new Float64Array(take);
    let columns: { data: ColumnData; nulls: number }[] | null = null;
    let at = 0;
    for await (const c of ws.streamColumns(datasetId, requests, { chunkRows: Math.min(take, 65536), signal })) {
      const n = Math.min(c.rows, take - at);
      columns ??= c.columns.map((col) => ({ data: (Array.isArray(col.data) ? new Array<string | null>(take) : new (col.data.constructor as new (n: number) => Exclude<ColumnData, unknown[]>)(take)) as ColumnData, nulls: 0 }));
      rowIds.set(c.rowIds.subarray(0, n), at);
      c.columns.forEach((col, j) => {
        const dst = columns![j]!;
        if (Array.isArray(col.data)) for (let i = 0; i < n; i++) (dst.data as (string | null)[])[at + i] = col.data[i]!;
        else (dst.data as Float64Array).set((col.data as Float64Array).subarray(0, n), at);
        dst.nulls += col.nulls;
      });
      at += n;
      if (at >= take) break;
    }
    if (at < take) throw new WorkbenchError('INTERNAL', `Reading dataset ${ds.name} for the latency replay stopped after ${at} of ${take} rows; retry.`, { dataset: datasetId, read: at, expected: take });
    return new RequestRows(rowIds, columns ?? requests.map(() => ({ data: new Float32Array(0), nulls: 0 })), batch);
  }
}

/** SQL expression giving a column as epoch milliseconds (DOUBLE), by its DuckDB type. */
function epochMsExpr(column: string, type: string): string {
  const c = quoteIdent(column);
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL.*)$/.test(type)) return `CAST(${c} AS DOUBLE)`;
  return `CAST(epoch_us(TRY_CAST(${c} AS TIMESTAMP)) AS DOUBLE) / 1000.0`;
}

/**
 * The map's timestamp column as epoch ms for the first `rows` dataset rows (NaN where NULL or not a
 * time). Numeric columns are taken as epoch milliseconds; TIMESTAMP, DATE and text as times.
 */
export async function readTimestampsMs(ws: Workspace, datasetId: string, column: string, rows: number): Promise<Float64Array> {
  const ds = await ws.getDataset(datasetId);
  const col = ds.columns.find((c) => c.name === column);
  if (!col) throw new WorkbenchError('MAPPING_MISMATCH', `The map's timestamp column "${column}" is not in dataset ${ds.name}; fix timestamp in the map or give --rate.`, { column, dataset: datasetId });
  const r = await ws.conn.runAndReadAll(`SELECT ${epochMsExpr(column, col.type)} FROM ${quoteIdent(ds.id)} WHERE sb_row < ${Math.floor(rows)} ORDER BY sb_row`);
  const out = new Float64Array(r.currentRowCount);
  r.getRows().forEach((row, i) => { const v = row[0]; out[i] = v === null || v === undefined ? NaN : Number(v); });
  return out;
}
