// Main process. Serves the built renderer (dist/renderer) on app://bundle/ so the page has a real,
// stable origin: CSP 'self', fetch, ES modules and localStorage behave as on http, without file://
// (which would let the page read any file) and without a localhost port.
import { readFile } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { protocol, type Session } from 'electron';
import { rendererCsp } from '../server/csp.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

/** Is this URL a page or asset of our bundle (and nothing else, e.g. not app://other-host)? */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Must run before app 'ready': a standard + secure scheme gets an origin, counts as a secure
 * context and may use fetch; Chromium only accepts this registration at startup.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, stream: true, codeCache: true },
    },
  ]);
}

/**
 * Map a request URL to a file under `root`, or null if it is not ours or would escape `root`.
 * Percent-decoding happens before the check, so `%2e%2e%2f` cannot climb out either.
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null; // malformed escapes
  }
  if (rel.includes('\0')) return null;
  if (rel === '' || rel === '/') rel = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${rel}`);
  return file.startsWith(base + sep) ? file : null;
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

const securityHeaders = {
  'content-security-policy': rendererCsp,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders, 'content-type': 'text/plain; charset=utf-8' } });
}

/** Answer one app:// request from files under `root`. Every response carries the renderer CSP. */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveAppFile(root, request.url);
  if (!file) return plain(404, 'Not found');
  let body: Buffer;
  let served = file;
  try {
    body = await readFile(file);
  } catch {
    // A path without an extension is a client-side route of the single-page app: serve the shell.
    if (extname(file)) return plain(404, 'Not found');
    served = join(resolve(root), 'index.html');
    try {
      body = await readFile(served);
    } catch {
      return plain(404, 'Not found');
    }
  }
  const type = mimeTypes[extname(served).toLowerCase()] ?? 'application/octet-stream';
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...securityHeaders, 'content-type': type },
  });
}

/**
 * After 'ready': answer app:// in this session from the built renderer folder. `media` answers the
 * signed audio URLs of the player first (null = not a media path); see AudioService.serveSignedRequest (main/domains/media/audio-service.ts).
 */
export function installAppProtocol(ses: Session, rendererDir: string, media?: (request: Request) => Promise<Response | null>): void {
  ses.protocol.handle(APP_SCHEME, async (request) => (media ? await media(request) : null) ?? serveAppRequest(rendererDir, request));
}
