import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Electron binary of node_modules/electron, if installed (existence check only, never loaded). */
function electronBinary(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const base = join(dir, 'node_modules', 'electron', 'dist');
    for (const name of ['electron', 'electron.exe', 'Electron.app/Contents/MacOS/Electron']) if (existsSync(join(base, name))) return join(base, name);
    dir = dirname(dir);
  }
  return null;
}

/**
 * The print engine to use, in order: `explicit` (--chromium), $SHADOWBENCH_CHROMIUM, a system Chromium / Chrome,
 * the Electron binary. Returns what was tried when none exists.
 */
export function findChromium(explicit?: string, env: Record<string, string | undefined> = process.env): { path: string; kind: 'chromium' | 'electron' } | { tried: string[] } {
  const tried: string[] = [];
  const candidates: (string | undefined)[] = [explicit, env.SHADOWBENCH_CHROMIUM, ...SYSTEM_CHROMIUMS];
  for (const c of candidates) {
    if (!c) continue;
    const p = resolve(c);
    tried.push(p);
    if (existsSync(p)) return { path: p, kind: /electron/i.test(p) ? 'electron' : 'chromium' };
    if (c === explicit) return { tried };
  }
  const e = electronBinary();
  if (e) return { path: e, kind: 'electron' };
  tried.push('node_modules/electron/dist/electron');
  return { tried };
}
