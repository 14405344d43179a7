import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package root (the folder of shadowbench's package.json), found by walking up from this
 * file, so it works from the sources (tsx) and from dist/ alike.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'shadowbench') return dir;
      } catch {
        /* keep walking */
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('Cannot find the shadowbench package root.');
    dir = up;
  }
}

/** The built renderer: renderer/dist under the package root. */
export function rendererDist(): string {
  return join(packageRoot(), 'renderer', 'dist');
}
