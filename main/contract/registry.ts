import { userInfo } from 'node:os';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import {
  operations,
  roles,
  type AgentScope,
  type OperationDef,
  type OperationName,
  type Operations,
  type OpOutput,
  type Result,
  type Role,
} from '../../preload/contract/index.js';
import { AppError, noSuchRecording, toErrorInfo } from '../errors.js';
import { blindFor, filtersExcept, noBlindCalls, type BlindCalls } from './blindness.js';

/** Who is calling and how. Handlers use it for audit entries, scoping and cancellation. */
export interface CallContext {
  /** `anonymous`: nobody signed in (users mode); only public operations answer. */
  role: Role | 'anonymous';
  /** The name audit entries carry: the username, `local-user` (the owner), `signed-url`. */
  actor: string;
  /** The account; null for the local owner and anonymous callers. */
  userId: number | null;
  /** Set for role agent only: every read is limited to calls of this agent. */
  agentName: string | null;
  transport: 'ipc' | 'http' | 'internal';
  requestId: string;
}

/** What the registry asks the core to enforce an agent's scope. */
export interface AccessRules {
  /** The recording is one of this agent's calls. */
  agentOwns(agentName: string, recordingId: number): boolean;
  /** The calls this account scores blind in calibration, each with its session's name (blindness.ts). */
  blindCalls?(userId: number): BlindCalls;
}

/** The calls a caller scores blind: none for the local owner and anonymous callers (no account). */
export const blindCallsOf = (access: AccessRules, ctx: Pick<CallContext, 'userId'>): BlindCalls =>
  ctx.userId === null || !access.blindCalls ? noBlindCalls : access.blindCalls(ctx.userId);

export type Handler<K extends OperationName> = (
  input: z.output<Operations[K]['input']>,
  ctx: CallContext,
) => OpOutput<Operations[K]> | Promise<OpOutput<Operations[K]>>;

export type HandlerMap = { [K in OperationName]: Handler<K> };

export interface Registry {
  invoke(name: string, input: unknown, ctx?: Partial<CallContext>): Promise<Result<unknown>>;
  has(name: string): name is OperationName;
}

/** Who the desktop and the launch token act as: this computer's user (what the audit trail shows). */
function osUserName(): string {
  try {
    return userInfo().username || 'local-user';
  } catch {
    return 'local-user';
  }
}
export const localAdmin: Omit<CallContext, 'requestId' | 'transport'> = { role: 'admin', actor: osUserName(), userId: null, agentName: null };
export const anonymous: Omit<CallContext, 'requestId' | 'transport'> = { role: 'anonymous', actor: 'anonymous', userId: null, agentName: null };

/** anonymous ranks below every role. */
export const roleRank = (r: Role | 'anonymous') => (r === 'anonymous' ? -1 : roles.indexOf(r));

