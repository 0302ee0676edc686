import { z } from 'zod';
import { roles } from '../define.js';

/** Accounts, sessions and tokens as they cross the boundary (never a hash, never a password once set). */
export const Role = z.enum(roles);

export const Username = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/, 'letters, digits and . _ @ - (2 to 64 characters, starting with a letter or digit)');

export const Me = z.object({
  username: z.string(),
  displayName: z.string(),
  role: Role,
  agentName: z.string().nullable(),
  /** The local owner (desktop, launch token): no account, no sign-out. */
  owner: z.boolean(),
  /** How the server signs people in: token (one local owner) or users (accounts). */
  mode: z.enum(['token', 'users']),
});
export type Me = z.infer<typeof Me>;

export const LoginInput = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const UserView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  role: Role,
  agentName: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.number().int(),
  lastLoginAt: z.number().int().nullable(),
});
export type UserView = z.infer<typeof UserView>;

const agentNameField = z.string().trim().min(1).max(200).nullable().optional()
  .meta({ description: 'Links the user to the `agent` field of calls; required for role agent.', example: 'Dana Ruiz' });

export const CreateUserInput = z.object({
  username: Username,
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role,
  agentName: agentNameField,
  /** Omitted: a random one is generated and returned once. */
  password: z.string().max(256).optional(),
});

export const UpdateUserInput = z.object({
  displayName: z.string().trim().min(1).max(200).optional(),
  role: Role.optional(),
  agentName: agentNameField,
  disabled: z.boolean().optional(),
});

export const CreatedUser = z.object({ user: UserView, password: z.string().nullable() });

export const TokenView = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int().nullable(),
  lastUsedAt: z.number().int().nullable(),
});
export type TokenView = z.infer<typeof TokenView>;

export const CreateTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional().meta({ description: 'Days until it stops working; null or omitted: never.', example: 90 }),
});
export const CreatedToken = z.object({ token: z.string(), view: TokenView });

export const ChangePasswordInput = z.object({ current: z.string().min(1).max(256), next: z.string().max(256) });

export const AuditQuery = z.object({
  actor: z.string().max(100).optional().meta({ description: 'Only entries by this user (username, or local-user).', example: 'dana' }),
  entity: z.string().max(50).optional().meta({ description: 'Only this kind of thing: recording, review, settings, price, rubric, user, auth, api_token…', example: 'auth' }),
  limit: z.coerce.number().int().min(1).max(500).default(100).meta({ description: 'How many entries, newest first.', example: '100' }),
  before: z.coerce.number().int().positive().optional().meta({ description: 'Entries older than this id (the next page).', example: '5120' }),
});
export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
});
export const AuditPage = z.object({ entries: z.array(AuditEntryView), actors: z.array(z.string()) });

/** A worker service's token (the `worker` role: step inputs and results only). */
export const WorkerTokenView = z.object({
  id: z.number().int(),
  name: z.string(),
  createdAt: z.number(),
  createdBy: z.string(),
  lastUsedAt: z.number().nullable(),
});
export type WorkerTokenView = z.infer<typeof WorkerTokenView>;
export const CreatedWorkerToken = z.object({ token: z.string(), view: WorkerTokenView });
