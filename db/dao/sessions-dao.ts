import type { AppDatabase } from '../open.js';

export interface SessionRow {
  idHash: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

/** Server-side sessions, keyed by the SHA-256 of the cookie's random id. */
export class SessionsDao {
  constructor(private readonly db: AppDatabase) {}

  insert(s: SessionRow & { ip: string | null; userAgent: string | null }): void {
    this.db.timed('sessions.insert', () =>
      this.db.sqlite.prepare(`INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(s.idHash, s.userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.ip, s.userAgent?.slice(0, 300) ?? null));
  }

  get(idHash: string): SessionRow | null {
    return (this.db.sqlite.prepare(`SELECT id_hash AS idHash, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt
                                    FROM sessions WHERE id_hash = ?`).get(idHash) as SessionRow | undefined) ?? null;
  }

  /** The session with its user, in one read (every signed-in request asks). */
  withUser(idHash: string): (SessionRow & { username: string; displayName: string; role: string; agentName: string | null; disabled: number }) | null {
    return (this.db.sqlite.prepare(`SELECT s.id_hash AS idHash, s.user_id AS userId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt,
                                      u.username, u.display_name AS displayName, u.role, u.agent_name AS agentName, u.disabled
                                    FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?`).get(idHash) as never) ?? null;
  }

  touch(idHash: string, at: number): void {
    this.db.sqlite.prepare('UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?').run(at, idHash);
  }

  delete(idHash: string): void {
    this.db.sqlite.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  /** Every session of a user (password, role change, disable): returns their hashes. */
  deleteForUser(userId: number): string[] {
    return (this.db.sqlite.prepare('DELETE FROM sessions WHERE user_id = ? RETURNING id_hash AS idHash').all(userId) as { idHash: string }[]).map((r) => r.idHash);
  }

  prune(idleBefore: number, now: number): number {
    return this.db.sqlite.prepare('DELETE FROM sessions WHERE last_seen_at < ? OR expires_at <= ?').run(idleBefore, now).changes;
  }
}
