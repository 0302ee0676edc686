import type { Logger } from 'pino';
import type { Daos } from '../../db/daos.js';
import type { ApiTokensDao, ApiTokenRow } from '../../db/dao/api-tokens-dao.js';
import type { AuditDao } from '../../db/dao/audit-dao.js';
import type { SessionsDao } from '../../db/dao/sessions-dao.js';
import type { UsersDao, UserRow } from '../../db/dao/users-dao.js';
import type { Role } from '../../preload/contract/define.js';
import type { Me } from '../../preload/contract/schemas/auth.js';
import type { Settings } from '../../preload/contract/schemas/settings.js';
import { AppError } from '../errors.js';
import { LoginLimiter } from './login-limiter.js';
import { decoyHash, verifyPassword } from './passwords.js';
import { hashSecret, newSecret, PERSONAL_TOKEN_PREFIX } from './secrets.js';

/** A signed-in caller: who, with which role, through what. */
export interface Principal {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  agentName: string | null;
  via: 'session' | 'token';
  /** The session's id hash (sign-out) or the token's id. */
  credential: string;
}

export interface AuthTimes {
  idleMs: number;
  maxMs: number;
}

const HOUR = 3_600_000;

/** Session lifetimes from the settings (CCA_SESSION_IDLE_HOURS, CCA_SESSION_MAX_DAYS). */
export const authTimes = (s: Pick<Settings, 'sessionIdleHours' | 'sessionMaxDays'>): AuthTimes => ({ idleMs: s.sessionIdleHours * HOUR, maxMs: s.sessionMaxDays * 24 * HOUR });

/** What GET /api/v1/auth/me and sign-in answer for an account. */
export const meOf = (u: Pick<Principal, 'username' | 'displayName' | 'role' | 'agentName'>, mode: Me['mode']): Me =>
  ({ username: u.username, displayName: u.displayName, role: u.role, agentName: u.agentName, owner: false, mode });
/** A session's last-seen time is written at most this often (a request per keystroke must not write). */
const TOUCH_EVERY_MS = 60_000;
/** Token use is audited once per token per this period, not per request. */
const TOKEN_AUDIT_EVERY_MS = 15 * 60_000;

/**
 * Sign-in, sessions and personal tokens. argon2 runs only at sign-in; a request's session or token is
 * one indexed read. Revocations — sign-out, password or role change, disable, token revoked — hold
 * from the next request, and `onRevoked` listeners (open event streams) hear of them at once.
 */
export class AuthService {
  readonly users: UsersDao;
  private readonly sessions: SessionsDao;
  private readonly tokens: ApiTokensDao;
  private readonly limiter: LoginLimiter;
  /** When each session was last seen by this process (written to the row at most once a minute). */
  private readonly touched = new Map<string, number>();
  private readonly tokenAudited = new Map<number, number>();
  private readonly revokedListeners = new Set<(userId: number) => void>();

  constructor(
    daos: Pick<Daos, 'users' | 'sessions' | 'apiTokens'>,
    private readonly audit: AuditDao,
    private readonly times: () => AuthTimes,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.users = daos.users;
    this.sessions = daos.sessions;
    this.tokens = daos.apiTokens;
    this.limiter = new LoginLimiter(now);
  }

