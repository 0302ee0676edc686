import type { Context, Hono, Next } from 'hono';
import { blindFor, filtersExcept } from '../contract/blindness.js';
import { blindCallsOf, checkRole, filtersByAgent, scopeForAgent, type CallContext } from '../contract/registry.js';
import type { Core } from '../core-types.js';
import { AppError } from '../errors.js';
import { queryToObject } from '../util/query-object.js';
import { routerPath } from '../util/router-path.js';
import type { HttpEnv, HttpRoute } from './http-route.js';
import { parsePathId, pathParams } from './path-params.js';

/** Who a signed URL speaks for in token mode: the signature (over the path and expiry) is the permission. */
const signedUrlCaller = { role: 'reviewer', actor: 'signed-url', userId: null, agentName: null, transport: 'http' } as const;

/** Runs one route: strict path params, `{id}` by the contract's PathId, the query by the route's own schema. */
async function run(route: HttpRoute, c: Context<HttpEnv>, core: Core, ctx: CallContext): Promise<Response> {
  const url = new URL(c.req.url);
  const params = pathParams(route.path, url.pathname);
  const id = params.id === undefined ? null : parsePathId(params.id, 'id');
  // Who first: a caller the route refuses learns nothing, not even whether the query was valid.
  const denied = checkRole(`${route.method} ${route.path}`, { role: route.role }, ctx);
  if (denied) throw denied;
  let query: Record<string, unknown> = {};
  if (route.query) {
    const parsed = route.query.safeParse(queryToObject(url.searchParams));
    if (!parsed.success) {
      const msg = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
      throw new AppError('invalid_input', `The query of ${route.path} is not valid: ${msg}.`, 'Check the parameters against GET /api/v1/openapi.json.');
    }
    query = parsed.data;
  }
  if (ctx.role === 'agent') {
    // The registry's own rule; the path id is the recording a `recording` scope is about.
    const scoped = scopeForAgent(route.scope, query, id, filtersByAgent(route.query), ctx.agentName!, core.access);
    if (scoped instanceof AppError) throw scoped;
    query = scoped;
    if (query.redact === false) throw new AppError('forbidden', 'Agents cannot export without redaction.', 'Export with redaction (the default), or ask a reviewer.');
  }
  // Calibration blindness: the registry's own rule, the path id being a recording.
  const blinded = blindFor(route, query, id, filtersExcept(route.query), blindCallsOf(core.access, ctx));
  if (blinded instanceof AppError) throw blinded;
  query = blinded;
  return route.handle(c, { id, query }, { ...ctx, core });
}

/**
 * The non-JSON routes on the app. A route reached by a signed URL (the audio player's) answers only
 * when the URL carries `sig`; the route verifies the signature itself.
 */
export function mountHttpRoutes(app: Hono<HttpEnv>, core: Core, routes: HttpRoute[], which: 'signed' | 'signed-and-caller' | 'token'): void {
  for (const route of routes) {
    if (which !== 'token') {
      if (!route.acceptsSignedUrl) continue;
      // Token mode: the signature alone (an <audio> element cannot send the token). Users mode: the
      // signature and the signed-in caller (the cookie goes with the element's request), so a URL
      // minted for one agent's call plays for nobody else.
      app.on(route.method, routerPath(route.path), (c, next: Next) =>
        c.req.query('sig') === undefined ? next()
          : run(route, c, core, which === 'signed' ? { ...signedUrlCaller, requestId: crypto.randomUUID() } : c.get('ctx')));
    } else {
      app.on(route.method, routerPath(route.path), (c) => run(route, c, core, c.get('ctx')));
    }
  }
}
