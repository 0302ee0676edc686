import { Readable } from 'node:stream';
import { z } from 'zod';
import { defineRoute } from '../http-route.js';
import { failure } from '../json-response.js';

const AudioQuery = z.object({
  exp: z.string().max(20).optional().meta({ description: 'Signed URL: expiry (Unix seconds), from GET /api/v1/recordings/{id}/audio-url.', example: '1767225600' }),
  sig: z.string().max(200).optional().meta({ description: 'Signed URL: signature over the path and expiry; with it, no token is needed.', example: 'k3J9…' }),
});

/**
 * GET /api/v1/recordings/{id}/audio: the recording's audio with HTTP Range support (206 partial
 * content, Accept-Ranges), streamed from the library file so seeking an hour-long call only reads
 * the bytes the player asks for. Reached with the API token, or with a signed URL from
 * `media.audioUrl` (checked here against this exact path). The same route answers the desktop
 * app's app:// protocol (protocol-app.ts), where only signed URLs exist.
 */
export const audioRoute = defineRoute({
  method: 'GET',
  role: 'agent',
  blind: 'safe',
  scope: 'recording',
  path: '/api/v1/recordings/{id}/audio',
  acceptsSignedUrl: true,
  query: AudioQuery,
  headers: [{ name: 'Range', description: 'A byte range; answered with 206.', example: 'bytes=0-1023' }],
  openapi: {
    operationId: 'media.audio',
    tags: ['media'],
    summary: 'The recording\'s audio, with Range support (206). Authorised by the API token or by a signed URL from GET /api/v1/recordings/{id}/audio-url.',
    responses: {
      200: { description: 'The whole file.', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
      206: { description: 'The requested byte range.', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
      403: { description: 'Signed URL invalid, expired or for another path.' },
      416: { description: 'Range past the end of the file.' },
    },
  },
  async handle(c, { id, query }, ctx) {
    const audio = ctx.core.services.audio;
    if (query.sig !== undefined && !audio.verify(new URL(c.req.url).pathname, query.exp ?? null, query.sig)) {
      return failure('auth', 'This audio link is invalid or has expired.', 'Reopen the call to get a fresh link.', 403);
    }
    // Hono answers HEAD through the GET route; the raw request still says HEAD (no file opened).
    const out = await audio.response(id!, c.req.header('range'), c.req.raw.method === 'HEAD');
    // Readable.toWeb pauses the file stream while the socket is full: a seeking player aborts often,
    // and a cancelled body closes the file.
    return new Response(out.body ? (Readable.toWeb(out.body) as ReadableStream<Uint8Array>) : null, { status: out.status, headers: out.headers });
  },
});
