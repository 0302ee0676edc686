import { Hono, type Context } from 'hono';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { secureHeaders } from 'hono/secure-headers';
import type { Core } from '../core-types.js';
import { checkRole } from '../contract/registry.js';
import { mountLoginRoute, mountLogoutRoute } from './auth-routes.js';
import { identify } from './identify.js';
import { mountWorkerRoutes } from './worker-routes.js';
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
  /** Event-stream keep-alive and credential re-check (tests shorten it). */
  eventHeartbeatMs?: number;
}

export interface HttpApp {
  /** The one fetch handler: Node's server adapts to it (@hono/node-server). */
  app: Hono<HttpEnv>;
  /** End this app's open event streams (shutdown). */
  close(): void;
}

/**
 * Browser mode's HTTP surface on Hono: security headers, the Host-header guard, the renderer as
 * static files, and under /api who is calling (identify.ts: launch token, personal token or session
 * cookie), sign-in, then the contract's operations, the routes that do
 * not fit it (uploads, downloads, audio), the OpenAPI document and the event stream. Every answer
 * under /api is the `{ok, value | error}` envelope, 404 and 405 included.
 */
export function createHttpApp(core: Core, opts: HttpAppOptions): HttpApp {
  const routes = opts.routes ?? [];
  const streams = new EventStreams(core, opts.eventHeartbeatMs);
  const { settings } = core.config;
  const users = settings.auth === 'users';
  const secureCookies = !!settings.tlsCert || settings.trustProxy;
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
  // Loopback names, plus the public host name when one is configured (a team server) and the names
  // its own services use on a private network (CCA_INTERNAL_HOSTS, e.g. a compose service name).
  const publicHost = settings.publicUrl ? new URL(settings.publicUrl).host : null;
  const internalHosts = new Set(settings.internalHosts.map((h) => h.toLowerCase()));
  app.use(async (c, next) => {
    const host = c.req.header('host');
    const port = opts.port();
    if (host === `127.0.0.1:${port}` || host === `localhost:${port}` || (publicHost !== null && host === publicHost) || (host !== undefined && internalHosts.has(host.toLowerCase()))) return next();
    return failure('auth', `Requests must be addressed to ${publicHost ?? `127.0.0.1:${port}`} (Host header was "${host ?? ''}").`, 'Open the URL printed on the ready line.', 403);
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
  // No CORS: no Access-Control-* headers are ever sent, so browsers block cross-origin reads and
  // preflights fail. Credentials are still required because non-browser clients ignore CORS.
  if (!users) mountHttpRoutes(api, core, routes, 'signed');
  // Worker services' routes take worker tokens and nothing else (main/server/worker-routes.ts).
  mountWorkerRoutes(api, core);
  const who = identify(core, opts.token);
  api.use('/api/*', who);
  if (users) {
    mountHttpRoutes(api, core, routes, 'signed-and-caller');
    mountLoginRoute(api, core, secureCookies);
  }
  // Past sign-in, nobody anonymous gets further (the registry would refuse them too).
  api.use('/api/*', async (c, next) => (c.get('ctx').role === 'anonymous' ? signInFirst(users) : next()));
  if (users) mountLogoutRoute(api, core, secureCookies);

  api.get('/api/v1/openapi.json', () =>
    new Response((openapi ??= JSON.stringify(buildOpenApi(routes))), { headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
  api.get('/api/v1/events', (c) => {
    const p = c.get('principal');
    return streams.response(c.get('ctx'), c.env.outgoing ? () => c.env.outgoing?.destroy() : undefined, p ? () => core.auth.stillValid(p) : undefined);
  });
  mountHttpRoutes(api, core, routes, 'token');
  mountContractRoutes(api, core);
  api.all('/api/*', (c) => failure('not_found', `No API operation at ${c.req.method} ${c.req.path}.`, 'See GET /api/v1/openapi.json for the list of operations.'));
  api.onError(onError);

  app.route('/', api);
  // Prometheus scrape endpoint, behind the same credentials (scrape config: authorization: {credentials: <token>}).
  const { registry } = core.observability.metrics;
  app.get('/metrics', who, async (c) => {
    if (c.get('ctx').role === 'anonymous') return signInFirst(users);
    const denied = checkRole('GET /metrics', { role: 'reviewer' }, c.get('ctx'));
    if (denied) return errorResponse(denied);
    return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
  });
  app.on(['GET', 'HEAD'], '*', (c) => (opts.staticDir ? serveBundle(opts.staticDir, c.req.raw) : notFound()));
  app.all('*', () => notFound());
  app.onError(onError);
  return { app, close: () => streams.closeAll() };
}

/** Token mode keeps its one message; users mode says what to do in a browser. */
const signInFirst = (users: boolean) => users
  ? failure('auth', 'Sign in first.', 'Sign in, or send "Authorization: Bearer <token>" (a personal token, or the launch token in <dataDir>/api-token).')
  : failure('auth', 'Missing or wrong API token.', 'Send "Authorization: Bearer <token>"; the token is on the ready line and in <dataDir>/api-token.');

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}
