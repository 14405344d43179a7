import { WorkbenchError } from '../../contract/index.js';

/** Reads the passphrase from the environment variable named by flag --passphrase-env (undefined when the flag is absent). */
export function passphraseFromEnv(flags: Record<string, unknown>, env: Record<string, string | undefined>): string | undefined {
  const name = flags['passphrase-env'];
  if (typeof name !== 'string' || !name) return undefined;
  const v = env[name];
  if (!v) {
    throw new WorkbenchError('BAD_ARGUMENT', `--passphrase-env ${name}: environment variable ${name} is not set or empty; export the passphrase in it first.`, { flag: 'passphrase-env', variable: name });
  }
  return v;
}
