import type { HandlerMap } from '../../contract/registry.js';
import type { CoreContext } from '../../core-types.js';
import { AppError } from '../../errors.js';
import { verifyPassword } from '../../auth/passwords.js';
import { meOf } from '../../auth/auth-service.js';

type AuthHandlers = Pick<HandlerMap,
  'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword' | 'auth.tokens.list' | 'auth.tokens.create' | 'auth.tokens.revoke'
  | 'users.list' | 'users.create' | 'users.update' | 'users.resetPassword' | 'users.tokens.create' | 'audit.list'>;

const ownerOnly = () => new AppError('invalid_input', 'The local owner has no account: there is no password or personal token to manage.', 'Use the launch token (<dataDir>/api-token) or run the server with CCA_AUTH=users and sign in.');

/**
 * The caller's own account and tokens, and account administration. Sign-in and sign-out set and
 * clear a cookie, so over HTTP they are answered by main/server/auth-routes.ts; here (IPC, the
 * desktop's one owner) they say so.
 */
export function userHandlers(core: CoreContext): AuthHandlers {
  const { auth, userAdmin } = core;
  const mode = core.mode === 'browser' ? core.config.settings.auth : 'token';
  const account = (userId: number | null) => {
    const u = userId === null ? null : auth.users.get(userId);
    if (!u) throw ownerOnly();
    return u;
  };
  const mint = (userId: number, name: string, days: number | null | undefined, actor: string) => {
    const { token, row } = auth.createToken(userId, name, days ?? null, actor);
    return { token, view: toTokenView(row) };
  };
  return {
    'auth.login': () => {
      throw new AppError('invalid_input', 'Sign-in is for a shared server (CCA_AUTH=users over HTTP); this app has one local owner.', 'Nothing to do: you are the owner.');
    },
    'auth.logout': () => ({ signedOut: false }),
    'auth.me': (_i, ctx) => {
      const u = ctx.userId === null ? null : auth.users.get(ctx.userId);
      return u ? meOf(u, mode) : { username: 'owner', displayName: 'Local owner', role: 'admin', agentName: null, owner: true, mode };
    },
    'auth.changePassword': async ({ current, next }, ctx) => {
      const u = account(ctx.userId);
      if (!(await verifyPassword(u.passwordHash, current))) throw new AppError('auth', 'The current password is wrong.', 'Type your current password again.');
      await userAdmin.setPassword(u.id, next, ctx.actor);
      return { changed: true };
    },
    'auth.tokens.list': (_i, ctx) => auth.listTokens(account(ctx.userId).id).map(toTokenView),
    'auth.tokens.create': ({ name, expiresInDays }, ctx) => mint(account(ctx.userId).id, name, expiresInDays, ctx.actor),
    'auth.tokens.revoke': ({ id }, ctx) => {
      if (!auth.revokeToken(account(ctx.userId).id, id, ctx.actor)) throw new AppError('not_found', `You have no active token #${id}.`, 'List your tokens: GET /api/v1/auth/tokens.');
      return { changed: 1 };
    },
    'users.list': () => userAdmin.list(),
    'users.create': (input, ctx) => userAdmin.create(input, ctx.actor),
    'users.update': ({ id, ...patch }, ctx) => userAdmin.update(id, patch, ctx.actor),
    'users.resetPassword': async ({ id, password }, ctx) => ({ password: await userAdmin.setPassword(id, password, ctx.actor) }),
    'users.tokens.create': ({ id, name, expiresInDays }, ctx) => {
      if (!auth.users.get(id)) throw new AppError('not_found', `No user #${id}.`, 'List the accounts: GET /api/v1/users.');
      return mint(id, name, expiresInDays, ctx.actor);
    },
    'audit.list': (q) => ({ entries: core.daos.audit.query(q), actors: core.daos.audit.actors() }),
  };
}

const toTokenView = (r: { id: number; name: string; createdAt: number; expiresAt: number | null; lastUsedAt: number | null }) =>
  ({ id: r.id, name: r.name, createdAt: r.createdAt, expiresAt: r.expiresAt, lastUsedAt: r.lastUsedAt });
