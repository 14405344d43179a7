import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/** The shadowbench version from the nearest package.json named "shadowbench" above this module ("unknown" if none). */
export function toolVersion(): string {
  if (cached) return cached;
  cached = 'unknown';
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const p = join(d, 'package.json');
    if (existsSync(p)) {
      try {
        const pkg = JSON.parse(readFileSync(p, 'utf8')) as { name?: string; version?: string };
        if (pkg.name === 'shadowbench' && pkg.version) return (cached = pkg.version);
      } catch {
        /* keep looking */
      }
    }
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  return cached;
}
