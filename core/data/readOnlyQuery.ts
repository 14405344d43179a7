import type { DuckDBConnection } from '@duckdb/node-api';
import { WorkbenchError, type RowPage } from '../contract/index.js';
import { duckdbMessage } from './duckdbErrors.js';
import { pageOf } from './rowValues.js';

const ALLOWED_START = /^(SELECT|WITH|DESCRIBE|SHOW|SUMMARIZE|EXPLAIN|FROM|VALUES|TABLE)\b/i;
const MAX_LIMIT = 10_000;

/** Strip leading comments and whitespace. */
function head(sql: string): string {
  let s = sql;
  for (;;) {
    const t = s.replace(/^\s+/, '').replace(/^--[^\n]*(\n|$)/, '').replace(/^\/\*[\s\S]*?\*\//, '');
    if (t === s) return s;
    s = t;
  }
}

/**
 * Run one read-only statement (SELECT/WITH/DESCRIBE/SHOW/SUMMARIZE/EXPLAIN, plus DuckDB's FROM-first
 * and VALUES forms), paged with LIMIT/OFFSET. Anything else, or several statements, is refused with
 * BAD_ARGUMENT; the statement also runs inside a READ ONLY transaction, so a write that slips past
 * the checks still fails. `conn` must be a connection used for nothing else at the same time.
 */
export async function readOnlyQuery(conn: DuckDBConnection, sql: string, opts: { limit?: number; offset?: number; count?: boolean } = {}): Promise<RowPage> {
  const limit = Math.min(Math.max(0, Math.floor(opts.limit ?? 100)), MAX_LIMIT);
  const offset = Math.max(0, Math.floor(opts.offset ?? 0));
  const refuse = (why: string) => new WorkbenchError('BAD_ARGUMENT', `Only a single read-only statement (SELECT, WITH, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN) can be run here: ${why}.`, { sql });

  const body = head(sql).replace(/[\s;]+$/, '');
  if (body === '') throw refuse('the query is empty');
  let count: number;
  let type: number;
  try {
    const extracted = await conn.extractStatements(body);
    count = extracted.count;
    if (count !== 1) throw refuse(`found ${count} statements`);
    type = (await extracted.prepare(0)).statementType;
  } catch (e) {
    if (WorkbenchError.is(e)) throw e;
    throw new WorkbenchError('BAD_ARGUMENT', `The query does not parse: ${duckdbMessage(e)}`, { sql, cause: duckdbMessage(e) });
  }
  const keyword = /^\w+/.exec(body)?.[0]?.toUpperCase() ?? body.slice(0, 10);
  // StatementType 1 = SELECT, 4 = EXPLAIN (duckdb_statement_type).
  if (!ALLOWED_START.test(body) || (type !== 1 && type !== 4)) throw refuse(`"${keyword}" statements change the workspace or its settings`);
  const isExplain = type === 4;

  await conn.run('BEGIN TRANSACTION READ ONLY');
  try {
    if (isExplain) {
      const r = await conn.runAndReadAll(body);
      const page = pageOf(r, offset, null);
      page.total = page.rows.length;
      page.rows = page.rows.slice(offset, offset + limit);
      return page;
    }
    const r = await conn.runAndReadAll(`SELECT * FROM (\n${body}\n) LIMIT ${limit + 1} OFFSET ${offset}`);
    const page = pageOf(r, offset, null, limit);
    const more = r.currentRowCount > limit;
    if (opts.count) {
      const c = await conn.runAndReadAll(`SELECT count(*) FROM (\n${body}\n)`);
      page.total = Number(c.getRows()[0][0]);
    } else if (!more && (page.rows.length > 0 || offset === 0)) {
      page.total = offset + page.rows.length;
    }
    return page;
  } catch (e) {
    throw new WorkbenchError('BAD_ARGUMENT', `The query failed: ${duckdbMessage(e)}`, { sql, cause: duckdbMessage(e) });
  } finally {
    await conn.run('ROLLBACK').catch(() => undefined);
  }
}
