import type { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import type { Daos } from '../../../db/daos.js';
import type { AudioUrl } from '../../../preload/contract/operations/media.js';
import { AppError } from '../../errors.js';
import { audioContentType, audioResponse, type AudioResponse } from './audio-file.js';
import { UrlSigner } from './signed-url.js';

/**
 * How long a player URL works: a leaked link is useless after a few minutes. The page asks for a
 * fresh URL before this runs out (renderer/src/stores/call-store.ts), so long listening still works.
 */
export const AUDIO_URL_TTL_SEC = 10 * 60;
export const audioPath = (id: number) => `/api/v1/recordings/${id}/audio`;
export const workerAudioPath = (id: number) => `/api/v1/worker/audio/${id}`;
/** Long enough to start a download; a worker asks again for a link that expired on the way. */
export const WORKER_AUDIO_TTL_SEC = 5 * 60;

/**
 * A recording's audio for the player: signed, short-lived URLs (one per-launch secret, so the
 * operation signs and main/server/routes/audio-route.ts verifies, for HTTP and Electron's app:// protocol alike), and
 * the bytes with Range support.
 */
export class AudioService {
  private readonly recordings: RecordingsDao;

  constructor(private readonly daos: Pick<Daos, 'recordings'>, readonly urls = new UrlSigner()) {
    this.recordings = daos.recordings;
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

  /**
   * A worker service's link to one recording's audio (the worker audio route, reached with the link
   * alone, for a few minutes): minted only for a worker holding a live token and a step of that
   * recording (main/team/worker-gateway.ts).
   */
  workerUrl(id: number): { url: string; expiresAt: string } {
    return this.urls.sign(workerAudioPath(id), WORKER_AUDIO_TTL_SEC);
  }

  verify(pathname: string, exp: string | null, sig: string | null): boolean {
    return this.urls.verify(pathname, exp, sig);
  }

  response(id: number, range: string | undefined | null, head = false): Promise<AudioResponse> {
    return audioResponse(this.daos, id, range, head);
  }
}
