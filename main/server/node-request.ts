import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { AppError } from '../errors.js';
import type { HttpEnv } from './http-route.js';

/**
 * The Node request under a Hono context. Multipart uploads read it directly: busboy streams parts
 * to disk with Node's backpressure and sees a client that goes away mid-body ('close' before
 * 'end'), which a web ReadableStream of the body would hide.
 */
export function nodeRequest(c: Context<HttpEnv>): IncomingMessage {
  const req = c.env.incoming;
  if (!req) throw new AppError('internal', 'Uploads are served by the Node HTTP server only.', 'Upload in browser mode (npm run serve), or import local files in the desktop app.');
  return req;
}
