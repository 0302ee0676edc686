import { z } from 'zod';
import { defineOperation } from '../define.js';
import { Changed } from '../schemas/queue.js';
import { PathId } from '../schemas/ids.js';
import {
  AuditPage, AuditQuery, ChangePasswordInput, CreatedToken, CreatedUser, CreatedWorkerToken, CreateTokenInput, CreateUserInput, LoginInput, Me, TokenView,
  UpdateUserInput, UserView, WorkerTokenView, type UserView as UserViewT,
} from '../schemas/auth.js';

const me: z.infer<typeof Me> = { username: 'dana', displayName: 'Dana Ruiz', role: 'agent', agentName: 'Dana Ruiz', owner: false, mode: 'users' };
const user: UserViewT = { id: 4, username: 'dana', displayName: 'Dana Ruiz', role: 'agent', agentName: 'Dana Ruiz', disabled: false, createdAt: 1_714_700_000_000, lastLoginAt: 1_714_730_000_000 };
const token = { id: 7, name: 'nightly export', createdAt: 1_714_700_000_000, expiresAt: 1_722_476_000_000, lastUsedAt: null };
const workerToken = { id: 3, name: 'gpu-2', createdAt: 1_714_700_000_000, createdBy: 'rita', lastUsedAt: 1_714_730_000_000 };

