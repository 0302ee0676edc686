import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

export interface ApiTokenRow {
  id: number;
  userId: number;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

export type ApiTokenWithUser = ApiTokenRow & { username: string; displayName: string; role: string; agentName: string | null; disabled: number };

const COLUMNS = 't.id, t.user_id AS userId, t.name, t.created_at AS createdAt, t.expires_at AS expiresAt, t.last_used_at AS lastUsedAt, t.revoked_at AS revokedAt';

/**
 * Personal API tokens, stored as SHA-256 of the secret shown once. Every statement is prepared once,
 * takes named parameters and runs inside `db.timed` (a token is read on every request that carries
 * one: its timing belongs in cca_db_query_duration_seconds like any other query's).
 */
export class ApiTokensDao {
  private readonly stmts: TimedStatements;

  constructor(db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'api_tokens');
  }

  insert(t: { userId: number; name: string; tokenHash: string; createdAt: number; expiresAt: number | null }): ApiTokenRow {
    const id = this.stmts.run('insert', 'INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (@userId, @name, @tokenHash, @createdAt, @expiresAt)',
      (s) => Number(s.run(t).lastInsertRowid));
    return this.byId(id)!;
  }

  byHash(tokenHash: string): ApiTokenRow | null {
    return this.stmts.run('by_hash', `SELECT ${COLUMNS} FROM api_tokens t WHERE t.token_hash = @tokenHash`, (s) => (s.get({ tokenHash }) as ApiTokenRow | undefined) ?? null);
  }

  /** The token with its user, in one read (every request with a personal token asks). */
  withUser(tokenHash: string): ApiTokenWithUser | null {
    return this.stmts.run('with_user', `SELECT ${COLUMNS}, u.username, u.display_name AS displayName, u.role, u.agent_name AS agentName, u.disabled
                                  FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = @tokenHash`,
    (s) => (s.get({ tokenHash }) as ApiTokenWithUser | undefined) ?? null);
  }

  byId(id: number): ApiTokenRow | null {
    return this.stmts.run('by_id', `SELECT ${COLUMNS} FROM api_tokens t WHERE t.id = @id`, (s) => (s.get({ id }) as ApiTokenRow | undefined) ?? null);
  }

  forUser(userId: number): ApiTokenRow[] {
    return this.stmts.run('for_user', `SELECT ${COLUMNS} FROM api_tokens t WHERE t.user_id = @userId AND t.revoked_at IS NULL ORDER BY t.id DESC`, (s) => s.all({ userId }) as ApiTokenRow[]);
  }

  touch(id: number, at: number): void {
    this.stmts.run('touch', 'UPDATE api_tokens SET last_used_at = @at WHERE id = @id', (s) => s.run({ id, at }));
  }

  /** Revoke every live token of this user (their password changed); how many were. */
  revokeAllForUser(userId: number, at: number): number {
    return this.stmts.run('revoke_all', 'UPDATE api_tokens SET revoked_at = @at WHERE user_id = @userId AND revoked_at IS NULL', (s) => s.run({ userId, at }).changes);
  }

  /** Revoke one token of this user; false when it is not theirs or already revoked. */
  revoke(userId: number, id: number, at: number): boolean {
    return this.stmts.run('revoke', 'UPDATE api_tokens SET revoked_at = @at WHERE id = @id AND user_id = @userId AND revoked_at IS NULL', (s) => s.run({ id, userId, at }).changes === 1);
  }
}
