import { Readable } from 'node:stream';
import type { Core } from '../../core.js';
import { toErrorInfo } from '../../errors.js';
import { audioResponse } from './audio-file.js';
import { audioIdFromPath, signerFor } from './handlers.js';

/**
 * The audio route for the desktop app: Electron's app:// protocol handler hands web Requests here
 * (main/electron/app-protocol.ts). Same rules as the HTTP route: only a valid signed URL for this
 * exact path, Range → 206. Returns null for any other path so the protocol serves the bundle.
 */
export async function serveSignedAudio(core: Core, request: Request): Promise<Response | null> {
  const url = new URL(request.url);
  const id = audioIdFromPath(url.pathname);
  if (id === null) return null;
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
  if (!signerFor(core).verify(url.pathname, url.searchParams.get('exp'), url.searchParams.get('sig'))) {
    return new Response('This audio link is invalid or has expired.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
  try {
    const out = await audioResponse(core.db, id, request.headers.get('range'), request.method === 'HEAD');
    const body = out.body ? (Readable.toWeb(out.body) as ReadableStream<Uint8Array>) : null;
    return new Response(body, { status: out.status, headers: out.headers });
  } catch (e) {
    const info = toErrorInfo(e);
    return new Response(info.message, { status: info.category === 'not_found' ? 404 : 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }
}
