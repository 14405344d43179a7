import type { CliCommand } from '../command.js';
import { demoCommand } from './demo.js';
import { inspectCommand } from './inspect.js';
import { runCommand } from './run.js';
import { keygenCommand } from './keygen.js';
import { signCommand } from './sign.js';
import { verifyCommand } from './verify.js';
import { serveCommand } from './serve.js';
import { reportCommand } from './report.js';

/** Every CLI command, in the order `shadowbench --help` lists them. Add one import + one entry per command. */
export const commands: CliCommand[] = [
  runCommand,
  demoCommand,
  inspectCommand,
  keygenCommand,
  signCommand,
  verifyCommand,
  serveCommand,
  reportCommand,
];
