import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Layers inside core/, lowest first: a file may import only from its own layer or lower ones. */
const CORE_LAYERS: Record<string, number> = {
  contract: 0, 'version.ts': 0, data: 1, model: 1, replay: 2, metrics: 3, checks: 3, report: 4, host: 5, 'index.ts': 5, cli: 6,
};
const UI_PACKAGES = /^(electron|react|react-dom|plotly\.js.*|@vitejs\/.*|vite)(\/|$)/;
const NODE_BUILTINS = new Set(builtinModules);

function walk(dir: string, out: string[] = []): string[] {
  let entries: string[] = [];
  try { entries = readdirSync(dir); } catch { return out; }
  for (const e of entries) {
    if (e === 'node_modules' || e === 'dist') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|mts|cts|mjs|cjs)$/.test(e) && !e.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Static imports, re-exports, dynamic imports and requires with a string literal. */
export function importsOf(source: string): string[] {
  const found: string[] = [];
  const re = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of source.matchAll(re)) found.push(m[1] ?? m[2] ?? m[3]);
  return found;
}

function isNodeBuiltin(spec: string): boolean {
  return spec.startsWith('node:') || NODE_BUILTINS.has(spec.split('/')[0]);
}

function coreLayer(rel: string): number | undefined {
  const parts = rel.split('/');
  if (parts[0] !== 'core') return undefined;
  return CORE_LAYERS[parts[1]];
}

function violations(): string[] {
  const bad: string[] = [];
  const files = [...walk(join(root, 'core')), ...walk(join(root, 'renderer')), ...walk(join(root, 'electron'))];
  for (const file of files) {
    const rel = relative(root, file).split('\\').join('/');
    const src = readFileSync(file, 'utf8');
    for (const spec of importsOf(src)) {
      const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)).split('\\').join('/') : null;
      const where = `${rel} imports ${spec}`;
      if (rel.startsWith('core/')) {
        if (UI_PACKAGES.test(spec)) bad.push(`${where}: core never imports electron, react, plotly or vite`);
        if (rel.startsWith('core/contract/') && (target === null || !target.startsWith('core/contract/'))) bad.push(`${where}: core/contract imports nothing outside itself`);
        if (target?.startsWith('core/')) {
          const from = coreLayer(rel);
          const to = coreLayer(target);
          if (from !== undefined && to !== undefined && to > from) bad.push(`${where}: a lower layer may not import a higher one`);
        }
        if (target && !target.startsWith('core/')) bad.push(`${where}: core imports only core`);
      } else if (rel.startsWith('renderer/')) {
        if (rel.endsWith('vite.config.ts')) continue;
        if (isNodeBuiltin(spec)) bad.push(`${where}: the renderer never imports node modules`);
        if (/^electron(\/|$)/.test(spec)) bad.push(`${where}: the renderer never imports electron`);
        if (target?.startsWith('core/') && !target.startsWith('core/contract')) bad.push(`${where}: the renderer imports only core/contract from core`);
      } else if (rel.startsWith('electron/')) {
        const isPreload = /preload/.test(rel);
        if (isPreload && target && !target.startsWith('core/contract')) bad.push(`${where}: the preload imports only core/contract`);
        if (!isPreload && target?.startsWith('core/') && !/^core\/(index|contract\/)/.test(target)) bad.push(`${where}: electron/main imports core through core/index.ts only`);
      }
    }
  }
  return bad;
}

test('imports follow the layering of DESIGN.md section 1', () => {
  assert.deepEqual(violations(), []);
});

test('the import scanner sees every import form', () => {
  const src = `import a from './a.js';\nimport type { B } from "../b.js";\nexport * from './c.js';\nconst d = await import('./d.js');\nconst e = require('e');\nimport './side.js';`;
  assert.deepEqual(importsOf(src), ['./a.js', '../b.js', './c.js', './d.js', 'e', './side.js']);
});
