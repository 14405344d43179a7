import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Content types of the files a Vite build emits. */
export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** The Content-Security-Policy of every page the server sends: same-origin only, no inline scripts, no eval. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' about:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Maps a URL path to a file inside `root`, or null when it would leave it (`..`, encoded
 * separators, NUL bytes, absolute paths). `/` maps to index.html.
 */
export function safeStaticPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = decoded.replace(/^\/+/, '') || 'index.html';
  if (rel.split('/').some((seg) => seg === '..')) return null;
  const base = resolve(root);
  const full = resolve(join(base, rel));
  const r = relative(base, full);
  if (r === '' || r.startsWith('..' + sep) || r === '..' || isAbsolute(r)) return null;
  return full;
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Shadowbench</title>
<p style="font:14px system-ui;margin:2em">The workbench UI is not built yet. Run <code>npm run build:renderer</code>, then reload this page.</p>`;

/** Serves one GET/HEAD request for a static file of the built renderer. */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, urlPath: string): Promise<void> {
  const file = safeStaticPath(root, urlPath);
  if (!file) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error('not a file');
    size = st.size;
  } catch {
    if (urlPath === '/' || urlPath === '/index.html') {
      res.writeHead(200, { 'content-type': CONTENT_TYPES['.html'], 'content-security-policy': CSP }).end(NOT_BUILT);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const isHtml = type.startsWith('text/html');
  res.writeHead(200, {
    'content-type': type,
    'content-length': String(size),
    'cache-control': isHtml ? 'no-store' : 'public, max-age=3600',
    ...(isHtml ? { 'content-security-policy': CSP } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).on('error', () => res.destroy()).pipe(res);
}
