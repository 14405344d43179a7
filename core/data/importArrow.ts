import { createReadStream } from 'node:fs';
import { RecordBatchReader } from 'apache-arrow';
import { BIGINT, DuckDBDataChunk, type DuckDBAppender } from '@duckdb/node-api';
import { WorkbenchError } from '../contract/index.js';
import { arrowColumn } from './arrowColumns.js';
import { cancelled, duckdbMessage } from './duckdbErrors.js';
import type { ImportJob } from './importWithDuckdb.js';
import { quoteIdent } from './sql.js';
import { VECTOR_SIZE, writeFixed } from './vectorIO.js';

/**
 * Arrow IPC (file or stream framing): decode record batches with apache-arrow as they stream from
 * disk and append them through a DuckDB appender in vector-sized data chunks. Only one record
 * batch is in JS memory at a time. Returns the rows appended.
 */
export async function importArrow(job: ImportJob): Promise<number> {
  const { conn, file } = job;
  const bad = (e: unknown) =>
    WorkbenchError.is(e) ? e : new WorkbenchError('BAD_DATASET', `Cannot read ${file} as Arrow IPC (the file is truncated or corrupt): ${duckdbMessage(e)}`, { path: file, format: 'arrow', cause: duckdbMessage(e) });

  let reader: RecordBatchReader;
  try {
    reader = await RecordBatchReader.from(createReadStream(file));
    await reader.open();
  } catch (e) {
    throw bad(e);
  }
  const fields = reader.schema.fields;
  if (fields.length === 0) throw new WorkbenchError('BAD_DATASET', `${file} has no columns.`, { path: file });
  if (fields.some((f) => f.name.toLowerCase() === 'sb_row')) {
    throw new WorkbenchError('BAD_DATASET', `${file} has a column named sb_row, which Shadowbench reserves for the row number; rename that column and import again.`, { path: file, column: 'sb_row' });
  }
  const cols = fields.map((f) => arrowColumn(f));
  const ddl = [`"sb_row" BIGINT`, ...fields.map((f, i) => `${quoteIdent(f.name)} ${cols[i].sqlType}`)].join(', ');
  await conn.run(`CREATE TABLE ${quoteIdent(job.staging)} (${ddl})`);

  const appender: DuckDBAppender = await conn.createAppender(job.staging);
  const chunk = DuckDBDataChunk.create([BIGINT, ...cols.map((c) => c.duckType)]);
  const rowIds = new BigInt64Array(VECTOR_SIZE);
  let rows = 0;
  try {
    for await (const batch of reader) {
      if (job.signal?.aborted) throw cancelled(`Import of ${file}`);
      const vectors = fields.map((_f, i) => batch.getChildAt(i)!);
      for (let start = 0; start < batch.numRows; start += VECTOR_SIZE) {
        const n = Math.min(VECTOR_SIZE, batch.numRows - start);
        chunk.reset();
        chunk.rowCount = n;
        for (let i = 0; i < n; i++) rowIds[i] = BigInt(rows + i);
        writeFixed(chunk, 0, rowIds.subarray(0, n));
        for (let c = 0; c < cols.length; c++) cols[c].write(chunk, c + 1, vectors[c], start, n);
        appender.appendDataChunk(chunk);
        rows += n;
      }
      job.onProgress?.(rows, null);
    }
    appender.flushSync();
  } catch (e) {
    appender.clear();
    throw bad(e);
  } finally {
    appender.closeSync();
  }
  return rows;
}
