import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { WorkbenchError } from '../../contract/index.js';
import { findChromium } from './findChromium.js';

/** Prints an HTML file to PDF with Chromium's print engine (headless Chromium, or Electron running as Chromium). */
export async function renderPdf(htmlPath: string, pdfPath: string, opts: { chromium?: string; env?: Record<string, string | undefined>; timeoutMs?: number } = {}): Promise<{ engine: string }> {
  const found = findChromium(opts.chromium, opts.env ?? process.env);
  if ('tried' in found) {
    throw new WorkbenchError('UNAVAILABLE',
      `No Chromium found to print the PDF (tried ${found.tried.join(', ')}). Install Chromium, give its path with --chromium PATH or $SHADOWBENCH_CHROMIUM, ` +
      'or export the PDF from the workbench app; report.json and report.html were written and are complete without it.', { tried: found.tried });
  }
  const profile = await mkdtemp(join(tmpdir(), 'shadowbench-pdf-'));
  const out = resolve(pdfPath);
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-extensions', '--no-first-run', '--no-default-browser-check', '--mute-audio', `--user-data-dir=${profile}`,
    '--no-pdf-header-footer', '--run-all-compositor-stages-before-draw', '--virtual-time-budget=5000', `--print-to-pdf=${out}`,
    pathToFileURL(resolve(htmlPath)).href,
  ];
  const env = { ...(opts.env ?? process.env), ...(found.kind === 'electron' ? { ELECTRON_RUN_AS_NODE: undefined } : {}) };
  try {
    const version = await run(found.path, ['--version'], env, 20_000).catch(() => '');
    if (found.kind === 'electron') {
      // Electron has no --print-to-pdf switch: a tiny main script calls webContents.printToPDF (Chromium's print engine).
      const script = join(profile, 'print.cjs');
      await writeFile(script, ELECTRON_PRINT);
      await run(found.path, ['--no-sandbox', '--disable-gpu', `--user-data-dir=${profile}`, script, pathToFileURL(resolve(htmlPath)).href, out], env, opts.timeoutMs ?? 120_000);
    } else {
      await run(found.path, args, env, opts.timeoutMs ?? 120_000);
    }
    const s = await stat(out).catch(() => null);
    if (!s || s.size === 0) throw new Error('no PDF was written');
    return { engine: `${version.trim().split('\n')[0] || found.kind} (${found.path})` };
  } catch (e) {
    if (e instanceof WorkbenchError) throw e;
    throw new WorkbenchError('UNAVAILABLE', `Chromium at ${found.path} could not print the PDF: ${(e as Error).message.split('\n')[0]}. Try another --chromium PATH.`, { chromium: found.path });
  } finally {
    await rm(profile, { recursive: true, force: true }).catch(() => undefined);
  }
}

function run(cmd: string, args: string[], env: Record<string, string | undefined>, timeout: number): Promise<string> {
  return new Promise((res, rej) => {
    execFile(cmd, args, { env: env as NodeJS.ProcessEnv, timeout, maxBuffer: 4 << 20, killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      if (err) rej(new Error(`${err.message}${stderr ? `: ${String(stderr).trim().split('\n').slice(-1)[0]}` : ''}`));
      else res(String(stdout));
    });
  });
}

const ELECTRON_PRINT = `const api = 'electron';
const { app, BrowserWindow } = require(api);
const [url, out] = process.argv.slice(-2);
app.whenReady().then(async () => {
  const w = new BrowserWindow({ show: false, webPreferences: { javascript: false, sandbox: true } });
  await w.loadURL(url);
  const pdf = await w.webContents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
  require('fs').writeFileSync(out, pdf);
  app.exit(0);
}).catch((e) => { console.error(String(e)); app.exit(1); });
`;
