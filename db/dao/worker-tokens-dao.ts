import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

export interface WorkerTokenRow {
  id: number;
  name: string;
  createdAt: number;
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

const COLUMNS = 'id, name, created_at AS createdAt, created_by AS createdBy, last_used_at AS lastUsedAt, revoked_at AS revokedAt';

/** Worker service tokens, stored as SHA-256 of the secret shown once (read on every worker request). */
export class WorkerTokensDao {
  private readonly stmts: TimedStatements;

  constructor(db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'worker_tokens');
  }

  insert(t: { name: string; tokenHash: string; createdAt: number; createdBy: string }): WorkerTokenRow {
    const id = this.stmts.run('insert', 'INSERT INTO worker_tokens (name, token_hash, created_at, created_by) VALUES (@name, @tokenHash, @createdAt, @createdBy)',
      (s) => Number(s.run(t).lastInsertRowid));
    return this.byId(id)!;
  }

  /** A live token by its hash (revoked ones are not returned). */
  live(tokenHash: string): WorkerTokenRow | null {
    return this.stmts.run('live', `SELECT ${COLUMNS} FROM worker_tokens WHERE token_hash = @tokenHash AND revoked_at IS NULL`,
      (s) => (s.get({ tokenHash }) as WorkerTokenRow | undefined) ?? null);
  }

  byId(id: number): WorkerTokenRow | null {
    return this.stmts.run('by_id', `SELECT ${COLUMNS} FROM worker_tokens WHERE id = @id`, (s) => (s.get({ id }) as WorkerTokenRow | undefined) ?? null);
  }

  /** Tokens not revoked, newest first. */
  list(): WorkerTokenRow[] {
    return this.stmts.run('list', `SELECT ${COLUMNS} FROM worker_tokens WHERE revoked_at IS NULL ORDER BY id DESC`, (s) => s.all() as WorkerTokenRow[]);
  }

  touch(id: number, at: number): void {
    this.stmts.run('touch', 'UPDATE worker_tokens SET last_used_at = @at WHERE id = @id', (s) => s.run({ id, at }));
  }

  /** False when there is no such live token. */
  revoke(id: number, at: number): boolean {
    return this.stmts.run('revoke', 'UPDATE worker_tokens SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL', (s) => s.run({ id, at }).changes === 1);
  }
}
