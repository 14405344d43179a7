import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ELECTRON = join(ROOT, 'node_modules', 'electron');

/** The Electron binary, found without requiring the electron package (which throws when it is missing). */
function electronBinary(): string | null {
  const pathTxt = join(ELECTRON, 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const exe = join(ELECTRON, 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

test('the preload exposes only call, onEvent and the shell API', () => {
  const src = readFileSync(join(ROOT, 'electron', 'preload.cjs'), 'utf8');
  assert.match(src, /exposeInMainWorld\('workbench'/);
  assert.doesNotMatch(src, /exposeInMainWorld\('(?!workbench')/, 'one bridge only');
  assert.doesNotMatch(src, /:\s*ipcRenderer\s*[,}]/, 'ipcRenderer itself is not exposed');
  const main = readFileSync(join(ROOT, 'electron', 'main.ts'), 'utf8');
  for (const must of ['contextIsolation: true', 'sandbox: true', 'nodeIntegration: false', "setWindowOpenHandler(() => ({ action: 'deny' }))", "'will-navigate'", 'senderFrame']) {
    assert.ok(main.includes(must), `electron/main.ts lacks ${must}`);
  }
});

test('Electron smoke: launch the app and make one IPC round trip', { timeout: 120_000 }, async (t) => {
  const exe = electronBinary();
  if (!exe) return t.skip(`Electron binary not installed here: ${join(ELECTRON, 'path.txt')} is missing (node node_modules/electron/install.js fetches it).`);
  const main = join(ROOT, 'dist', 'electron', 'main.js');
  if (!existsSync(main) || !existsSync(join(ROOT, 'dist', 'electron', 'preload.cjs'))) return t.skip(`${main} or its preload is missing: run npm run build first.`);
  const { _electron } = await import('playwright-core');
  const app = await _electron.launch({ executablePath: exe, args: [ROOT, '--no-sandbox', '--disable-gpu'], env: { ...process.env, ELECTRON_ENABLE_LOGGING: '0' } });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    const hello = await page.evaluate(async () => (globalThis as unknown as { workbench: { call(m: string, a: unknown): Promise<{ ok: boolean; value: { transport: string } }> } }).workbench.call('hello', {}));
    assert.equal(hello.ok, true);
    assert.equal(hello.value.transport, 'electron');
    const unknown = await page.evaluate(async () => (globalThis as unknown as { workbench: { call(m: string, a: unknown): Promise<{ ok: boolean; error: { code: string } }> } }).workbench.call('nope', {}));
    assert.equal(unknown.error.code, 'UNKNOWN_METHOD');
    assert.equal(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require), 'undefined', 'no Node in the page');
  } finally {
    await app.close();
  }
});
