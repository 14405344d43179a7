import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RowPage } from '../../core/contract/api.js';
import { rowPageToIPC } from '../../core/host/http/arrowPage.js';
import { bridgeCall, type PreloadBridge } from '../../renderer/src/api/bridgeCall.js';

test('in Electron, table answers cross as Arrow IPC bytes and decode to the same page; other calls stay JSON', async () => {
  const page: RowPage = { columns: [{ name: 'row', type: 'BIGINT' }, { name: 'afam', type: 'VARCHAR' }, { name: 'score_delta', type: 'DOUBLE' }], rows: [[1, 'yes', 0.25], [2, null, -0.5]], total: 2, offset: 0 };
  const seen: string[] = [];
  const bridge: PreloadBridge = {
    call: async (method) => { seen.push(`json:${method}`); return { ok: true, value: { version: 'x' } }; },
    callArrow: async (method) => { seen.push(`arrow:${method}`); return { ok: true, arrow: rowPageToIPC(page) }; },
    onEvent: () => () => {},
  };
  const call = bridgeCall(bridge);
  const r = await call('getDisagreements', { runId: 'r' });
  assert.ok(r.ok);
  const got = (r as { ok: true; value: RowPage }).value;
  assert.deepEqual(got.columns, page.columns);
  assert.deepEqual(got.rows, page.rows);
  assert.equal(got.total, 2);
  await call('hello', {});
  assert.deepEqual(seen, ['arrow:getDisagreements', 'json:hello']);
  const old = bridgeCall({ call: bridge.call, onEvent: bridge.onEvent });
  await old('query', { sql: 'SELECT 1' });
  assert.equal(seen.at(-1), 'json:query', 'an older preload without callArrow keeps JSON');
});