  /** Sign in: a fresh session id every time (no fixation). Wrong, unknown and disabled answer alike. */
  async login(username: string, password: string, meta: { ip: string | null; userAgent: string | null }): Promise<{ sessionId: string; principal: Principal; maxAgeSec: number }> {
    // Counted before the password is verified: 60 attempts released together get 5 verifications.
    const { waitMs: wait, locks } = this.limiter.admit(username, meta.ip);
    if (wait > 0) {
      // Logged, not audited: a flood of refused attempts must not write a row each (the lock itself is audited).
      this.logger.info({ ip: meta.ip, retryAfterSec: Math.ceil(wait / 1000) }, 'sign-in refused: locked');
      throw lockedOut(wait);
    }
    const user = this.users.byUsername(username);
    const usable = user && !user.disabled;
    // The same argon2 work whether or not the account exists or may sign in.
    const ok = await verifyPassword(usable ? user.passwordHash : await decoyHash(), password);
    if (!usable || !ok) {
      const reason = !user ? 'unknown user' : user.disabled ? 'disabled' : 'wrong password';
      // The account's own spelling when there is one: "DANA" and "dana" are one trail.
      const who = (user?.username ?? username).slice(0, 100);
      this.audit.record({ actor: who, entity: 'auth', entityId: who, action: 'login_failed', newValue: { ip: meta.ip, reason } });
      this.logger.info({ ip: meta.ip, reason }, 'sign-in refused');
      if (locks) {
        const after = this.limiter.retryAfterMs(username, meta.ip);
        this.audit.record({ actor: who, entity: 'auth', entityId: who, action: 'login_locked', newValue: { ip: meta.ip, retryAfterSec: Math.ceil(after / 1000) } });
        throw lockedOut(after);
      }
      throw new AppError('auth', 'Wrong username or password.', 'Check both and try again; after 5 failed attempts sign-in pauses for a while.');
    }
    this.limiter.succeeded(username, meta.ip);
    const t = this.now();
    const { secret, hash } = newSecret();
    const { maxMs } = this.times();
    this.sessions.insert({ idHash: hash, userId: user.id, createdAt: t, lastSeenAt: t, expiresAt: t + maxMs, ip: meta.ip, userAgent: meta.userAgent });
    this.users.update(user.id, { lastLoginAt: t });
    this.audit.record({ actor: user.username, entity: 'auth', entityId: user.username, action: 'login', newValue: { ip: meta.ip } });
    return { sessionId: secret, principal: toPrincipal(user, 'session', hash), maxAgeSec: Math.floor(maxMs / 1000) };
  }

  logout(principal: Principal): void {
    if (principal.via !== 'session') return;
    this.sessions.delete(principal.credential);
    this.touched.delete(principal.credential);
    this.audit.record({ actor: principal.username, entity: 'auth', entityId: principal.username, action: 'logout' });
  }

  /**
   * The principal of a session cookie, or null (unknown, idle too long, past its absolute expiry, user
   * disabled). One indexed read per request, no cache: a change made anywhere — the Users view,
   * `npm run users` in another process — holds from the very next request.
   */
  session(secret: string | undefined): Principal | null {
    if (!secret || secret.length > 100) return null;
    const hash = hashSecret(secret);
    const t = this.now();
    const row = this.sessions.withUser(hash);
    if (!row || row.disabled) return null;
    if (t >= row.expiresAt || t - Math.max(row.lastSeenAt, this.touched.get(hash) ?? 0) >= this.times().idleMs) {
      this.sessions.delete(hash);
      this.touched.delete(hash);
      return null;
    }
    // Last-seen is kept in memory and written at most once a minute (not a write per request).
    this.touched.set(hash, t);
    if (t - row.lastSeenAt >= TOUCH_EVERY_MS) this.sessions.touch(hash, t);
    return { userId: row.userId, username: row.username, displayName: row.displayName, role: row.role as Role, agentName: row.agentName, via: 'session', credential: hash };
  }

  /**
   * Whether a principal's credential still stands, without counting as activity (an open event
   * stream asks at each heartbeat, so a revocation made in another process — `npm run users` — ends
   * it within one heartbeat).
   */
  stillValid(p: Principal): boolean {
    const t = this.now();
    if (p.via === 'session') {
      const row = this.sessions.withUser(p.credential);
      return !!row && !row.disabled && t < row.expiresAt && row.role === p.role;
    }
    const row = this.tokens.byId(Number(p.credential));
    const user = row ? this.users.get(row.userId) : null;
    return !!row && row.revokedAt === null && (row.expiresAt === null || t < row.expiresAt) && !!user && !user.disabled && user.role === p.role;
  }

