import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

export interface SessionRow {
  idHash: string;
  userId: number;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export type SessionWithUser = SessionRow & { username: string; displayName: string; role: string; agentName: string | null; disabled: number };

const COLUMNS = 's.id_hash AS idHash, s.user_id AS userId, s.created_at AS createdAt, s.last_seen_at AS lastSeenAt, s.expires_at AS expiresAt';

/**
 * Server-side sessions, keyed by the SHA-256 of the cookie's random id. Every statement is prepared
 * once, takes named parameters and runs inside `db.timed` (a session is read on every signed-in request).
 */
export class SessionsDao {
  private readonly stmts: TimedStatements;

  constructor(db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'sessions');
  }

  insert(s: SessionRow & { ip: string | null; userAgent: string | null }): void {
    this.stmts.run('insert', 'INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent) VALUES (@idHash, @userId, @createdAt, @lastSeenAt, @expiresAt, @ip, @userAgent)',
      (stmt) => stmt.run({ idHash: s.idHash, userId: s.userId, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt, ip: s.ip, userAgent: s.userAgent?.slice(0, 300) ?? null }));
  }

  get(idHash: string): SessionRow | null {
    return this.stmts.run('get', `SELECT ${COLUMNS} FROM sessions s WHERE s.id_hash = @idHash`, (stmt) => (stmt.get({ idHash }) as SessionRow | undefined) ?? null);
  }

  /** The session with its user, in one read (every signed-in request asks). */
  withUser(idHash: string): SessionWithUser | null {
    return this.stmts.run('with_user', `SELECT ${COLUMNS}, u.username, u.display_name AS displayName, u.role, u.agent_name AS agentName, u.disabled
                                  FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = @idHash`,
    (stmt) => (stmt.get({ idHash }) as SessionWithUser | undefined) ?? null);
  }

  touch(idHash: string, at: number): void {
    this.stmts.run('touch', 'UPDATE sessions SET last_seen_at = @at WHERE id_hash = @idHash', (stmt) => stmt.run({ idHash, at }));
  }

  delete(idHash: string): void {
    this.stmts.run('delete', 'DELETE FROM sessions WHERE id_hash = @idHash', (stmt) => stmt.run({ idHash }));
  }

  /** Every session of a user (password, role change, disable): returns their hashes. */
  deleteForUser(userId: number): string[] {
    return this.stmts.run('delete_for_user', 'DELETE FROM sessions WHERE user_id = @userId RETURNING id_hash AS idHash', (stmt) => (stmt.all({ userId }) as { idHash: string }[]).map((r) => r.idHash));
  }

  prune(idleBefore: number, now: number): number {
    return this.stmts.run('prune', 'DELETE FROM sessions WHERE last_seen_at < @idleBefore OR expires_at <= @now', (stmt) => stmt.run({ idleBefore, now }).changes);
  }
}
