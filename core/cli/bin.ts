#!/usr/bin/env node
// The `shadowbench` command (package.json "bin"), compiled to dist/core/cli/bin.js by `npm run build`.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
