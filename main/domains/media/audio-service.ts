import { Readable } from 'node:stream';
import { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import type { AppDatabase } from '../../../db/open.js';
import type { AudioUrl } from '../../../preload/contract/operations/media.js';
import { AppError, toErrorInfo } from '../../errors.js';
import { audioContentType, audioResponse, type AudioResponse } from './audio-file.js';
import { UrlSigner } from './signed-url.js';

/**
 * How long a player URL works: a leaked link is useless after a few minutes. The page asks for a
 * fresh URL before this runs out (renderer/src/stores/call-store.ts), so long listening still works.
 */
export const AUDIO_URL_TTL_SEC = 10 * 60;
export const audioPath = (id: number) => `/api/v1/recordings/${id}/audio`;

/** `/api/v1/recordings/12/audio` → 12, for whichever transport received the request. */
export function audioIdFromPath(pathname: string): number | null {
  const m = /^\/api\/v1\/recordings\/(\d{1,12})\/audio$/.exec(pathname);
  return m ? Number(m[1]) : null;
}

/**
 * A recording's audio for the player: signed, short-lived URLs (one per-launch secret, so the
 * operation signs and both transports verify: the HTTP route and Electron's app:// protocol), and
 * the bytes with Range support.
 */
export class AudioService {
  private readonly recordings: RecordingsDao;

  constructor(private readonly db: AppDatabase, readonly urls = new UrlSigner()) {
    this.recordings = new RecordingsDao(db);
  }

  /**
   * A relative URL: in browser mode it resolves against http://127.0.0.1:<port>, in Electron against
   * app://bundle, whose protocol handler serves the same signed path (main/electron/app-protocol.ts).
   */
  signedUrl(id: number): AudioUrl {
    const rec = this.recordings.get(id);
    if (!rec) throw new AppError('not_found', `There is no recording #${id}.`, 'It may have been deleted.');
    const signed = this.urls.sign(audioPath(id), AUDIO_URL_TTL_SEC);
    return { ...signed, contentType: audioContentType(rec.container), durationSec: rec.durationSec };
  }

  verify(pathname: string, exp: string | null, sig: string | null): boolean {
    return this.urls.verify(pathname, exp, sig);
  }

  response(id: number, range: string | undefined | null, head = false): Promise<AudioResponse> {
    return audioResponse(this.db, id, range, head);
  }

  /**
   * The desktop app's audio route: Electron's app:// protocol handler hands web Requests here. Same
   * rules as the HTTP route: only a valid signed URL for this exact path, Range → 206. Null for any
   * other path, so the protocol serves the bundle.
   */
  async serveSignedRequest(request: Request): Promise<Response | null> {
    const url = new URL(request.url);
    const id = audioIdFromPath(url.pathname);
    if (id === null) return null;
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    if (!this.verify(url.pathname, url.searchParams.get('exp'), url.searchParams.get('sig'))) {
      return new Response('This audio link is invalid or has expired.', { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
    try {
      const out = await this.response(id, request.headers.get('range'), request.method === 'HEAD');
      const body = out.body ? (Readable.toWeb(out.body) as ReadableStream<Uint8Array>) : null;
      return new Response(body, { status: out.status, headers: out.headers });
    } catch (e) {
      const info = toErrorInfo(e);
      return new Response(info.message, { status: info.category === 'not_found' ? 404 : 500, headers: { 'content-type': 'text/plain; charset=utf-8' } });
    }
  }
}
