import { Bool, Field, Float64, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import type { RowPage } from '../../contract/index.js';

/** Media type of an Arrow IPC stream. */
export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';
/** Methods whose RowPage answer can travel as Arrow IPC (`POST /api/arrow/<method>`). */
export const ARROW_METHODS = new Set(['query', 'getDisagreements', 'previewDataset']);

/** The Arrow type of one column's values: Float64 when every value is a number, Bool for booleans, Utf8 otherwise (objects as JSON). */
function columnType(values: unknown[]): DataType {
  const present = values.filter((v) => v !== null && v !== undefined);
  if (present.length && present.every((v) => typeof v === 'number')) return new Float64();
  if (present.length && present.every((v) => typeof v === 'boolean')) return new Bool();
  return new Utf8();
}

/**
 * A RowPage as an Arrow IPC stream: one field per column (nullable; the DuckDB type in the field's
 * metadata `duckdb.type`), the page's `total` and `offset` in the schema metadata. Arrow's writer
 * cannot carry duplicate field names, so repeats get a suffix and the original name is kept in
 * `shadowbench.name`.
 */
export function rowPageToIPC(page: RowPage): Uint8Array {
  const seen = new Set<string>();
  const vectors = page.columns.map((c, j) => {
    let name = c.name;
    for (let k = 1; seen.has(name); k++) name = `${c.name}_${k}`;
    seen.add(name);
    const values = page.rows.map((r) => r[j] ?? null);
    const type = columnType(values);
    const wire = type instanceof Utf8 ? values.map((v) => (v === null ? null : typeof v === 'string' ? v : JSON.stringify(v))) : values;
    const vector = vectorFromArray(wire as never[], type);
    return { field: new Field(name, vector.type, true, new Map([['duckdb.type', c.type], ['shadowbench.name', c.name]])), vector };
  });
  const meta = new Map([['shadowbench.total', page.total === null ? '' : String(page.total)], ['shadowbench.offset', String(page.offset)]]);
  const schema = new Schema(vectors.map((v) => v.field), meta);
  const data = makeData({ type: new Struct(schema.fields), length: page.rows.length, children: vectors.map((v) => v.vector.data[0]!) });
  return tableToIPC(new Table([new RecordBatch(schema, data)]), 'stream');
}
