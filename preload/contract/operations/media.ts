import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineOperation } from '../define.js';

export const AudioUrl = z.object({
  /** Relative URL with `exp` and `sig`; works for this one recording until `expiresAt`, this launch only. */
  url: z.string(),
  expiresAt: z.string(),
  contentType: z.string(),
  durationSec: z.number().nonnegative(),
});
export type AudioUrl = z.infer<typeof AudioUrl>;

export const mediaOperations = {
  'media.audioUrl': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/audio-url', tag: 'media', role: 'agent', blind: 'safe', scope: 'recording',
    summary: 'A short-lived signed URL for the recording\'s audio, for players that cannot send the API token (an <audio> element). GET /api/v1/recordings/{id}/audio serves it with Range support.',
    input: z.object({ id: PathId }),
    output: AudioUrl,
    example: { input: { id: 12 }, output: { url: '/api/v1/recordings/12/audio?exp=1714734000&sig=Vb2…', expiresAt: '2024-05-03T11:00:00.000Z', contentType: 'audio/wav', durationSec: 32.7 } },
  }),
};