  /** The principal of a personal token (`Authorization: Bearer cca_pat_…`), or null. */
  token(secret: string): Principal | null {
    if (!secret.startsWith(PERSONAL_TOKEN_PREFIX) || secret.length > 100) return null;
    const row = this.tokens.withUser(hashSecret(secret));
    const t = this.now();
    if (!row || row.revokedAt !== null || row.disabled || (row.expiresAt !== null && t >= row.expiresAt)) return null;
    if (t - (this.tokenAudited.get(row.id) ?? 0) >= TOKEN_AUDIT_EVERY_MS) {
      this.tokenAudited.set(row.id, t);
      this.tokens.touch(row.id, t);
      this.audit.record({ actor: row.username, entity: 'api_token', entityId: String(row.id), action: 'used', newValue: { name: row.name } });
    }
    return { userId: row.userId, username: row.username, displayName: row.displayName, role: row.role as Role, agentName: row.agentName, via: 'token', credential: String(row.id) };
  }

  createToken(userId: number, name: string, expiresInDays: number | null, actor: string): { token: string; row: ApiTokenRow } {
    const { secret, hash } = newSecret(PERSONAL_TOKEN_PREFIX);
    const t = this.now();
    const row = this.tokens.insert({ userId, name, tokenHash: hash, createdAt: t, expiresAt: expiresInDays === null ? null : t + expiresInDays * 24 * HOUR });
    this.audit.record({ actor, entity: 'api_token', entityId: String(row.id), action: 'create', newValue: { name, userId, expiresAt: row.expiresAt } });
    return { token: secret, row };
  }

  listTokens(userId: number): ApiTokenRow[] {
    return this.tokens.forUser(userId);
  }

  revokeToken(userId: number, id: number, actor: string): boolean {
    const done = this.tokens.revoke(userId, id, this.now());
    if (done) {
      this.audit.record({ actor, entity: 'api_token', entityId: String(id), action: 'revoke' });
    }
    return done;
  }

  /** Every session of the user ends now (password, role change, disable); open streams are closed. */
  revokeSessions(userId: number): void {
    for (const hash of this.sessions.deleteForUser(userId)) this.touched.delete(hash);
    for (const l of this.revokedListeners) l(userId);
  }

  /**
   * A password changed or was reset: every session and every personal token of the user ends now.
   * A token made under the old password is exactly what a password change is meant to shut out.
   */
  revokeCredentials(userId: number, actor: string): void {
    const tokens = this.tokens.revokeAllForUser(userId, this.now());
    if (tokens) this.audit.record({ actor, entity: 'api_token', entityId: String(userId), action: 'revoke_all', newValue: { userId, tokens, reason: 'password changed' } });
    this.revokeSessions(userId);
  }

  onRevoked(listener: (userId: number) => void): () => void {
    this.revokedListeners.add(listener);
    return () => this.revokedListeners.delete(listener);
  }

  /** Drop expired sessions (hourly, users mode): their rows and what this process remembers of them. */
  prune(): number {
    const t = this.now();
    const idle = this.times().idleMs;
    for (const [hash, seen] of this.touched) if (t - seen >= idle) this.touched.delete(hash);
    return this.sessions.prune(t - idle, t);
  }
}

function toPrincipal(u: UserRow, via: Principal['via'], credential: string): Principal {
  return { userId: u.id, username: u.username, displayName: u.displayName, role: u.role, agentName: u.agentName, via, credential };
}

function lockedOut(ms: number): AppError {
  const sec = Math.ceil(ms / 1000);
  return new AppError('rate_limit', `Too many failed sign-ins: try again in ${sec < 90 ? `${sec} s` : `${Math.ceil(sec / 60)} min`}.`, 'Wait, then sign in with the right password; an administrator can reset it.', { details: { retryAfterSec: sec } });
}
