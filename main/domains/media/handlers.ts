import type { HandlerMap } from '../../contract/registry.js';
import type { Core } from '../../core.js';
import { AppError } from '../../errors.js';
import { RecordingsDao } from '../../../db/dao/recordings-dao.js';
import { audioContentType } from './audio-file.js';
import { UrlSigner } from './signed-url.js';

/**
 * How long a player URL works: a leaked link is useless after a few minutes. The page asks for a
 * fresh URL before this runs out (renderer/src/stores/call-store.ts), so long listening still works.
 */
export const AUDIO_URL_TTL_SEC = 10 * 60;
export const audioPath = (id: number) => `/api/v1/recordings/${id}/audio`;

/** One signer (one per-launch secret) per core: the operation signs, the route and app protocol verify. */
const signers = new WeakMap<Core, UrlSigner>();
export function signerFor(core: Core): UrlSigner {
  let s = signers.get(core);
  if (!s) signers.set(core, (s = new UrlSigner()));
  return s;
}

/** `/api/v1/recordings/12/audio` → 12, for whichever transport received the request. */
export function audioIdFromPath(pathname: string): number | null {
  const m = /^\/api\/v1\/recordings\/(\d{1,12})\/audio$/.exec(pathname);
  return m ? Number(m[1]) : null;
}

export function mediaHandlers(core: Core): Pick<HandlerMap, 'media.audioUrl'> {
  const recordings = new RecordingsDao(core.db);
  return {
    // A relative URL: in browser mode it resolves against http://127.0.0.1:<port>, in Electron against
    // app://bundle, whose protocol handler serves the same signed path (main/electron/app-protocol.ts).
    'media.audioUrl': ({ id }) => {
      const rec = recordings.get(id);
      if (!rec) throw new AppError('not_found', `There is no recording #${id}.`, 'It may have been deleted.');
      const signed = signerFor(core).sign(audioPath(id), AUDIO_URL_TTL_SEC);
      return { ...signed, contentType: audioContentType(rec.container), durationSec: rec.durationSec };
    },
  };
}
