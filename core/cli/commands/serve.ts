import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../contract/index.js';
import { startServer } from '../../host/server.js';
import { rendererDist } from '../../host/serverRoot.js';
import { createWorkbenchService } from '../../host/service.js';
import { type CliCommand, flagList, flagString } from '../command.js';

/** `shadowbench serve`: the workbench UI in a browser, on 127.0.0.1 with a per-launch token. */
export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Open the workbench UI in a browser (127.0.0.1 only, with a per-launch token).',
  description:
    'Serves the workbench on http://127.0.0.1 and prints the URL to open, with its token; other local pages cannot drive it without the token. ' +
    'The UI may read files only under the --root folders (the current folder by default). Runs until Ctrl-C.',
  flags: [
    { name: 'port', type: 'string', value: 'N', description: 'Port to listen on; 0 picks a free one.', default: '0' },
    { name: 'workspace', type: 'string', value: 'FILE', description: 'Workspace file to open (created if missing).' },
    { name: 'root', type: 'string', value: 'DIR', multiple: true, description: 'Folder the UI may read and write files under (default: the current folder).' },
  ],
  examples: ['shadowbench serve --workspace hmda.sbw', 'shadowbench serve --port 8765 --root ~/validation'],
  async run(flags, _positionals, io) {
    const portText = flagString(flags, 'port') ?? '0';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw new WorkbenchError('BAD_ARGUMENT', `--port must be a whole number from 0 to 65535, not "${portText}".`, { flag: 'port' });
    }
    const roots = flagList(flags, 'root').map((r) => resolve(io.cwd, r));
    const allowedRoots = roots.length ? roots : [io.cwd];
    const ws = flagString(flags, 'workspace');
    const staticDir = rendererDist();
    if (!existsSync(join(staticDir, 'index.html'))) {
      io.stderr(`shadowbench: the UI is not built (${staticDir} is missing). Run \`npm run build:renderer\`; the API still works.\n`);
    }
    const service = await createWorkbenchService({ ...(ws ? { workspacePath: resolve(io.cwd, ws) } : {}), allowedRoots, transport: 'http' });
    let server;
    try {
      server = await startServer({ service, port, host: '127.0.0.1', staticDir });
    } catch (e) {
      await service.close();
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE') throw new WorkbenchError('UNAVAILABLE', `Port ${port} is in use. Choose another with --port, or --port 0 for a free one.`, { port });
      throw e;
    }
    io.stdout(`Shadowbench workbench: ${server.url}\n`);
    io.stdout(`Open that URL (it carries this launch's token). Files are readable under: ${allowedRoots.join(', ')}\nPress Ctrl-C to stop.\n`);
    await new Promise<void>((done) => {
      if (io.signal.aborted) return done();
      io.signal.addEventListener('abort', () => done(), { once: true });
    });
    await server.close();
    await service.close();
    io.stdout('Stopped.\n');
    return 0;
  },
};
