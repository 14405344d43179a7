#!/usr/bin/env node
// Entry point of the `shadowbench` command: runs the compiled CLI from dist/.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const main = join(root, 'dist', 'core', 'cli', 'main.js');
if (!existsSync(main)) {
  process.stderr.write('shadowbench: the CLI is not built yet. Run `npm run build` in ' + root + ' first.\n');
  process.exit(2);
}
const { main: run } = await import(pathToFileURL(main).href);
process.exitCode = await run(process.argv.slice(2));
