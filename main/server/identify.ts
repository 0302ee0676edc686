import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Principal } from '../auth/auth-service.js';
import { WORKER_TOKEN_PREFIX } from '../auth/secrets.js';
import { anonymous, localAdmin, type CallContext } from '../contract/registry.js';
import type { Core } from '../core-types.js';
import { failure } from './json-response.js';
import type { HttpEnv } from './http-route.js';

export const SESSION_COOKIE = 'cca_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const principalContext = (p: Principal): Omit<CallContext, 'transport' | 'requestId'> =>
  ({ role: p.role, actor: p.username, userId: p.userId, agentName: p.role === 'agent' ? p.agentName : null });

/**
 * The client's address: the socket's; behind trusted proxies (CCA_TRUST_PROXY, CCA_TRUST_PROXY_HOPS)
 * the address the outermost of them appended to X-Forwarded-For, counted from the right. The entries
 * before it are whatever the client sent, forgeable, and never believed: a client cannot pick the
 * address that sign-in throttling and the audit trail see.
 */
export function clientIp(c: Context<HttpEnv>, proxy: { trustProxy: boolean; trustProxyHops: number }): string | null {
  if (proxy.trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '').split(',').map((h) => h.trim()).filter(Boolean);
    const appended = hops[hops.length - proxy.trustProxyHops];
    if (appended) return appended.slice(0, 64);
  }
  return c.env.incoming?.socket.remoteAddress ?? null;
}

/**
 * Who is calling, for every /api request and /metrics: the launch token is the local owner (both
 * modes: scripts on this host keep working); in users mode a personal token or the session cookie is
 * a user; anything else is anonymous (only public operations answer it). A cookie-authenticated
 * request that changes something must come from this origin (Origin, or Sec-Fetch-Site: same-origin):
 * a page elsewhere cannot make the browser act for the user. Bearer requests are not cookie-bound.
 */
export function identify(core: Core, launchToken: string): MiddlewareHandler<HttpEnv> {
  const expected = Buffer.from(launchToken);
  const users = core.config.settings.auth === 'users';
  return async (c, next) => {
    const requestId = randomUUID();
    const set = (ctx: Omit<CallContext, 'transport' | 'requestId'>, principal: Principal | null) => {
      c.set('ctx', { ...ctx, transport: 'http', requestId });
      c.set('principal', principal);
    };
    const bearer = /^Bearer (.+)$/.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer !== undefined) {
      const given = Buffer.from(bearer);
      if (given.length === expected.length && timingSafeEqual(given, expected)) set(localAdmin, null);
      else if (bearer.startsWith(WORKER_TOKEN_PREFIX)) {
        // Deny by default: a worker token reaches the worker routes (mounted before this) and nothing else.
        return failure('forbidden', 'A worker token may only fetch step inputs and return step results (the /api/v1/worker routes).', 'Use a personal token (My tokens) or sign in for anything else.');
      } else {
        const p = users ? core.auth.token(bearer) : null;
        if (!p) return failure('auth', users ? 'The API token is wrong, expired or revoked.' : 'Missing or wrong API token.', users
          ? 'Send "Authorization: Bearer <token>" with a token from My tokens, or the launch token in <dataDir>/api-token.'
          : 'Send "Authorization: Bearer <token>"; the token is on the ready line and in <dataDir>/api-token.');
        set(principalContext(p), p);
      }
      return next();
    }
    const cookie = users ? getCookie(c, SESSION_COOKIE) : undefined;
    const p = cookie ? core.auth.session(cookie) : null;
    if (p) {
      if (UNSAFE.has(c.req.method) && !sameOrigin(c)) {
        return failure('forbidden', 'Refused: this request came from another site.', 'Use the app itself; scripts send "Authorization: Bearer <token>" instead of the cookie.');
      }
      set(principalContext(p), p);
      return next();
    }
    set(anonymous, null);
    return next();
  };
}

/**
 * Sign-in from another site (login CSRF: a page signing the victim's browser into the attacker's
 * account): a browser's POST always says where it comes from, so a foreign Origin or a cross-site
 * Sec-Fetch-Site is refused. Scripts send neither and may sign in.
 */
export function crossSiteSignIn(c: Context<HttpEnv>): boolean {
  const site = c.req.header('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  return c.req.header('origin') !== undefined && !sameOrigin(c);
}

function sameOrigin(c: Context<HttpEnv>): boolean {
  if (c.req.header('sec-fetch-site') === 'same-origin') return true;
  const origin = c.req.header('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === c.req.header('host');
  } catch {
    return false;
  }
}
