import { parseArgs } from 'node:util';
import { WorkbenchError } from '../contract/index.js';

/** One flag of a command, documented for `--help`. */
export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  /** May be given more than once (values collected in an array). */
  multiple?: boolean;
  short?: string;
  /** Placeholder in the usage line, e.g. FILE. */
  value?: string;
  description: string;
  default?: string | boolean;
}

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
  cwd: string;
  env: Record<string, string | undefined>;
  /** The full argument list as typed after `shadowbench` (recorded in reports). */
  argv?: string[];
  /** Whether stderr is a terminal (progress is then one rewritten line). */
  isTTY?: boolean;
}

export type FlagValues = Record<string, string | boolean | string[] | undefined>;

export interface CliCommand {
  name: string;
  summary: string;
  /** Positional arguments, e.g. "REPORT_DIR". */
  positionals?: string;
  description?: string;
  flags: FlagSpec[];
  examples: string[];
  run(flags: FlagValues, positionals: string[], io: CliIO): Promise<number>;
}

/** Parse argv for one command; unknown flags are a BAD_ARGUMENT error naming the flag. */
export function parseFlags(cmd: CliCommand, argv: string[]): { flags: FlagValues; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const f of cmd.flags) options[f.name] = { type: f.type, ...(f.multiple ? { multiple: true } : {}), ...(f.short ? { short: f.short } : {}) };
  try {
    const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
    const flags: FlagValues = {};
    for (const f of cmd.flags) flags[f.name] = (values as FlagValues)[f.name] ?? f.default;
    return { flags, positionals };
  } catch (e) {
    throw new WorkbenchError('BAD_ARGUMENT', `${(e as Error).message.replace(/\. To specify.*$/s, '')}. Run \`shadowbench ${cmd.name} --help\` for the flags.`);
  }
}

/** The text of `shadowbench <command> --help`. */
export function commandHelp(cmd: CliCommand): string {
  const lines = [`shadowbench ${cmd.name}${cmd.positionals ? ' ' + cmd.positionals : ''}${cmd.flags.length ? ' [flags]' : ''}`, '', cmd.summary];
  if (cmd.description) lines.push('', cmd.description);
  if (cmd.flags.length) {
    lines.push('', 'Flags:');
    const heads = cmd.flags.map((f) => `  ${f.short ? `-${f.short}, ` : ''}--${f.name}${f.type === 'string' ? ' ' + (f.value ?? 'VALUE') : ''}`);
    const width = Math.max(...heads.map((h) => h.length)) + 2;
    cmd.flags.forEach((f, i) => {
      const extra = [f.multiple ? '(repeatable)' : '', f.default !== undefined && f.default !== false ? `(default: ${f.default})` : ''].filter(Boolean).join(' ');
      lines.push(heads[i].padEnd(width) + f.description + (extra ? ' ' + extra : ''));
    });
  }
  if (cmd.examples.length) lines.push('', 'Examples:', ...cmd.examples.map((e) => '  ' + e));
  return lines.join('\n') + '\n';
}

export function flagString(flags: FlagValues, name: string): string | undefined {
  const v = flags[name];
  return typeof v === 'string' ? v : undefined;
}

export function requireFlag(flags: FlagValues, name: string, cmd: string): string {
  const v = flagString(flags, name);
  if (!v) throw new WorkbenchError('BAD_ARGUMENT', `--${name} is required. Run \`shadowbench ${cmd} --help\` for an example.`, { flag: name });
  return v;
}

export function flagList(flags: FlagValues, name: string): string[] {
  const v = flags[name];
  if (Array.isArray(v)) return v;
  return typeof v === 'string' ? [v] : [];
}
