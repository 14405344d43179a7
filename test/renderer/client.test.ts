import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkbenchError, type CallResult, type WorkbenchEvent } from '../../core/contract/index.js';
import { dispatch } from '../../core/host/dispatch.js';
import { createClient, type Transport } from '../../renderer/src/api/client.js';
import { createHttpTransport, type EventSourceLike } from '../../renderer/src/api/httpTransport.js';
import { createFakeService } from '../e2e/fake-service.js';

/** A transport straight into dispatch() over the fake service, as Electron's IPC does. */
function fakeTransport() {
  const service = createFakeService({ runMs: 50 });
  const t: Transport = { name: 'fake', call: (m, a) => dispatch(service, m, a), onEvent: (l) => service.on(l) };
  return { service, t };
}

test('the proxy client calls methods by name and returns values', async () => {
  const { service, t } = fakeTransport();
  const client = createClient(t);
  assert.equal(client.transportName, 'fake');
  assert.equal((await client.hello({})).version, '0.1.0-fake');
  const m = await client.openModel({ role: 'production', path: '/m/p.onnx' });
  assert.equal(m.role, 'production');
  assert.equal(service.calls.at(-1)?.method, 'openModel');
  // Not thenable, so `await client` does not call a method named "then".
  assert.equal((client as unknown as { then?: unknown }).then, undefined);
  assert.equal(client.getRun, client.getRun, 'methods are cached');
});

test('errors become WorkbenchErrors with code, message and details', async () => {
  const { t } = fakeTransport();
  const client = createClient(t);
  await assert.rejects(client.openModel({ role: 'candidate', path: '/m/c.txt' }), (e: unknown) => {
    assert.ok(WorkbenchError.is(e));
    assert.equal(e.code, 'BAD_MODEL');
    assert.match(e.message, /not an ONNX file/);
    assert.equal(e.details.path, '/m/c.txt');
    assert.equal(e.details.method, 'openModel');
    return true;
  });
  await assert.rejects((client as unknown as Record<string, (a: unknown) => Promise<unknown>>).dropTables!({}), (e: unknown) => WorkbenchError.is(e) && e.code === 'UNKNOWN_METHOD');
});

test('events reach listeners through the client', async () => {
  const { t } = fakeTransport();
  const client = createClient(t);
  const seen: WorkbenchEvent[] = [];
  const off = client.onEvent((e) => seen.push(e));
  await client.openModel({ role: 'production', path: '/m/p.onnx' });
  await client.openModel({ role: 'candidate', path: '/m/c.onnx' });
  await client.importDataset({ path: '/d/t.parquet' });
  const run = await client.startRun({ datasetId: 'traffic' });
  await new Promise<void>((resolve) => { const i = setInterval(() => { if (seen.some((e) => e.kind === 'run-finished')) { clearInterval(i); resolve(); } }, 10); });
  off();
  assert.ok(seen.some((e) => e.kind === 'progress' && e.runId === run.id));
  assert.equal((await client.getMetrics({ runId: run.id })).find((r) => r.id === 'outcome.roc_auc' && r.model === 'delta')?.p, 0.0071);
});

test('HTTP transport: token header, JSON body, 401 and network failures as clear errors, SSE events', async () => {
  const requests: { url: string; headers: Record<string, string>; body: string }[] = [];
  let status = 200;
  let fail = false;
  const sources: (EventSourceLike & { url: string; closed: boolean })[] = [];
  const t = createHttpTransport({
    base: 'http://127.0.0.1:9999/',
    token: 'tok',
    fetch: async (url, init) => {
      if (fail) throw new TypeError('fetch failed');
      requests.push({ url, headers: init.headers, body: init.body });
      return { status, json: async () => ({ ok: true, value: { echoed: JSON.parse(init.body) } }) as CallResult<unknown> };
    },
    eventSource: (url) => {
      const s = { url, closed: false, onmessage: null, onerror: null, close() { this.closed = true; } } as EventSourceLike & { url: string; closed: boolean };
      sources.push(s);
      return s;
    },
  });
  const client = createClient(t);
  assert.deepEqual(await client.getRun({ runId: 'r1' }), { echoed: { runId: 'r1' } });
  assert.equal(requests[0]!.url, 'http://127.0.0.1:9999/api/getRun');
  assert.equal(requests[0]!.headers['x-shadowbench-token'], 'tok');
  assert.equal(requests[0]!.headers['content-type'], 'application/json');

  status = 401;
  await assert.rejects(client.hello({}), (e: unknown) => WorkbenchError.is(e) && e.code === 'UNAUTHORIZED' && /\?token=/.test(e.message));
  fail = true;
  await assert.rejects(client.hello({}), (e: unknown) => WorkbenchError.is(e) && e.code === 'UNAVAILABLE' && /shadowbench serve/.test(e.message));

  const got: WorkbenchEvent[] = [];
  const off = client.onEvent((e) => got.push(e));
  assert.equal(sources.length, 1);
  assert.equal(sources[0]!.url, 'http://127.0.0.1:9999/api/events?token=tok');
  sources[0]!.onmessage!({ data: JSON.stringify({ kind: 'log', level: 'info', message: 'hi' }) });
  sources[0]!.onmessage!({ data: 'not json' });
  assert.deepEqual(got, [{ kind: 'log', level: 'info', message: 'hi' }]);
  off();
  assert.equal(sources[0]!.closed, true, 'the stream closes with its last listener');
});
