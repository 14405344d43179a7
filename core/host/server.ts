import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CallResult, RowPage, WorkbenchApi } from '../contract/index.js';
import { dispatch } from './dispatch.js';
import { ARROW_METHODS, ARROW_STREAM, rowPageToIPC } from './http/arrowPage.js';
import { type EventPublisher, streamEvents } from './http/sse.js';
import { serveStatic } from './http/static.js';
import { hasToken, newToken, sameOriginLoopback } from './http/token.js';

/** Options of startServer. */
export interface ServerOptions {
  /** The service; when it can publish events (`on`), they are streamed on /api/events. */
  service: WorkbenchApi & Partial<EventPublisher>;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Loopback only: '127.0.0.1' (default) or 'localhost'. */
  host?: string;
  /** Folder of the built renderer (renderer/dist). */
  staticDir: string;
  /** Fixed token (tests); a random one per launch otherwise. */
  token?: string;
  /** Largest accepted request body, in bytes (default 16 MiB). */
  maxBodyBytes?: number;
}

/** A running server: its URL (with the token) and how to stop it. */
export interface RunningServer {
  /** Base URL, e.g. http://127.0.0.1:5173/ */
  origin: string;
  /** URL to open in a browser: origin + `?token=...`. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: string, message: string): void {
  const body: CallResult<never> = { ok: false, error: { code: code as never, message, details: {} } };
  sendJson(res, status, body);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The browser transport of the workbench (`shadowbench serve`): binds a loopback address only,
 * requires the per-launch token on every /api request, dispatches `POST /api/:method` to the
 * service (`POST /api/arrow/:method` answers a RowPage as an Arrow IPC stream), streams events over SSE at `GET /api/events`, and serves the built renderer with a
 * strict CSP.
 */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  const host = opts.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new Error(`startServer binds loopback addresses only, not "${host}".`);
  const token = opts.token ?? newToken();
  const limit = opts.maxBodyBytes ?? 16 * 1024 * 1024;
  const closers = new Set<() => void>();
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    res.setHeader('cross-origin-opener-policy', 'same-origin');
    res.setHeader('cross-origin-resource-policy', 'same-origin');
    if (!sameOriginLoopback(req, port)) return fail(res, 403, 'UNAUTHORIZED', 'Requests must come from this server\'s own page.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
      if (!hasToken(req, url, token)) {
        return fail(res, 401, 'UNAUTHORIZED', 'Missing or wrong token: open the URL `shadowbench serve` printed, with its ?token=.');
      }
      if (url.pathname === '/api/events') {
        if (req.method !== 'GET') return fail(res, 405, 'BAD_ARGUMENT', 'Use GET for /api/events.');
        return streamEvents(res, typeof opts.service.on === 'function' ? (opts.service as EventPublisher) : undefined, (stop) => {
          closers.add(stop);
          res.on('close', () => closers.delete(stop));
        });
      }
      const method = url.pathname.slice('/api/'.length);
      if (req.method !== 'POST') return fail(res, 405, 'BAD_ARGUMENT', `Use POST for /api/${method}.`);
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(type)) return fail(res, 415, 'BAD_ARGUMENT', 'Send the arguments as application/json.');
      const text = await readBody(req, limit);
      if (text === null) return fail(res, 413, 'BAD_ARGUMENT', `Request body over ${limit} bytes.`);
      let args: unknown;
      try {
        args = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return fail(res, 400, 'BAD_ARGUMENT', 'The request body is not valid JSON.');
      }
      if (method.startsWith('arrow/')) {
        // Large tables as Arrow IPC: the same dispatch, the RowPage answer as a stream; errors stay JSON.
        const inner = method.slice('arrow/'.length);
        if (!ARROW_METHODS.has(inner)) return fail(res, 404, 'UNKNOWN_METHOD', `${inner} has no Arrow form; use POST /api/${inner}.`);
        const result = await dispatch(opts.service, inner, args);
        if (!result.ok) return sendJson(res, 200, result);
        const bytes = rowPageToIPC(result.value as RowPage);
        res.writeHead(200, { 'content-type': ARROW_STREAM, 'cache-control': 'no-store', 'content-length': String(bytes.byteLength) });
        res.end(bytes);
        return;
      }
      const result = await dispatch(opts.service, method, args);
      const status = result.ok ? 200 : result.error.code === 'UNKNOWN_METHOD' ? 404 : 200;
      return sendJson(res, status, result);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(res, 405, 'BAD_ARGUMENT', 'Only GET and HEAD are served here.');
    return serveStatic(req, res, opts.staticDir, url.pathname);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) fail(res, 500, 'INTERNAL', `Unexpected server error: ${e instanceof Error ? e.message : String(e)}`);
      else res.destroy();
    });
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolveListen());
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host === '::1' ? '[::1]' : host;
  const origin = `http://${urlHost}:${port}/`;
  return {
    origin,
    url: `${origin}?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((done) => {
        for (const stop of closers) stop();
        closers.clear();
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
