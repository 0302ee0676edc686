import { pipeline } from 'node:stream/promises';
import { toErrorInfo } from '../../errors.js';
import { sendJson } from '../http-app.js';
import { statusForCategory } from '../http-status.js';
import type { RawRoute } from '../raw-route.js';

/**
 * GET /api/v1/recordings/{id}/audio: the recording's audio with HTTP Range support (206 partial
 * content, Accept-Ranges), streamed from the library file so seeking an hour-long call only reads
 * the bytes the player asks for. Reached with the API token, or with a signed URL from
 * `media.audioUrl` (the only route that accepts one; checked here against this exact path).
 */
export const audioRoute: RawRoute = {
  method: 'GET',
  path: '/api/v1/recordings/{id}/audio',
  acceptsSignedUrl: true,
  openapi: {
    tags: ['media'],
    summary: 'The recording\'s audio, with Range support (206). Authorised by the API token or by a signed URL from GET /api/v1/recordings/{id}/audio-url.',
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      { name: 'Range', in: 'header', required: false, schema: { type: 'string', example: 'bytes=0-1023' } },
      { name: 'exp', in: 'query', required: false, schema: { type: 'string' } },
      { name: 'sig', in: 'query', required: false, schema: { type: 'string' } },
    ],
    responses: {
      200: { description: 'The whole file.', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
      206: { description: 'The requested byte range.', content: { 'audio/*': { schema: { type: 'string', format: 'binary' } } } },
      403: { description: 'Signed URL invalid, expired or for another path.' },
      416: { description: 'Range past the end of the file.' },
    },
  },
  async handle(req, res, params, ctx) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.searchParams.has('sig') && !ctx.core.services.audio.verify(url.pathname, url.searchParams.get('exp'), url.searchParams.get('sig'))) {
      return sendJson(res, 403, { ok: false, error: { category: 'auth', message: 'This audio link is invalid or has expired.', hint: 'Reopen the call to get a fresh link.' } });
    }
    let out;
    try {
      out = await ctx.core.services.audio.response(Number(params.id), req.headers.range);
    } catch (e) {
      const info = toErrorInfo(e);
      return sendJson(res, statusForCategory[info.category], { ok: false, error: info });
    }
    res.writeHead(out.status, out.headers);
    if (!out.body) return void res.end();
    // A seeking player aborts requests all the time: a closed socket is normal, not an error.
    await pipeline(out.body, res).catch(() => undefined);
  },
};
