// Main process. Serves the built renderer (dist/renderer) on app://bundle/ so the page has a real,
// stable origin: CSP 'self', fetch, ES modules and localStorage behave as on http, without file://
// (which would let the page read any file) and without a localhost port.
import { protocol, type Session } from 'electron';
import { serveBundle, resolveBundleFile } from '../server/bundle-files.js';
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

/** A request URL → a file of the bundle under `root`, or null if it is not ours or would escape `root`. */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  return isAppUrl(requestUrl) ? resolveBundleFile(root, new URL(requestUrl).pathname) : null;
}

/** Answer one app:// request from files under `root` (nothing for another host of the scheme). */
export async function serveAppRequest(root: string, request: Request): Promise<Response> {
  if (!isAppUrl(request.url)) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'content-security-policy': rendererCsp } });
  return serveBundle(root, request);
}

/**
 * After 'ready': answer app:// in this session. `fetch` is the core's protocol app (the signed audio
 * route and the bundle: main/server/protocol-app.ts); without it, the bundle alone.
 */
export function installAppProtocol(ses: Session, rendererDir: string, fetch?: (request: Request) => Response | Promise<Response>): void {
  ses.protocol.handle(APP_SCHEME, async (request) => (fetch && isAppUrl(request.url) ? fetch(request) : serveAppRequest(rendererDir, request)));
}
