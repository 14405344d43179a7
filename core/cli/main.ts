import { WorkbenchError } from '../contract/index.js';
import { type CliCommand, type CliIO, commandHelp, parseFlags } from './command.js';
import { commands } from './commands/index.js';

export { VERSION } from '../version.js';
import { VERSION } from '../version.js';

function topHelp(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  return [
    'shadowbench: compare a production and a candidate ML model on captured traffic, and sign the evidence.',
    '',
    'Usage: shadowbench <command> [flags]',
    '',
    'Commands:',
    ...commands.map((c) => '  ' + c.name.padEnd(width) + c.summary),
    '',
    'Run `shadowbench <command> --help` for the flags of a command and an example.',
    '',
  ].join('\n');
}

/** Formats any error for a terminal: one clear line for WorkbenchErrors, never a stack trace. */
export function formatError(e: unknown): string {
  if (WorkbenchError.is(e)) return `shadowbench: error [${e.code}]: ${e.message}\n`;
  const msg = e instanceof Error ? e.message : String(e);
  return `shadowbench: unexpected error: ${msg}\n(This is a bug in shadowbench; set SHADOWBENCH_DEBUG=1 for the stack trace.)\n`;
}

export async function main(argv: string[], io?: Partial<CliIO>): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write('\nshadowbench: cancelling (Ctrl-C again to quit at once)...\n');
    controller.abort();
  };
  const full: CliIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    signal: controller.signal,
    cwd: process.cwd(),
    env: process.env,
    argv,
    isTTY: !!process.stderr.isTTY,
    ...io,
  };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    full.stdout(topHelp());
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    full.stdout(VERSION + '\n');
    return 0;
  }
  const cmd: CliCommand | undefined = commands.find((c) => c.name === name);
  if (!cmd) {
    full.stderr(`shadowbench: unknown command "${name}".\n\n` + topHelp());
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    full.stdout(commandHelp(cmd));
    return 0;
  }
  if (!io?.signal) process.on('SIGINT', onSigint);
  try {
    const { flags, positionals } = parseFlags(cmd, rest);
    return await cmd.run(flags, positionals, full);
  } catch (e) {
    full.stderr(formatError(e));
    if (full.env.SHADOWBENCH_DEBUG && e instanceof Error) full.stderr((e.stack ?? '') + '\n');
    if (WorkbenchError.is(e) && e.code === 'CANCELLED') return 130;
    return 1;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
