#!/usr/bin/env node
// `npm start`: launch the desktop app, or explain how to get Electron (and offer `shadowbench serve`).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const electronDir = join(root, 'node_modules', 'electron');
const pathTxt = join(electronDir, 'path.txt');

function binary() {
  if (!existsSync(pathTxt)) return null;
  const rel = readFileSync(pathTxt, 'utf8').trim();
  const exe = join(electronDir, 'dist', rel);
  return existsSync(exe) ? exe : null;
}

const exe = binary();
if (!exe) {
  process.stderr.write([
    'shadowbench: the Electron binary is not installed here (node_modules/electron/dist is missing).',
    'Get it with network access:   node node_modules/electron/install.js',
    '(or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD set), then run `npm start` again.',
    'Meanwhile the same workbench runs in your browser:   node dist/core/cli/bin.js serve   (or `shadowbench serve` after `npm link`)',
    '',
  ].join('\n'));
  process.exit(1);
}
for (const [file, how] of [[join(root, 'dist', 'electron', 'main.js'), 'npm run build:core'], [join(root, 'renderer', 'dist', 'index.html'), 'npm run build:renderer']]) {
  if (!existsSync(file)) {
    process.stderr.write(`shadowbench: ${file} is missing; run \`${how}\` (or \`npm run build\`) first.\n`);
    process.exit(1);
  }
}
const child = spawn(exe, [root, ...process.argv.slice(2)], { stdio: 'inherit', windowsHide: false });
child.on('exit', (code, signal) => process.exit(signal ? 1 : code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
