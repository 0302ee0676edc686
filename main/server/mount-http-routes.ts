import type { Context, Hono, Next } from 'hono';
import type { CallContext } from '../contract/registry.js';
import type { Core } from '../core-types.js';
import { AppError } from '../errors.js';
import { queryToObject } from '../util/query-object.js';
import { routerPath } from '../util/router-path.js';
import type { HttpEnv, HttpRoute } from './http-route.js';
import { parsePathId, pathParams } from './path-params.js';

/** Runs one route: strict path params, `{id}` by the contract's PathId, the query by the route's own schema. */
async function run(route: HttpRoute, c: Context<HttpEnv>, core: Core, ctx: CallContext): Promise<Response> {
  const url = new URL(c.req.url);
  const params = pathParams(route.path, url.pathname);
  const id = params.id === undefined ? null : parsePathId(params.id, 'id');
  let query: Record<string, unknown> = {};
  if (route.query) {
    const parsed = route.query.safeParse(queryToObject(url.searchParams));
    if (!parsed.success) {
      const msg = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ');
      throw new AppError('invalid_input', `The query of ${route.path} is not valid: ${msg}.`, 'Check the parameters against GET /api/v1/openapi.json.');
    }
    query = parsed.data;
  }
  return route.handle(c, { id, query }, { ...ctx, core });
}

/**
 * The non-JSON routes on the app. A route reached by a signed URL (the audio player's: an <audio>
 * element cannot send the token) is mounted ahead of the token check and answers only when the URL
 * carries `sig`; the route verifies the signature itself.
 */
export function mountHttpRoutes(app: Hono<HttpEnv>, core: Core, routes: HttpRoute[], which: 'signed' | 'token'): void {
  for (const route of routes) {
    if (which === 'signed') {
      if (!route.acceptsSignedUrl) continue;
      app.on(route.method, routerPath(route.path), (c, next: Next) =>
        c.req.query('sig') === undefined ? next() : run(route, c, core, { role: 'viewer', actor: 'signed-url', transport: 'http', requestId: crypto.randomUUID() }));
    } else {
      app.on(route.method, routerPath(route.path), (c) => run(route, c, core, c.get('ctx')));
    }
  }
}
