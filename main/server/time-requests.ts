import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Core } from '../core-types.js';
import type { HttpEnv } from './http-route.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * cca_http_request_duration_seconds for every request. The route label is the matched path template
 * in the API's own spelling (`/api/v1/calls/{id}`), never the raw path, and unknown methods count as
 * "other": a client cannot mint new series by inventing paths or verbs.
 */
export function timeRequests(core: Core): MiddlewareHandler<HttpEnv> {
  const histogram = core.observability.metrics.httpRequestDuration;
  return async (c, next) => {
    const t0 = performance.now();
    await next();
    const method = METHODS.has(c.req.method) ? c.req.method : 'other';
    const route = routePath(c).replace(/:([A-Za-z_]\w*)/g, '{$1}');
    histogram.observe({ method, route, status: String(c.res.status) }, (performance.now() - t0) / 1000);
  };
}
