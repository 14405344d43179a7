#!/usr/bin/env node
// Build step after `tsc -p tsconfig.build.json`: the sandboxed preload is plain CommonJS, not
// compiled, so copy it next to dist/electron/main.js.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
mkdirSync(join(root, 'dist', 'electron'), { recursive: true });
copyFileSync(join(root, 'electron', 'preload.cjs'), join(root, 'dist', 'electron', 'preload.cjs'));
