import type { Role } from '../../preload/contract/define.js';
import type { AppDatabase } from '../open.js';

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

/** Accounts (CCA_AUTH=users). Usernames match whatever their case. */
export class UsersDao {
  constructor(private readonly db: AppDatabase) {}

  insert(u: { username: string; displayName: string; role: Role; agentName: string | null; passwordHash: string; now: number }): UserRow {
    return this.db.timed('users.insert', () => {
      const id = Number(this.db.sqlite
        .prepare(`INSERT INTO users (username, display_name, role, agent_name, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(u.username, u.displayName, u.role, u.agentName, u.passwordHash, u.now, u.now).lastInsertRowid);
      return this.get(id)!;
    });
  }

  get(id: number): UserRow | null {
    return toRow(this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE id = ?`).get(id) as never);
  }

  byUsername(username: string): UserRow | null {
    return toRow(this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM users WHERE username = ? COLLATE NOCASE`).get(username) as never);
  }

  list(): UserRow[] {
    return (this.db.sqlite.prepare(`SELECT ${COLUMNS} FROM users ORDER BY username COLLATE NOCASE`).all() as never[]).map((r) => toRow(r)!);
  }

  count(): number {
    return (this.db.sqlite.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  }

  update(id: number, patch: Partial<Pick<UserRow, 'displayName' | 'role' | 'agentName' | 'disabled' | 'passwordHash' | 'passwordChangedAt' | 'lastLoginAt'>>): UserRow | null {
    const cols: Record<string, string> = {
      displayName: 'display_name', role: 'role', agentName: 'agent_name', disabled: 'disabled', passwordHash: 'password_hash',
      passwordChangedAt: 'password_changed_at', lastLoginAt: 'last_login_at',
    };
    const keys = Object.keys(patch).filter((k) => k in cols) as (keyof typeof patch)[];
    if (keys.length) {
      const values = keys.map((k) => (k === 'disabled' ? (patch.disabled ? 1 : 0) : (patch[k] as string | number | null)));
      this.db.timed('users.update', () =>
        this.db.sqlite.prepare(`UPDATE users SET ${keys.map((k) => `${cols[k]} = ?`).join(', ')} WHERE id = ?`).run(...values, id));
    }
    return this.get(id);
  }
}
