import type { AppDatabase } from '../open.js';

export interface ApiTokenRow {
  id: number;
  userId: number;
  name: string;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const COLUMNS = 'id, user_id AS userId, name, created_at AS createdAt, expires_at AS expiresAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt';

/** Personal API tokens, stored as SHA-256 of the secret shown once. */
export class ApiTokensDao {
  constructor(private readonly db: AppDatabase) {}

  insert(t: { userId: number; name: string; tokenHash: string; createdAt: number; expiresAt: number | null }): ApiTokenRow {
    const id = Number(this.db.sqlite.prepare('INSERT INTO api_tokens (user_id, name, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(t.userId, t.name, t.tokenHash, t.createdAt, t.expiresAt).lastInsertRowid);
    return this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`).get(id) as ApiTokenRow;
  }

  byHash(tokenHash: string): ApiTokenRow | null {
    return (this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = ?`).get(tokenHash) as ApiTokenRow | undefined) ?? null;
  }

  /** The token with its user, in one read (every request with a personal token asks). */
  withUser(tokenHash: string): (ApiTokenRow & { username: string; displayName: string; role: string; agentName: string | null; disabled: number }) | null {
    return (this.db.sqlite.prepare(`SELECT t.id, t.user_id AS userId, t.name, t.created_at AS createdAt, t.expires_at AS expiresAt, t.last_used_at AS lastUsedAt,
                                      t.revoked_at AS revokedAt, u.username, u.display_name AS displayName, u.role, u.agent_name AS agentName, u.disabled
                                    FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`).get(tokenHash) as never) ?? null;
  }

  byId(id: number): ApiTokenRow | null {
    return (this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE id = ?`).get(id) as ApiTokenRow | undefined) ?? null;
  }

  forUser(userId: number): ApiTokenRow[] {
    return this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL ORDER BY id DESC`).all(userId) as ApiTokenRow[];
  }

  touch(id: number, at: number): void {
    this.db.sqlite.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  /** Revoke every live token of this user (their password changed); how many were. */
  revokeAllForUser(userId: number, at: number): number {
    return this.db.sqlite.prepare('UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL').run(at, userId).changes;
  }

  /** Revoke one token of this user; false when it is not theirs or already revoked. */
  revoke(userId: number, id: number, at: number): boolean {
    return this.db.sqlite.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL').run(at, id, userId).changes === 1;
  }
}
