import type { CliCommand } from '../command.js';

/** Every CLI command, in the order `shadowbench --help` lists them. Add one import + one entry per command. */
export const commands: CliCommand[] = [];
