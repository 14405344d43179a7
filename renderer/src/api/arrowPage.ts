/** Decoding of the server's Arrow IPC answers (`POST /api/arrow/<method>`) back into RowPages. */
import type { RowPage } from '../../../core/contract/index.js';

/** Methods the HTTP transport fetches as Arrow IPC (same list as core/host/http/arrowPage.ts). */
export const ARROW_METHODS: ReadonlySet<string> = new Set(['query', 'getDisagreements', 'previewDataset']);
/** Media type of an Arrow IPC stream. */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/** The part of apache-arrow's decoded Table this module reads. */
interface TableLike {
  numRows: number;
  numCols: number;
  schema: { fields: { name: string; metadata: Map<string, string> }[]; metadata: Map<string, string> };
  getChildAt(i: number): { get(i: number): unknown } | null;
}

/** An Arrow table (as apache-arrow's tableFromIPC decodes it) as a RowPage: original names and DuckDB types from the field metadata, total/offset from the schema's. */
export function tableToRowPage(t: TableLike): RowPage {
  const fields = t.schema.fields;
  const columns = fields.map((f) => ({ name: f.metadata.get('shadowbench.name') ?? f.name, type: f.metadata.get('duckdb.type') ?? 'VARCHAR' }));
  const children = fields.map((_, j) => t.getChildAt(j));
  const rows: unknown[][] = [];
  for (let i = 0; i < t.numRows; i++) {
    rows.push(children.map((c) => {
      const v = c?.get(i) ?? null;
      return typeof v === 'bigint' ? Number(v) : v;
    }));
  }
  const total = t.schema.metadata.get('shadowbench.total');
  return { columns, rows, total: total ? Number(total) : null, offset: Number(t.schema.metadata.get('shadowbench.offset') ?? 0) };
}

/** Decodes Arrow IPC bytes into a RowPage; apache-arrow loads on first use, as its own chunk. */
export async function rowPageFromIPC(bytes: Uint8Array): Promise<RowPage> {
  const { tableFromIPC } = await import('apache-arrow');
  return tableToRowPage(tableFromIPC(bytes) as unknown as TableLike);
}
