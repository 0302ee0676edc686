import type { Role } from '../../preload/contract/define.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

export interface UserRow {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  agentName: string | null;
  passwordHash: string;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  passwordChangedAt: number;
}

const COLUMNS = `id, username, display_name AS displayName, role, agent_name AS agentName, password_hash AS passwordHash,
  disabled, created_at AS createdAt, last_login_at AS lastLoginAt, password_changed_at AS passwordChangedAt`;
const toRow = (r: (Omit<UserRow, 'disabled'> & { disabled: number }) | undefined): UserRow | null => (r ? { ...r, disabled: r.disabled === 1 } : null);

/**
 * Accounts (CCA_AUTH=users). Usernames match whatever their case. Statements prepared once, named
 * parameters, every one timed (TimedStatements).
 */
export class UsersDao {
  private readonly stmts: TimedStatements;

  constructor(db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'users');
  }

  insert(u: { username: string; displayName: string; role: Role; agentName: string | null; passwordHash: string; now: number }): UserRow {
    const id = this.stmts.run('insert', `INSERT INTO users (username, display_name, role, agent_name, password_hash, created_at, password_changed_at)
                                         VALUES (@username, @displayName, @role, @agentName, @passwordHash, @now, @now)`, (s) => Number(s.run(u).lastInsertRowid));
    return this.get(id)!;
  }

  get(id: number): UserRow | null {
    return this.stmts.run('get', `SELECT ${COLUMNS} FROM users WHERE id = @id`, (s) => toRow(s.get({ id }) as never));
  }

  byUsername(username: string): UserRow | null {
    return this.stmts.run('by_username', `SELECT ${COLUMNS} FROM users WHERE username = @username COLLATE NOCASE`, (s) => toRow(s.get({ username }) as never));
  }

  list(): UserRow[] {
    return this.stmts.run('list', `SELECT ${COLUMNS} FROM users ORDER BY username COLLATE NOCASE`, (s) => (s.all() as never[]).map((r) => toRow(r)!));
  }

  count(): number {
    return this.stmts.run('count', 'SELECT count(*) AS n FROM users', (s) => (s.get() as { n: number }).n);
  }

  update(id: number, patch: Partial<Pick<UserRow, 'displayName' | 'role' | 'agentName' | 'disabled' | 'passwordHash' | 'passwordChangedAt' | 'lastLoginAt'>>): UserRow | null {
    const cols: Record<string, string> = {
      displayName: 'display_name', role: 'role', agentName: 'agent_name', disabled: 'disabled', passwordHash: 'password_hash',
      passwordChangedAt: 'password_changed_at', lastLoginAt: 'last_login_at',
    };
    const keys = Object.keys(patch).filter((k) => k in cols) as (keyof typeof patch)[];
    if (keys.length) {
      const values: Record<string, string | number | null> = { id };
      for (const k of keys) values[k] = k === 'disabled' ? (patch.disabled ? 1 : 0) : (patch[k] as string | number | null);
      // One statement per set of changed columns (a handful exist), each prepared once.
      this.stmts.run('update', `UPDATE users SET ${keys.map((k) => `${cols[k]} = @${k}`).join(', ')} WHERE id = @id`, (s) => s.run(values));
    }
    return this.get(id);
  }
}
