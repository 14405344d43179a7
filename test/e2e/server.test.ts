import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { startServer } from '../../core/host/server.js';
import { safeStaticPath } from '../../core/host/http/static.js';
import { createFakeService } from './fake-service.js';

function staticDir(): string {
  const parent = mkdtempSync(join(tmpdir(), 'sb-static-'));
  const dir = join(parent, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(parent, 'secret.txt'), 'secret');
  return dir;
}

/** Raw request (fetch normalises paths, which would hide traversal attempts). */
function raw(port: number, path: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

test('serve: token, dispatch, static files, CSP, traversal, SSE', async () => {
  const service = createFakeService({ runMs: 200 });
  const srv = await startServer({ service, staticDir: staticDir() });
  try {
    assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
    const api = (m: string, args: unknown, token = srv.token) =>
      fetch(`${srv.origin}api/${m}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shadowbench-token': token }, body: JSON.stringify(args) });

    // 401 without / with a wrong token, both in header and query.
    assert.equal((await fetch(`${srv.origin}api/hello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 401);
    assert.equal((await api('hello', {}, 'x'.repeat(32))).status, 401);
    assert.equal((await fetch(`${srv.origin}api/events`)).status, 401);

    const hello = await (await api('hello', {})).json();
    assert.deepEqual(hello, { ok: true, value: { version: '0.1.0-fake', transport: 'fake', workspace: '/home/validator/hmda-q3.sbw' } });
    const viaQuery = await fetch(`${srv.origin}api/hello?token=${srv.token}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(viaQuery.status, 200);

    const bad = (await (await api('openModel', { role: 'production', path: '/tmp/x.txt' })).json()) as { ok: boolean; error: { code: string } };
    assert.equal(bad.ok, false);
    assert.equal(bad.error.code, 'BAD_MODEL');
    const unknown = await api('deleteEverything', {});
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as { error: { code: string } }).error.code, 'UNKNOWN_METHOD');
    const notJson = await fetch(`${srv.origin}api/hello`, { method: 'POST', headers: { 'content-type': 'text/plain', 'x-shadowbench-token': srv.token }, body: '{}' });
    assert.equal(notJson.status, 415);
    const broken = await fetch(`${srv.origin}api/hello`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shadowbench-token': srv.token }, body: '{' });
    assert.equal(broken.status, 400);

    // Static: index, assets with content types, CSP on HTML, traversal refused.
    const index = await fetch(srv.origin);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.match(index.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    const js = await fetch(`${srv.origin}assets/app.js`);
    assert.match(js.headers.get('content-type') ?? '', /text\/javascript/);
    for (const p of ['/../secret.txt', '/assets/../../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt', '/..%5csecret.txt', '/%00']) {
      const r = await raw(srv.port, p);
      assert.equal(r.status, 404, p);
      assert.ok(!r.body.includes('secret'), p);
    }
    // DNS rebinding / cross-origin.
    assert.equal((await raw(srv.port, '/', { host: 'evil.example:80' })).status, 403);
    assert.equal((await raw(srv.port, `/api/hello?token=${srv.token}`, { origin: 'http://evil.example', 'content-type': 'application/json' }, 'POST', '{}')).status, 403);

    // SSE carries the service's events.
    const ctrl = new AbortController();
    const events = await fetch(`${srv.origin}api/events?token=${srv.token}`, { signal: ctrl.signal });
    assert.match(events.headers.get('content-type') ?? '', /text\/event-stream/);
    await api('importDataset', { path: '/d/traffic.parquet' });
    await api('openModel', { role: 'production', path: '/m/p.onnx' });
    await api('openModel', { role: 'candidate', path: '/m/c.onnx' });
    const run = ((await (await api('startRun', { datasetId: 'traffic' })).json()) as { value: { id: string } }).value;
    const reader = events.body!.getReader();
    let text = '';
    while (!text.includes('run-finished')) text += new TextDecoder().decode((await reader.read()).value);
    assert.match(text, /"kind":"progress"/);
    assert.match(text, new RegExp(`"runId":"${run.id}"`));
    ctrl.abort();
  } finally {
    await srv.close();
    await service.close();
  }
});

test('safeStaticPath keeps paths inside the root', () => {
  assert.equal(safeStaticPath('/srv/app', '/'), '/srv/app/index.html');
  assert.equal(safeStaticPath('/srv/app', '/assets/a.js'), '/srv/app/assets/a.js');
  assert.equal(safeStaticPath('/srv/app', '/../etc/passwd'), null);
  assert.equal(safeStaticPath('/srv/app', '/%2e%2e/etc/passwd'), null);
  assert.equal(safeStaticPath('/srv/app', '/a/%2E%2E/%2E%2E/x'), null);
  assert.equal(safeStaticPath('/srv/app', '/%E0%A4%A'), null);
});

test('startServer refuses non-loopback hosts', async () => {
  await assert.rejects(startServer({ service: createFakeService(), staticDir: '/tmp', host: '0.0.0.0' }), /loopback/);
});

test('shadowbench serve prints the URL with its token, answers, and stops on Ctrl-C', { timeout: 60_000 }, async () => {
  const { main } = await import('../../core/cli/main.js');
  const dir = mkdtempSync(join(tmpdir(), 'sb-serve-'));
  const ctrl = new AbortController();
  let out = '';
  const done = main(['serve', '--workspace', join(dir, 'w.sbw'), '--root', dir], { stdout: (t) => { out += t; }, stderr: () => {}, signal: ctrl.signal, cwd: dir, env: {} });
  for (let i = 0; i < 200 && !/token=/.test(out); i++) await new Promise((r) => setTimeout(r, 50));
  const url = new URL(/http:\/\/127\.0\.0\.1:\d+\/\?token=\S+/.exec(out)![0]);
  const res = await fetch(`${url.origin}/api/openModel`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shadowbench-token': url.searchParams.get('token')! }, body: JSON.stringify({ role: 'production', path: '/etc/passwd' }) });
  const body = (await res.json()) as { ok: boolean; error: { code: string } };
  assert.equal(body.error.code, 'PATH_NOT_ALLOWED');
  assert.equal((await fetch(`${url.origin}/api/hello`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status, 401);
  ctrl.abort();
  assert.equal(await done, 0);
  assert.match(out, /Stopped/);
});
