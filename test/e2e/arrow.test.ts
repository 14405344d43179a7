import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import type { RowPage } from '../../core/contract/index.js';
import { ARROW_STREAM, rowPageToIPC } from '../../core/host/http/arrowPage.js';
import { startServer } from '../../core/host/server.js';
import { createClient } from '../../renderer/src/api/client.js';
import { rowPageFromIPC, tableToRowPage } from '../../renderer/src/api/arrowPage.js';
import { createHttpTransport } from '../../renderer/src/api/httpTransport.js';
import { createFakeService } from './fake-service.js';

test('a RowPage survives Arrow IPC: types, nulls, duplicate names, total and offset', async () => {
  const page: RowPage = {
    columns: [{ name: 'x', type: 'DOUBLE' }, { name: 'x', type: 'VARCHAR' }, { name: 'ok', type: 'BOOLEAN' }, { name: 'n', type: 'BIGINT' }, { name: 's', type: 'STRUCT(a INTEGER)' }],
    rows: [[0.25, 'a', true, 7, { a: 1 }], [null, null, null, null, null], [-1e-9, 'ü "q"', false, 12, { a: 2 }]],
    total: 1234, offset: 200,
  };
  const back = await rowPageFromIPC(rowPageToIPC(page));
  assert.deepEqual(back.columns, page.columns);
  assert.equal(back.total, 1234);
  assert.equal(back.offset, 200);
  assert.deepEqual(back.rows, [[0.25, 'a', true, 7, '{"a":1}'], [null, null, null, null, null], [-1e-9, 'ü "q"', false, 12, '{"a":2}']]);
  const empty = tableToRowPage(tableFromIPC(rowPageToIPC({ columns: [{ name: 'x', type: 'DOUBLE' }], rows: [], total: null, offset: 0 })) as never);
  assert.deepEqual(empty, { columns: [{ name: 'x', type: 'DOUBLE' }], rows: [], total: null, offset: 0 });
});

test('POST /api/arrow/<method> answers Arrow IPC; the HTTP transport decodes it to the same page as JSON', async () => {
  const service = createFakeService({ runMs: 50 });
  const srv = await startServer({ service, staticDir: mkdtempSync(join(tmpdir(), 'sb-arrow-')) });
  try {
    const post = (path: string, body: unknown) => fetch(`${srv.origin}api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shadowbench-token': srv.token }, body: JSON.stringify(body) });
    const res = await post('arrow/getDisagreements', { runId: 'r', limit: 50, offset: 100 });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), ARROW_STREAM);
    const table = tableFromIPC(new Uint8Array(await res.arrayBuffer()));
    assert.equal(table.numRows, 50);
    // Errors stay JSON; methods without a RowPage answer have no Arrow form.
    const bad = await post('arrow/query', { sql: 'DROP TABLE x' });
    assert.match(bad.headers.get('content-type') ?? '', /json/);
    assert.equal(((await bad.json()) as { ok: boolean }).ok, false);
    assert.equal((await post('arrow/hello', {})).status, 404);
    assert.equal((await post('arrow/query', {})).status !== 401, true);

    const transport = (arrow: boolean) => createHttpTransport({
      base: srv.origin, token: srv.token, fetch: (u, init) => fetch(u, init), eventSource: () => ({ onmessage: null, onerror: null, close() {} }),
      ...(arrow ? { arrow: rowPageFromIPC } : {}),
    });
    const viaArrow = createClient(transport(true));
    const viaJson = createClient(transport(false));
    const q = { runId: 'r', limit: 100, offset: 0, order: 'score' as const };
    assert.deepEqual(await viaArrow.getDisagreements(q), await viaJson.getDisagreements(q));
    assert.deepEqual(await viaArrow.query({ sql: 'SELECT * FROM traffic', limit: 20, offset: 40 }), await viaJson.query({ sql: 'SELECT * FROM traffic', limit: 20, offset: 40 }));
    await assert.rejects(viaArrow.query({ sql: 'DROP TABLE x' }), /read-only/);
  } finally {
    await srv.close();
  }
});
