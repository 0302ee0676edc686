import { z } from 'zod';
import { ErrorInfo } from './errors.js';

/**
 * Roles, least to most privileged. The desktop app and the launch token are the local owner, `admin`.
 * agent: their own calls only · reviewer: calls, scoring, overrides, exports · lead: rubrics and the
 * team's QA work · admin: users, keys, settings, everything.
 */
export const roles = ['agent', 'reviewer', 'lead', 'admin'] as const;
export type Role = (typeof roles)[number];

/**
 * What an agent's call is limited to: `recording` — the input's `id` is a recording that must be one of
 * the agent's own calls (anything else answers 404, as if it did not exist); `calls` — a call filter
 * whose `agent` is forced to the agent's own name (lists, search, dashboard figures); `self` — about the
 * caller only (their session, their tokens); `none` — not call data (rubric wording, health).
 */
export type AgentScope = 'recording' | 'calls' | 'self' | 'none';

/**
 * Who may call an operation, declared on each one (deny by default: there is no default). `role` is
 * the least role allowed; `public` needs no sign-in (signing in itself). An operation open to agents
 * must say how its data is limited to their own calls.
 */
export type Access = ({ role: 'agent'; scope: AgentScope } | { role: Exclude<Role, 'agent'> | 'public'; scope?: AgentScope }) & {
  /**
   * Calibration blindness (main/contract/blindness.ts), for a reviewer scoring calls blind: `safe`
   * says this carries no AI answer and no reviewer's answer (a transcript, the audio, settings), so it
   * answers them as usual. Left out — deny by default — an operation or route about a recording is
   * refused for a call they score blind, a call list leaves those calls out, and anything else is
   * refused while they score.
   */
  blind?: BlindRule;
};

/** See Access.blind. */
export type BlindRule = 'safe';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One operation of the contract. Both transports serve it: Electron IPC by `name`, browser mode by
 * `method` + `path`. For HTTP, path params, the query string (GET/DELETE) and the JSON body
 * (POST/PUT/PATCH) are merged into one object and validated by `input`, so handlers never see raw
 * transport data.
 */
export type OperationDef<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = OperationBase<I, O> & Access;

interface OperationBase<I extends z.ZodType, O extends z.ZodType> {
  method: HttpMethod;
  /** OpenAPI-style path, e.g. `/api/v1/recordings/{id}`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  input: I;
  output: O;
  /** Shown in the OpenAPI document; also checked against the schemas by a test. */
  example: { input: z.input<I>; output: z.output<O> };
}

export const defineOperation = <I extends z.ZodType, O extends z.ZodType>(d: OperationDef<I, O>) => d;

export interface EventDef<P extends z.ZodType = z.ZodType> {
  summary: string;
  payload: P;
}
export const defineEvent = <P extends z.ZodType>(d: EventDef<P>) => d;

/** What every call returns across a boundary. Nothing throws across it. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
export const resultSchema = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: ErrorInfo }),
  ]);

export type OperationMap = Record<string, OperationDef>;
export type EventMap = Record<string, EventDef>;

export type OpInput<D extends OperationDef> = z.input<D['input']>;
export type OpOutput<D extends OperationDef> = z.output<D['output']>;
export type EventPayload<D extends EventDef> = z.output<D['payload']>;

/** Merge per-domain operation maps, refusing duplicate names or duplicate method+path pairs. */
export function combineOperations<T extends OperationMap[]>(...maps: T): UnionToIntersection<T[number]> {
  const out: OperationMap = {};
  const routes = new Map<string, string>();
  for (const map of maps) {
    for (const [name, def] of Object.entries(map)) {
      if (name in out) throw new Error(`Duplicate contract operation name: ${name}`);
      const route = `${def.method} ${def.path}`;
      const clash = routes.get(route);
      if (clash) throw new Error(`Operations ${clash} and ${name} both use ${route}`);
      routes.set(route, name);
      out[name] = def;
    }
  }
  return out as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void
  ? I
  : never;
