import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { rendererCsp } from './csp.js';

/**
 * The built renderer (dist/renderer) as web Responses: the one static-file server of both
 * transports — browser mode's HTTP server and the desktop app's app:// protocol. Every response
 * carries the renderer CSP; a path without an extension is a client-side route of the single-page
 * app and gets the shell; ETags let a reload revalidate instead of downloading the bundle again.
 */

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

/**
 * A URL path → a file under `root`, or null if it would escape `root`. Percent-decoding happens
 * before the check, so `%2e%2e%2f` cannot climb out either.
 */
export function resolveBundleFile(root: string, pathname: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null; // malformed escapes
  }
  if (rel.includes('\0')) return null;
  if (rel === '' || rel === '/') rel = '/index.html';
  const base = resolve(root);
  const file = resolve(base, `.${rel}`);
  return file.startsWith(base + sep) ? file : null;
}

async function read(file: string): Promise<{ body: Buffer; etag: string } | null> {
  try {
    const [body, info] = await Promise.all([readFile(file), stat(file)]);
    return { body, etag: `W/"${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}"` };
  } catch {
    return null;
  }
}

/** Answer one GET/HEAD for the bundle. */
export async function serveBundle(root: string, request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  const file = resolveBundleFile(root, new URL(request.url).pathname);
  if (!file) return plain(404, 'Not found');
  let served = file;
  let found = await read(file);
  if (!found && !extname(file)) {
    served = join(resolve(root), 'index.html');
    found = await read(served);
  }
  if (!found) return plain(404, 'Not found');
  const headers = { ...securityHeaders, 'content-type': mimeTypes[extname(served).toLowerCase()] ?? 'application/octet-stream', etag: found.etag };
  if (request.headers.get('if-none-match') === found.etag) return new Response(null, { status: 304, headers });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(found.body), { status: 200, headers });
}
