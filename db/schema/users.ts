import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/**
 * Accounts of a shared instance (CCA_AUTH=users). The desktop app and token mode have none: one local
 * owner. `agent_name` links a user to the `agent` field of calls (an agent sees only those). Passwords
 * are argon2id hashes (main/auth/passwords.ts).
 */
export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    agentName: text('agent_name'),
    passwordHash: text('password_hash').notNull(),
    disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
    createdAt: integer('created_at').notNull(),
    lastLoginAt: integer('last_login_at'),
    passwordChangedAt: integer('password_changed_at').notNull(),
  },
  // One account per name whatever its case: "Dana" and "dana" are the same person signing in.
  (t) => [uniqueIndex('users_username_unique').on(sql`${t.username} COLLATE NOCASE`)],
);

/** Server-side sessions: the cookie carries a random 256-bit id, the row only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** Absolute expiry (CCA_SESSION_MAX_DAYS after login), epoch ms. */
    expiresAt: integer('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Personal API tokens (and, later, worker tokens): shown once, stored as SHA-256. */
export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at'),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

/**
 * Worker service tokens (CCA_QUEUE=redis). Not a person: a token of the `worker` role, which may fetch
 * step inputs and audio and return step results, nothing else. Shown once, stored as SHA-256.
 */
export const workerTokens = sqliteTable('worker_tokens', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: integer('created_at').notNull(),
  createdBy: text('created_by').notNull(),
  lastUsedAt: integer('last_used_at'),
  revokedAt: integer('revoked_at'),
});
