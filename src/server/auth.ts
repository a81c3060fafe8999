// The door: token, Host (DNS rebinding) and Origin checks shared by REST and the WebSocket upgrade.
// Pure checks over header values plus the Express middleware; knows nothing of batches or routes.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestHandler } from 'express';
import type { Problem } from '../protocol/index';
import { problem, sendProblem } from './http-errors';

/** 32 random bytes, URL-safe, so it fits a URL fragment and a query string unescaped. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time: both sides are hashed first so even their lengths do not leak through timing. */
export function isSameToken(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const loopbackNames = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * A `Host` header we answer: a loopback name with exactly our port. Anything else may be a page on
 * another site whose DNS name was rebound to 127.0.0.1, so it is refused even with a valid token.
 */
export function isLoopbackHost(host: string | undefined, port: number): boolean {
  if (host === undefined) { return false; }
  const match = /^(\[[^\]]+\]|[^:]+):(\d+)$/.exec(host.trim().toLowerCase());
  return match !== null && loopbackNames.has(match[1]) && Number(match[2]) === port;
}

/** The origins the dashboard may run in: our own page (any loopback name) or a VS Code webview. */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) { return true; }   // not a browser: the token alone decides
  if (/^vscode-webview:\/\/[a-z0-9-]+$/i.test(origin)) { return true; }
  const match = /^http:\/\/(.+)$/i.exec(origin);
  return match !== null && isLoopbackHost(match[1], port);
}

export function isWebviewOrigin(origin: string | undefined): boolean {
  return origin !== undefined && /^vscode-webview:\/\/[a-z0-9-]+$/i.test(origin);
}

/** The token from `Authorization: Bearer …`, else from `?token=` when the caller allows it (WebSocket only). */
export function tokenOf(headers: IncomingHttpHeaders, query: URLSearchParams | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (match) { return match[1]; }
  return query?.get('token') ?? undefined;
}

export interface DoorState {
  readonly token: string;
  port(): number;
  /** `host[:port]` names (lower case) through which a VS Code port forward reaches us (remote windows,
   *  code-server's /proxy/<port>/): accepted as Host and as an http(s) Origin. Added after api.md #5. */
  forwardedHosts?(): ReadonlySet<string>;
}

function isForwarded(host: string | undefined, door: DoorState): boolean {
  return host !== undefined && (door.forwardedHosts?.().has(host.trim().toLowerCase()) ?? false);
}

/** Host and Origin, checked before anything else (also for the dashboard page, which needs no token). */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, door: DoorState): Problem | undefined {
  if (!isLoopbackHost(headers.host, door.port()) && !isForwarded(headers.host, door)) {
    return problem('request/forbidden', 'Host not allowed: use 127.0.0.1 or localhost with the server\'s port', { header: 'host' });
  }
  if (!isAllowedOrigin(headers.origin, door.port()) && !isForwarded(/^https?:\/\/(.+)$/i.exec(headers.origin ?? '')?.[1], door)) {
    return problem('request/forbidden', 'Origin not allowed: only the dashboard itself and VS Code webviews may call this server', { header: 'origin' });
  }
  return undefined;
}

export function checkToken(given: string | undefined, door: DoorState): Problem | undefined {
  if (given === undefined) { return problem('auth/denied', 'Missing token: send "Authorization: Bearer <token>" (see server.json)'); }
  if (!isSameToken(given, door.token)) { return problem('auth/denied', 'Wrong token'); }
  return undefined;
}

/** Host/Origin for every request; CORS for VS Code webviews, which call us from their own origin. */
export function hostGuard(door: DoorState): RequestHandler {
  return (req, res, next) => {
    const refused = checkHostAndOrigin(req.headers, door);
    if (refused) { sendProblem(res, refused); return; }
    const origin = req.headers.origin;
    if (isWebviewOrigin(origin)) {
      res.setHeader('Access-Control-Allow-Origin', origin!);
      res.setHeader('Vary', 'Origin');
      if (req.method === 'OPTIONS') {
        // A preflight never carries the token; it only learns which headers the real request may send.
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
        res.setHeader('Access-Control-Allow-Headers', 'Authorization, Content-Type');
        res.setHeader('Access-Control-Max-Age', '600');
        res.status(204).end();
        return;
      }
    }
    next();
  };
}

/** The token for every API request (header only: a token in a REST URL would end up in logs). */
export function tokenGuard(door: DoorState): RequestHandler {
  return (req, res, next) => {
    const refused = checkToken(tokenOf(req.headers, undefined), door);
    if (refused) { sendProblem(res, refused); return; }
    next();
  };
}
