import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header that carries the per-launch token. */
export const TOKEN_HEADER = 'x-shadowbench-token';

/** A fresh random token, URL-safe, 192 bits. */
export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

/** True when the request carries `token` in the header or in `?token=`; compared in constant time. */
export function hasToken(req: IncomingMessage, url: URL, token: string): boolean {
  const header = req.headers[TOKEN_HEADER];
  const given = (Array.isArray(header) ? header[0] : header) ?? url.searchParams.get('token') ?? '';
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Defends against DNS rebinding and cross-site requests: the Host header must name a loopback
 * address, and an Origin header, when sent, must be this server's own origin.
 */
export function sameOriginLoopback(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`];
  if (!allowedHosts.includes(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  return allowedHosts.some((h) => origin.toLowerCase() === `http://${h}`);
}
