import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import type { Core } from '../core-types.js';
import { localAdmin, type CallContext } from '../contract/registry.js';
import { AppError } from '../errors.js';
import { serveBundle } from './bundle-files.js';
import { mountContractRoutes } from './contract-routes.js';
import { EventStreams } from './event-stream.js';
import { mountHttpRoutes } from './mount-http-routes.js';
import { errorResponse, failure } from './json-response.js';
import { buildOpenApi } from './openapi.js';
import { timeRequests } from './time-requests.js';
import type { HttpEnv, HttpRoute } from './http-route.js';

export interface HttpAppOptions {
  token: string;
  /** The port actually bound (known after listen), for the Host-header check. */
  port: () => number;
  staticDir: string | null;
  routes?: HttpRoute[];
}

export interface HttpApp {
  /** The one fetch handler: Node's server adapts to it (@hono/node-server). */
  app: Hono<HttpEnv>;
  /** End this app's open event streams (shutdown). */
  close(): void;
}

/**
 * Browser mode's HTTP surface on Hono: security headers, the Host-header guard, the renderer as
 * static files, and under /api the bearer token, then the contract's operations, the routes that do
 * not fit it (uploads, downloads, audio), the OpenAPI document and the event stream. Every answer
 * under /api is the `{ok, value | error}` envelope, 404 and 405 included.
 */
export function createHttpApp(core: Core, opts: HttpAppOptions): HttpApp {
  const routes = opts.routes ?? [];
  const streams = new EventStreams(core);
  const tokenBuf = Buffer.from(opts.token);
  // Built on the first request, not at start-up (~30 ms of schema conversion most launches never need).
  let openapi: string | null = null;

  const onError = (e: Error, c: Context<HttpEnv>) => {
    if (!(e instanceof AppError) || e.category === 'internal') core.logger.error({ err: e, path: c.req.path }, 'request failed');
    return errorResponse(e);
  };

  const app = new Hono<HttpEnv>();
  app.use(secureHeaders({ xFrameOptions: 'DENY', referrerPolicy: 'no-referrer', strictTransportSecurity: false, crossOriginOpenerPolicy: false, crossOriginResourcePolicy: false, originAgentCluster: false, xDownloadOptions: false, xDnsPrefetchControl: false, xPermittedCrossDomainPolicies: false, xXssProtection: false }));
  app.use(timeRequests(core));
  // DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends its own Host header.
  app.use(async (c, next) => {
    const host = c.req.header('host');
    const port = opts.port();
    if (host === `127.0.0.1:${port}` || host === `localhost:${port}`) return next();
    return failure('auth', `Requests must be addressed to 127.0.0.1:${port} (Host header was "${host ?? ''}").`, 'Open the URL printed on the ready line.', 403);
  });

  // The API as its own app, so 405 is worked out from API routes only (not the static catch-all).
  const api = new Hono<HttpEnv>();
  api.use('/api/*', methodNotAllowed({
    app: api,
    onMethodNotAllowed: (c, methods) => {
      const res = failure('invalid_input', `${c.req.method} is not allowed on ${c.req.path}.`, 'See GET /api/v1/openapi.json for the methods of this path.', 405);
      res.headers.set('Allow', methods.join(', '));
      return res;
    },
  }));
  mountHttpRoutes(api, core, routes, 'signed');
  // No CORS: no Access-Control-* headers are ever sent, so browsers block cross-origin reads and
  // preflights fail. The token is still required because non-browser clients ignore CORS.
  const requireToken: MiddlewareHandler<HttpEnv> = async (c, next) => {
    if (!tokenOk(c.req.header('authorization'), tokenBuf)) {
      return failure('auth', 'Missing or wrong API token.', 'Send "Authorization: Bearer <token>"; the token is on the ready line and in <dataDir>/api-token.');
    }
    c.set('ctx', { ...localAdmin, transport: 'http', requestId: randomUUID() } satisfies CallContext);
    return next();
  };
  api.use('/api/*', requireToken);

  api.get('/api/v1/openapi.json', () =>
    new Response((openapi ??= JSON.stringify(buildOpenApi(routes))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
  api.get('/api/v1/events', (c) => streams.response(c.env.outgoing ? () => c.env.outgoing?.destroy() : undefined));
  mountHttpRoutes(api, core, routes, 'token');
  mountContractRoutes(api, core);
  api.all('/api/*', (c) => failure('not_found', `No API operation at ${c.req.method} ${c.req.path}.`, 'See GET /api/v1/openapi.json for the list of operations.'));
  api.onError(onError);

  app.route('/', api);
  // Prometheus scrape endpoint, behind the same token (scrape config: authorization: {credentials: <token>}).
  const { registry } = core.observability.metrics;
  app.get('/metrics', requireToken, async () => new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } }));
  app.on(['GET', 'HEAD'], '*', (c) => (opts.staticDir ? serveBundle(opts.staticDir, c.req.raw) : notFound()));
  app.all('*', () => notFound());
  app.onError(onError);
  return { app, close: () => streams.closeAll() };
}

function tokenOk(header: string | undefined, expected: Buffer): boolean {
  const m = /^Bearer (.+)$/.exec(header ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
