import type { Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { operations } from '../../preload/contract/index.js';
import { meOf } from '../auth/auth-service.js';
import type { Core } from '../core-types.js';
import { AppError } from '../errors.js';
import { readJsonBody } from './contract-routes.js';
import type { HttpEnv } from './http-route.js';
import { clientIp, crossSiteSignIn, SESSION_COOKIE } from './identify.js';
import { errorResponse } from './json-response.js';

/**
 * Sign-in and sign-out over HTTP (CCA_AUTH=users): the two operations that set and clear the session
 * cookie, so they are answered here rather than by the registry. The cookie is HttpOnly (scripts in
 * the page cannot read it), SameSite=Strict (other sites' requests do not carry it), Path=/, and
 * Secure under TLS or behind a TLS proxy. A lockout answers 429 with Retry-After.
 */
export function mountLoginRoute(api: Hono<HttpEnv>, core: Core, secure: boolean): void {
  const { settings } = core.config;
  api.post('/api/v1/auth/login', async (c) => {
    try {
      if (crossSiteSignIn(c)) throw new AppError('forbidden', 'Refused: this sign-in came from another site.', 'Sign in on the app\'s own page; scripts send the request without an Origin header.');
      const parsed = operations['auth.login'].input.strict().safeParse(await readJsonBody(c.req.raw));
      if (!parsed.success) throw new AppError('invalid_input', 'Send {"username": …, "password": …}.', 'Both are required.');
      const { sessionId, principal, maxAgeSec } = await core.auth.login(parsed.data.username, parsed.data.password, {
        ip: clientIp(c, settings), userAgent: c.req.header('user-agent') ?? null,
      });
      setCookie(c, SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'Strict', path: '/', secure, maxAge: maxAgeSec });
      return c.json({ ok: true, value: meOf(principal, 'users') });
    } catch (e) {
      const res = errorResponse(e);
      const wait = e instanceof AppError ? e.details.retryAfterSec : undefined;
      if (typeof wait === 'number') res.headers.set('Retry-After', String(wait));
      return res;
    }
  });
}

/** After the sign-in guard: signing out needs someone signed in. */
export function mountLogoutRoute(api: Hono<HttpEnv>, core: Core, secure: boolean): void {
  api.post('/api/v1/auth/logout', async (c) => {
    if (!operations['auth.logout'].input.strict().safeParse(await readJsonBody(c.req.raw)).success) {
      return errorResponse(new AppError('invalid_input', 'Sign-out takes no fields.', 'Send an empty body or {}.'));
    }
    const p = c.get('principal');
    if (p) core.auth.logout(p);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure });
    return c.json({ ok: true, value: { signedOut: p?.via === 'session' } });
  });
}
