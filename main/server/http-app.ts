import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import type { Result } from '../../preload/contract/index.js';
import type { Core } from '../core-types.js';
import { localAdmin, type CallContext } from '../contract/registry.js';
import { AppError } from '../errors.js';
import { jsonTooDeepAt } from '../util/json-depth.js';
import { rendererCsp } from './csp.js';
import { statusForCategory } from './http-status.js';
import { buildOpenApi } from './openapi.js';
import type { RawRoute } from './raw-route.js';
import { compileRoutes, decodePathParam, matchRoute, parsePathId, pathPattern } from './routes.js';
import { openEventStream } from './sse.js';

export interface HttpAppOptions {
  token: string;
  /** The port actually bound (known after listen), for the Host-header check. */
  port: () => number;
  staticDir: string | null;
  rawRoutes?: RawRoute[];
}

/** Per-route body limit for JSON operations (multipart routes set their own; README "Limits"). */
const MAX_JSON_BODY = 1024 * 1024;
/** Operation inputs nest a few levels; validation and logging recurse, so deeper bodies are refused unparsed. */
const MAX_JSON_DEPTH = 32;

export function createHttpApp(core: Core, opts: HttpAppOptions) {
  const routes = compileRoutes();
  const raw = (opts.rawRoutes ?? []).map((r) => ({ ...r, ...pathPattern(r.path) }));
  // Built on the first request, not at start-up (~30 ms of schema conversion most launches never need).
  let openapi: string | null = null;
  const openapiJson = () =>
    (openapi ??= JSON.stringify(
      buildOpenApi(Object.fromEntries((opts.rawRoutes ?? []).map((r) => [r.path, { [r.method.toLowerCase()]: r.openapi }]))),
    ));
  const tokenBuf = Buffer.from(opts.token);
  const statics = opts.staticDir
    ? sirv(opts.staticDir, {
        single: true,
        dev: false,
        etag: true,
        setHeaders: (res) => res.setHeader('Content-Security-Policy', rendererCsp),
      })
    : null;

  const hostAllowed = (host: string | undefined) => {
    const port = opts.port();
    return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  };
  const tokenOk = (req: IncomingMessage) => {
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (!m) return false;
    const given = Buffer.from(m[1]!);
    return given.length === tokenBuf.length && timingSafeEqual(given, tokenBuf);
  };

  async function runRaw(r: (typeof raw)[number], req: IncomingMessage, res: ServerResponse, url: URL, ctx: CallContext): Promise<void> {
    const m = r.pattern.exec(url.pathname)!;
    try {
      // Raw routes' {id} is always a recording id: checked here once, by the same schema as the contract's.
      const params = Object.fromEntries(r.params.map((name, i) => [name, decodePathParam(name, m[i + 1]!)]));
      if (params.id !== undefined) params.id = String(parsePathId(params.id, 'id'));
      return await r.handle(req, res, params, { ...ctx, core });
    } catch (e) {
      if (e instanceof AppError && !res.headersSent) return sendJson(res, statusForCategory[e.category], { ok: false, error: e.toInfo() });
      core.logger.error({ err: e, path: url.pathname }, 'raw route failed');
      if (!res.headersSent) return sendJson(res, 500, fail('internal', 'Something went wrong inside the app.', 'Try again; if it keeps happening send the log file to support.'));
      return void res.destroy();
    }
  }

  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    // DNS-rebinding guard: a page on evil.example resolving to 127.0.0.1 sends its own Host header.
    if (!hostAllowed(req.headers.host)) {
      return sendJson(res, 403, fail('auth', `Requests must be addressed to 127.0.0.1:${opts.port()} (Host header was "${req.headers.host ?? ''}").`, 'Open the URL printed on the ready line.'));
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (!url.pathname.startsWith('/api/')) {
      if (statics && (req.method === 'GET' || req.method === 'HEAD')) return statics(req, res, () => notFound(res));
      return notFound(res);
    }
    // A signed URL (the audio player's: an <audio> element cannot send the token) goes only to the
    // one route that accepts them, which verifies the signature itself; everything else needs the token.
    const signed = url.searchParams.has('sig') ? raw.find((r) => r.acceptsSignedUrl && r.method === req.method && r.pattern.test(url.pathname)) : undefined;
    if (signed) return runRaw(signed, req, res, url, { role: 'viewer', actor: 'signed-url', transport: 'http', requestId: randomUUID() });
    // No CORS: no Access-Control-* headers are ever sent, so browsers block cross-origin reads and
    // preflights fail. The token is still required because non-browser clients ignore CORS.
    if (!tokenOk(req)) {
      return sendJson(res, 401, fail('auth', 'Missing or wrong API token.', 'Send "Authorization: Bearer <token>"; the token is on the ready line and in <dataDir>/api-token.'));
    }
    const ctx: CallContext = { ...localAdmin, transport: 'http', requestId: randomUUID() };

    if (req.method === 'GET' && url.pathname === '/api/v1/openapi.json') {
      res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
      return void res.end(openapiJson());
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/events') return openEventStream(core, req, res);

    const rawRoute = raw.find((r) => r.method === req.method && r.pattern.test(url.pathname));
    if (rawRoute) return runRaw(rawRoute, req, res, url, ctx);

    let match: ReturnType<typeof matchRoute>;
    try {
      match = matchRoute(routes, req.method ?? 'GET', url.pathname);
    } catch (e) {
      const err = e instanceof AppError ? e : new AppError('invalid_input', 'The request path is malformed.', 'Percent-encode path segments.');
      return sendJson(res, statusForCategory[err.category], { ok: false, error: err.toInfo() });
    }
    if (!match) return sendJson(res, 404, fail('not_found', `No API operation at ${req.method} ${url.pathname}.`, 'See GET /api/v1/openapi.json for the list of operations.'));
    if ('methodNotAllowed' in match) return sendJson(res, 405, fail('invalid_input', `${req.method} is not allowed on ${url.pathname}.`, 'See GET /api/v1/openapi.json for the methods of this path.'));

    let input: Record<string, unknown> = {};
    if (req.method === 'GET' || req.method === 'DELETE') {
      input = queryToObject(url.searchParams);
    } else {
      try {
        input = await readJsonBody(req);
      } catch (e) {
        const err = e instanceof AppError ? e : new AppError('invalid_input', 'The request body is not valid JSON.', 'Send a JSON object with Content-Type: application/json.');
        return sendJson(res, statusForCategory[err.category], { ok: false, error: err.toInfo() });
      }
    }
    const result = await core.registry.invoke(match.route.name, { ...input, ...match.params }, ctx);
    return sendJson(res, result.ok ? 200 : statusForCategory[result.error.category], result);
  };
}

/** Repeated keys become arrays; numbers stay text (schemas coerce where a number is expected). */
function queryToObject(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length > 1 ? all : all[0];
  }
  return out;
}

async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  // Refused before reading when the client declares it; counted while reading otherwise.
  if (Number(req.headers['content-length'] ?? 0) > MAX_JSON_BODY) throw new AppError('invalid_input', 'The request body is larger than 1 MB.', 'Send smaller requests; upload files with multipart endpoints.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new AppError('invalid_input', 'The request body is larger than 1 MB.', 'Send smaller requests; upload files with multipart endpoints.');
    chunks.push(chunk as Buffer);
  }
  if (!size) return {};
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonTooDeepAt(text, MAX_JSON_DEPTH) !== null) throw new AppError('invalid_input', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, 'Send the fields the operation documents (GET /api/v1/openapi.json); none nests that deep.');
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError('invalid_input', 'The request body must be a JSON object.', 'Wrap the fields in an object: {"field": value}.');
  return parsed as Record<string, unknown>;
}

function fail(category: AppError['category'], message: string, hint: string): Result<never> {
  return { ok: false, error: { category, message, hint } };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end('Not found');
}