/** "logLevel: must be one of …; port: too big" — short enough for a toast, precise enough to fix. */
function describeIssues(error: z.ZodError, known: string[]): string {
  return error.issues
    .slice(0, 5)
    .map((i) =>
      i.code === 'unrecognized_keys' && !i.path.length
        ? `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k.slice(0, 60)}"`).join(', ')} (known fields: ${known.join(', ') || 'none'})`
        : `${i.path.length ? i.path.join('.') : '(input)'}: ${i.message}`,
    )
    .join('; ');
}

/**
 * Every operation's top-level input refuses unknown keys (`rubric` for `rubricId` must not be
 * silently ignored): done here once, so no schema can forget it.
 */
function strictInput(schema: z.ZodType): { schema: z.ZodType; known: string[] } {
  if (schema instanceof z.ZodObject) return { schema: schema.strict(), known: Object.keys(schema.shape) };
  return { schema, known: [] };
}

/**
 * The one place an operation runs, for every transport: validate input, check role, run the handler,
 * validate output, and turn anything thrown into `{ok:false,error}`. Nothing throws across it.
 */
export function createRegistry(handlers: HandlerMap, logger: Logger, access: AccessRules = { agentOwns: () => false }): Registry {
  const has = (name: string): name is OperationName => Object.hasOwn(operations, name);
  const inputs = new Map<string, ReturnType<typeof strictInput>>();
  const inputOf = (name: OperationName) => {
    let i = inputs.get(name);
    if (!i) inputs.set(name, (i = strictInput(operations[name].input)));
    return i;
  };
  return {
    has,
    async invoke(name, input, partialCtx = {}) {
      const ctx: CallContext = { ...localAdmin, transport: 'internal', requestId: randomUUID(), ...partialCtx };
      if (!has(name)) {
        return fail(new AppError('not_found', `Unknown operation "${name}".`, 'Check the operation name against GET /api/v1/openapi.json.'));
      }
      const def = operations[name];
      const denied = checkRole(name, def, ctx);
      if (denied) return fail(denied);
      const strict = inputOf(name);
      const parsed = strict.schema.safeParse(input ?? {});
      if (!parsed.success) {
        return fail(new AppError('invalid_input', `Invalid input for ${name}: ${describeIssues(parsed.error, strict.known)}`, 'Correct the highlighted fields and try again.'));
      }
      if (ctx.role === 'agent') {
        const input = parsed.data as Record<string, unknown>;
        const scoped = scopeForAgent(def.scope, input, recordingOf(input), filtersByAgent(def.input), ctx.agentName!, access);
        if (scoped instanceof AppError) return fail(scoped);
        parsed.data = scoped;
      }
      const data = parsed.data as Record<string, unknown>;
      const blinded = blindFor(def, data, typeof data.id === 'number' ? data.id : null, filtersExcept(def.input), blindCallsOf(access, ctx));
      if (blinded instanceof AppError) return fail(blinded);
      parsed.data = blinded;
      const log = logger.child({ op: name, requestId: ctx.requestId });
      const t0 = performance.now();
      try {
        const handler = handlers[name] as (i: unknown, c: CallContext) => unknown;
        const value = await handler(parsed.data, ctx);
        const checked = def.output.safeParse(value);
        if (!checked.success) {
          log.error({ issues: checked.error.issues.slice(0, 5) }, 'handler returned data that violates the contract');
          return fail(new AppError('internal', 'The app produced an invalid response.', 'This is a bug; send the log file to support.'));
        }
        log.debug({ ms: Math.round(performance.now() - t0) }, 'operation ok');
        return { ok: true, value: checked.data };
      } catch (e) {
        const info = toErrorInfo(e);
        if (info.category === 'internal') log.error({ err: e }, 'operation failed with an unexpected error');
        else log.info({ category: info.category, message: info.message }, 'operation failed');
        return { ok: false, error: info };
      }
    },
  };
}

/** Deny by default: every operation declares its least role; anonymous callers reach only public ones. */
export function checkRole(name: string, def: { role: OperationDef['role'] }, ctx: Pick<CallContext, 'role' | 'agentName'>): AppError | null {
  if (def.role === 'public') return null;
  if (ctx.role === 'anonymous') return new AppError('auth', 'Sign in first.', 'Sign in (POST /api/v1/auth/login), or send "Authorization: Bearer <token>".');
  if (roleRank(ctx.role) < roleRank(def.role)) {
    return new AppError('forbidden', `"${name}" needs the ${def.role} role; you are ${ctx.role}.`, 'Ask an administrator for access.');
  }
  if (ctx.role === 'agent' && !ctx.agentName) {
    return new AppError('forbidden', 'Your account is not linked to an agent name, so it has no calls to show.', 'Ask an administrator to set your agent name.');
  }
  return null;
}

/** The recording a `recording`-scoped operation is about: its path id, or a body's `recordingId` (POST /api/v1/disputes). */
const recordingOf = (input: Record<string, unknown>): number | null =>
  typeof input.id === 'number' ? input.id : typeof input.recordingId === 'number' ? input.recordingId : null;

/** Whether a call filter has an `agent` field that scoping can force. */
export const filtersByAgent = (schema: z.ZodType | undefined): boolean => schema instanceof z.ZodObject && 'agent' in schema.shape;

/**
 * The one rule for what an agent may reach, for operations and raw HTTP routes alike: a recording of
 * another agent answers exactly like a recording that does not exist; a call filter's agent is theirs
 * whatever they asked for (or left out). Deny by default: a route open to agents that declares no
 * scope, or a `calls` scope whose filter has no agent field to force, is refused.
 */
export function scopeForAgent(
  scope: AgentScope | undefined,
  input: Record<string, unknown>,
  /** The recording a `recording`-scoped call is about (the input's or the path's id). */
  recordingId: number | null,
  filterHasAgent: boolean,
  agentName: string,
  access: AccessRules,
): Record<string, unknown> | AppError {
  switch (scope) {
    case 'recording':
      if (recordingId === null || !access.agentOwns(agentName, recordingId)) return noSuchRecording(recordingId ?? 0);
      return input;
    case 'calls':
      if (!filterHasAgent) return new AppError('forbidden', 'This call list cannot be limited to your own calls.', 'Ask a reviewer; this is a bug in the contract.');
      return { ...input, agent: agentName };
    case 'self':
    case 'none':
      return input;
    default:
      return new AppError('forbidden', 'This operation declares no scope for agents.', 'This is a bug in the contract.');
  }
}

function fail(e: AppError): Result<never> {
  return { ok: false, error: e.toInfo() };
}
