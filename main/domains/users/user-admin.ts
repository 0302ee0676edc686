import type { AuditDao } from '../../../db/dao/audit-dao.js';
import type { UserRow } from '../../../db/dao/users-dao.js';
import type { Role } from '../../../preload/contract/define.js';
import type { UserView } from '../../../preload/contract/schemas/auth.js';
import type { AuthService } from '../../auth/auth-service.js';
import { checkPasswordRules, generatePassword, hashPassword } from '../../auth/passwords.js';
import { AppError } from '../../errors.js';
import { Username } from '../../../preload/contract/schemas/auth.js';

export const toUserView = (u: UserRow): UserView => ({
  id: u.id, username: u.username, displayName: u.displayName, role: u.role, agentName: u.agentName, disabled: u.disabled,
  createdAt: u.createdAt, lastLoginAt: u.lastLoginAt,
});

const noSuchUser = (id: number | string) => new AppError('not_found', `No user ${typeof id === 'number' ? `#${id}` : `"${id}"`}.`, 'List the accounts (GET /api/v1/users, or `npm run users -- list`).');

/**
 * Account management, one implementation for the Users view, the API and `npm run users`: the rules
 * (password policy, an agent needs an agent name, the last admin stays), audit entries, and the
 * sessions that end when a password, role or disabled flag changes.
 */
export class UserAdmin {
  constructor(private readonly auth: AuthService, private readonly audit: AuditDao, private readonly now: () => number = Date.now) {}

  list(): UserView[] {
    return this.auth.users.list().map(toUserView);
  }

  find(username: string): UserRow {
    const u = this.auth.users.byUsername(username);
    if (!u) throw noSuchUser(username);
    return u;
  }

  async create(input: { username: string; displayName?: string; role: Role; agentName?: string | null; password?: string }, actor: string): Promise<{ user: UserView; password: string | null }> {
    // The one username rule, for the API and `npm run users` alike (the CLI has no schema in front of it).
    const name = Username.safeParse(input.username);
    if (!name.success) {
      throw new AppError('invalid_input', `"${input.username}" is not a valid username: ${name.error.issues[0]?.message ?? 'invalid'}.`, 'Pick a username of letters, digits and . _ @ - (2 to 64 characters), e.g. "dana.ruiz".');
    }
    if (this.auth.users.byUsername(input.username)) throw new AppError('invalid_input', `A user named "${input.username}" already exists.`, 'Pick another username, or change that account instead.');
    const agentName = input.agentName ?? null;
    requireAgentName(input.role, agentName);
    const generated = input.password === undefined ? generatePassword() : null;
    const password = input.password ?? generated!;
    if (generated === null) await checkPasswordRules(password, input.username);
    const row = this.auth.users.insert({
      username: input.username, displayName: input.displayName ?? input.username, role: input.role, agentName, passwordHash: await hashPassword(password), now: this.now(),
    });
    this.audit.record({ actor, entity: 'user', entityId: row.username, action: 'create', newValue: { role: row.role, agentName: row.agentName } });
    return { user: toUserView(row), password: generated };
  }

  update(id: number, patch: { displayName?: string; role?: Role; agentName?: string | null; disabled?: boolean }, actor: string): UserView {
    const before = this.auth.users.get(id);
    if (!before) throw noSuchUser(id);
    const role = patch.role ?? before.role;
    const agentName = patch.agentName === undefined ? before.agentName : patch.agentName;
    requireAgentName(role, agentName);
    if (before.role === 'admin' && !before.disabled && (role !== 'admin' || patch.disabled === true) && this.activeAdmins() === 1) {
      throw new AppError('invalid_input', `${before.username} is the last active admin.`, 'Make another user admin first, so someone can still manage accounts.');
    }
    const after = this.auth.users.update(id, { ...patch, agentName })!;
    const changed = (['displayName', 'role', 'agentName', 'disabled'] as const).filter((k) => before[k] !== after[k]);
    if (!changed.length) return toUserView(after);
    this.audit.record({
      actor, entity: 'user', entityId: after.username, action: 'update',
      oldValue: Object.fromEntries(changed.map((k) => [k, before[k]])), newValue: Object.fromEntries(changed.map((k) => [k, after[k]])),
    });
    // What a session may do was decided at sign-in: a new role or a disable takes effect now.
    if (changed.some((k) => k === 'role' || k === 'disabled' || k === 'agentName')) this.auth.revokeSessions(id);
    return toUserView(after);
  }

  async setPassword(id: number, password: string | undefined, actor: string): Promise<string | null> {
    const user = this.auth.users.get(id);
    if (!user) throw noSuchUser(id);
    const generated = password === undefined ? generatePassword() : null;
    if (generated === null) await checkPasswordRules(password!, user.username);
    this.auth.users.update(id, { passwordHash: await hashPassword(password ?? generated!), passwordChangedAt: this.now() });
    this.auth.revokeCredentials(id, actor);
    this.audit.record({ actor, entity: 'user', entityId: user.username, action: 'password_reset' });
    return generated;
  }

  private activeAdmins(): number {
    return this.auth.users.list().filter((u) => u.role === 'admin' && !u.disabled).length;
  }
}

function requireAgentName(role: Role, agentName: string | null): void {
  if (role === 'agent' && !agentName) {
    throw new AppError('invalid_input', 'An agent account needs an agent name: it decides which calls the agent sees.', 'Give the name exactly as it appears in the Agent column of Calls (--agent "Dana Ruiz").');
  }
}
