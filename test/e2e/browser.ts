/** Shared helpers of the UI e2e tests: Debian's chromium through playwright-core, the built renderer, screenshots. */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
export const STATIC_DIR = join(ROOT, 'renderer', 'dist');
export const SCREENS_DIR = join(ROOT, 'test-output', 'screens');

/** Why the browser tests cannot run here, or null when they can. */
export function browserSkipReason(): string | null {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install chromium); skipping the browser tests.`;
  return null;
}

/** Builds the renderer once when renderer/dist is missing (set SHADOWBENCH_SKIP_BUILD=1 to never build). */
export function ensureRendererBuilt(): void {
  if (existsSync(join(STATIC_DIR, 'index.html')) || process.env.SHADOWBENCH_SKIP_BUILD) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(ROOT, 'renderer', 'vite.config.ts')], { cwd: ROOT, stdio: 'ignore' });
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Saves a full-page screenshot to test-output/screens/<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: false });
}

/** Collects console errors and CSP violations of a page, for an assertion at the end. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return problems;
}

/** Opens (or creates) a workspace file and both models through the Workspace screen, waiting for each to show. */
export async function openWorkspaceAndModels(page: Page, workspace: string, modelsDir: string, inputName: string): Promise<void> {
  await page.getByLabel('Workspace (.sbw)').fill(workspace);
  await page.locator('#workspace').getByRole('button', { name: 'Open' }).click();
  await page.locator('.topbar').getByText(basename(workspace)).waitFor();
  for (const [i, role] of (['production', 'candidate'] as const).entries()) {
    await page.getByLabel('ONNX file').nth(i).fill(join(modelsDir, `${role}.onnx`));
    await page.locator(`#model-${role}`).getByRole('button', { name: 'Open' }).click();
    await page.locator(`#model-${role}`).getByText(inputName).first().waitFor();
  }
}

/** What a browser test against the real service gets. */
export interface RealWorkbench { page: Page; service: import('../../core/host/service.js').WorkbenchService; tmp: string }

/**
 * Runs `body` in Chromium against the real service behind `startServer`: skips (with the reason)
 * when Chromium or a needed file is missing, fails on console errors or CSP violations, saves
 * `<shotPrefix>-failure.png` on a failure, and closes everything afterwards.
 */
export async function withRealWorkbench(
  t: { skip(reason: string): void },
  opts: { needs: string[]; tmpPrefix: string; shotPrefix: string },
  body: (w: RealWorkbench) => Promise<void>,
): Promise<void> {
  const skip = browserSkipReason();
  if (skip) return t.skip(skip);
  for (const f of opts.needs) if (!existsSync(f)) return t.skip(`${f} is missing; this test needs it.`);
  ensureRendererBuilt();
  const { createWorkbenchService } = await import('../../core/host/service.js');
  const { startServer } = await import('../../core/host/server.js');
  const tmp = mkdtempSync(join(tmpdir(), opts.tmpPrefix));
  const service = await createWorkbenchService({ allowedRoots: [ROOT, tmp], transport: 'http' });
  const srv = await startServer({ service, staticDir: STATIC_DIR });
  const browser = await launch();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, colorScheme: 'light' });
  try {
    const problems = watchConsole(page);
    await page.goto(srv.url);
    await body({ page, service, tmp });
    const real = problems.filter((x) => !/Failed to load resource/i.test(x));
    assert.deepEqual(real, [], 'console errors / CSP violations');
  } catch (e) {
    await shot(page, `${opts.shotPrefix}-failure`).catch(() => undefined);
    throw e;
  } finally {
    await browser.close();
    await srv.close();
    await service.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
