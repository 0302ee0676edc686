import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Logger } from 'pino';
import {
  operations,
  roles,
  type OperationName,
  type Operations,
  type OpOutput,
  type Result,
  type Role,
} from '../../preload/contract/index.js';
import { AppError, toErrorInfo } from '../errors.js';

/** Who is calling and how. Handlers use it for audit entries and cancellation. */
export interface CallContext {
  role: Role;
  actor: string;
  transport: 'ipc' | 'http' | 'internal';
  requestId: string;
}

export type Handler<K extends OperationName> = (
  input: z.output<Operations[K]['input']>,
  ctx: CallContext,
) => OpOutput<Operations[K]> | Promise<OpOutput<Operations[K]>>;

export type HandlerMap = { [K in OperationName]: Handler<K> };

export interface Registry {
  invoke(name: string, input: unknown, ctx?: Partial<CallContext>): Promise<Result<unknown>>;
  has(name: string): name is OperationName;
}

export const localAdmin: Omit<CallContext, 'requestId' | 'transport'> = { role: 'admin', actor: 'local-user' };

const roleRank = (r: Role) => roles.indexOf(r);

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
export function createRegistry(handlers: HandlerMap, logger: Logger): Registry {
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
      if (roleRank(ctx.role) < roleRank(def.role)) {
        return fail(new AppError('auth', `"${name}" needs the ${def.role} role; you are ${ctx.role}.`, 'Ask an administrator for access.'));
      }
      const strict = inputOf(name);
      const parsed = strict.schema.safeParse(input ?? {});
      if (!parsed.success) {
        return fail(new AppError('invalid_input', `Invalid input for ${name}: ${describeIssues(parsed.error, strict.known)}`, 'Correct the highlighted fields and try again.'));
      }
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

function fail(e: AppError): Result<never> {
  return { ok: false, error: e.toInfo() };
}
