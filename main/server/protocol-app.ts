import { Hono } from 'hono';
import type { Core } from '../core-types.js';
import { serveBundle } from './bundle-files.js';
import type { HttpEnv } from './http-route.js';
import { errorResponse } from './json-response.js';
import { mountHttpRoutes } from './mount-http-routes.js';
import { audioRoute } from './routes/audio-route.js';

const plain = (status: number, text: string) => new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/**
 * The desktop app's app://bundle origin as one fetch handler (Electron's protocol.handle calls it):
 * the same audio route as browser mode, reachable only by its signed URLs (the window talks to the
 * core over IPC, so app:// has no other API), and the built renderer.
 */
export function createProtocolApp(core: Core, rendererDir: string): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  mountHttpRoutes(app, core, [audioRoute], 'signed');
  app.all('/api/*', () => plain(404, 'Not found'));
  app.on(['GET', 'HEAD'], '*', (c) => serveBundle(rendererDir, c.req.raw));
  app.all('*', () => plain(405, 'Method not allowed'));
  app.onError((e) => errorResponse(e));
  return app;
}