/** Sign-in, the caller's own account and tokens, and (admins) everyone's accounts and the audit trail. */
export const authOperations = {
  'auth.login': defineOperation({
    method: 'POST', path: '/api/v1/auth/login', tag: 'auth', role: 'public',
    summary: 'Sign in (CCA_AUTH=users): sets the HttpOnly, SameSite=Strict cca_session cookie (a new session id every time). 5 failures for a username or an address within 15 minutes answer 429 with Retry-After.',
    input: LoginInput, output: Me,
    example: { input: { username: 'dana', password: 'correct horse battery staple' }, output: me },
  }),
  'auth.logout': defineOperation({
    method: 'POST', path: '/api/v1/auth/logout', tag: 'auth', role: 'agent', scope: 'self',
    summary: 'Sign out: ends this session on the server and clears the cookie.',
    input: z.object({}), output: z.object({ signedOut: z.boolean() }),
    example: { input: {}, output: { signedOut: true } },
  }),
  'auth.me': defineOperation({
    method: 'GET', path: '/api/v1/auth/me', tag: 'auth', role: 'agent', scope: 'self',
    summary: 'Who is calling: username, display name, role and agent name (the local owner in token mode and on the desktop).',
    input: z.object({}), output: Me,
    example: { input: {}, output: me },
  }),
  'auth.changePassword': defineOperation({
    method: 'POST', path: '/api/v1/auth/password', tag: 'auth', role: 'agent', scope: 'self',
    summary: 'Change your own password (the current one is asked again); every session of yours ends, this one included.',
    input: ChangePasswordInput, output: z.object({ changed: z.boolean() }),
    example: { input: { current: 'correct horse battery staple', next: 'a longer passphrase nobody uses' }, output: { changed: true } },
  }),
  'auth.tokens.list': defineOperation({
    method: 'GET', path: '/api/v1/auth/tokens', tag: 'auth', role: 'agent', scope: 'self',
    summary: 'Your personal API tokens (names and dates; the secrets are shown only when made).',
    input: z.object({}), output: z.array(TokenView),
    example: { input: {}, output: [token] },
  }),
  'auth.tokens.create': defineOperation({
    method: 'POST', path: '/api/v1/auth/tokens', tag: 'auth', role: 'agent', scope: 'self',
    summary: 'Make a personal API token (Authorization: Bearer <token> on /api and /metrics, with your role). Shown once; stored hashed.',
    input: CreateTokenInput, output: CreatedToken,
    example: { input: { name: 'nightly export', expiresInDays: 90 }, output: { token: 'cca_pat_3q2+…', view: token } },
  }),
  'auth.tokens.revoke': defineOperation({
    method: 'DELETE', path: '/api/v1/auth/tokens/{id}', tag: 'auth', role: 'agent', scope: 'self',
    summary: 'Revoke one of your tokens: it stops working on the next request.',
    input: z.object({ id: PathId }), output: Changed,
    example: { input: { id: 7 }, output: { changed: 1 } },
  }),
  'users.list': defineOperation({
    method: 'GET', path: '/api/v1/users', tag: 'auth', role: 'admin', blind: 'safe',
    summary: 'Every account: username, display name, role, agent name, disabled, created and last sign-in.',
    input: z.object({}), output: z.array(UserView),
    example: { input: {}, output: [user] },
  }),
  'users.create': defineOperation({
    method: 'POST', path: '/api/v1/users', tag: 'auth', role: 'admin', blind: 'safe',
    summary: 'Add an account. Without a password a random one is made and returned once. Passwords: at least 12 characters, not one of the 10,000 most common.',
    input: CreateUserInput, output: CreatedUser,
    example: { input: { username: 'dana', role: 'agent', agentName: 'Dana Ruiz' }, output: { user, password: 'mF3q9ZB1x_Vt0cHk2LwA' } },
  }),
  'users.update': defineOperation({
    method: 'PATCH', path: '/api/v1/users/{id}', tag: 'auth', role: 'admin', blind: 'safe',
    summary: "Change an account's display name, role, agent name or disabled flag. A role change or disable ends the user's sessions at once.",
    input: UpdateUserInput.extend({ id: PathId }), output: UserView,
    example: { input: { id: 4, role: 'reviewer' }, output: { ...user, role: 'reviewer' } },
  }),
  'users.resetPassword': defineOperation({
    method: 'POST', path: '/api/v1/users/{id}/password', tag: 'auth', role: 'admin', blind: 'safe',
    summary: "Set a user's password (or generate one, returned once); their sessions end.",
    input: z.object({ id: PathId, password: z.string().max(256).optional() }), output: z.object({ password: z.string().nullable() }),
    example: { input: { id: 4 }, output: { password: 'mF3q9ZB1x_Vt0cHk2LwA' } },
  }),
  'users.tokens.create': defineOperation({
    method: 'POST', path: '/api/v1/users/{id}/tokens', tag: 'auth', role: 'admin', blind: 'safe',
    summary: "Make a personal API token for another user (a script that acts as them, with their role). Shown once; they see and can revoke it under My account.",
    input: CreateTokenInput.extend({ id: PathId }), output: CreatedToken,
    example: { input: { id: 4, name: 'nightly export', expiresInDays: 90 }, output: { token: 'cca_pat_3q2+…', view: token } },
  }),
  'workerTokens.list': defineOperation({
    method: 'GET', path: '/api/v1/worker-tokens', tag: 'auth', role: 'admin', blind: 'safe',
    summary: 'The live worker tokens (the team server\'s worker services sign in with them; the secrets are shown only when made).',
    input: z.object({}), output: z.array(WorkerTokenView),
    example: { input: {}, output: [workerToken] },
  }),
  'workerTokens.create': defineOperation({
    method: 'POST', path: '/api/v1/worker-tokens', tag: 'auth', role: 'admin', blind: 'safe',
    summary: 'Make a worker token (the worker role: it can fetch step inputs and audio and return step results, nothing else). Shown once; stored hashed.',
    input: z.object({ name: z.string().min(1).max(64) }), output: CreatedWorkerToken,
    example: { input: { name: 'gpu-2' }, output: { token: 'cca_wkr_Q2x…', view: workerToken } },
  }),
  'workerTokens.revoke': defineOperation({
    method: 'DELETE', path: '/api/v1/worker-tokens/{id}', tag: 'auth', role: 'admin', blind: 'safe',
    summary: 'Revoke a worker token: the worker using it is refused from its next request (its running step\'s result included).',
    input: z.object({ id: PathId }), output: Changed,
    example: { input: { id: 3 }, output: { changed: 1 } },
  }),
  'audit.list': defineOperation({
    method: 'GET', path: '/api/v1/audit', tag: 'auth', role: 'lead',
    summary: 'The audit trail, newest first, filtered by user and kind: sign-ins and failures, overrides, reviews, settings, prices, rubrics, exports, users and tokens.',
    input: AuditQuery, output: AuditPage,
    example: { input: { actor: 'dana', limit: 100 }, output: { entries: [{ id: 5120, at: '2024-05-03T10:14:00.000Z', actor: 'dana', entity: 'auth', entityId: 'dana', action: 'login', oldValue: null, newValue: { ip: '10.0.0.7' } }], actors: ['dana', 'local-user'] } },
  }),
};
