import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Principal } from '../auth/auth-service.js';
import type { Access } from '../../preload/contract/define.js';
import type { CallContext } from '../contract/registry.js';
import type { Core } from '../core-types.js';

/** What every route sees: Node's request/response when served by Node (uploads read the raw body), the caller. */
export interface HttpEnv {
  Bindings: Partial<HttpBindings>;
  Variables: { ctx: CallContext; principal: Principal | null };
}

export type QuerySchema = z.ZodObject;

/**
 * An HTTP route that does not fit the JSON registry: multipart uploads and file downloads. It runs
 * after the same guards (Host header, bearer token). Its query is validated by `query`, and the
 * OpenAPI document lists exactly that schema's fields (openapi.ts), so the two cannot drift. Who may
 * use it is declared exactly as operations declare it (`role`, and for agents `scope`), and checked
 * by the same two functions (checkRole, scopeForAgent).
 */
export type HttpRoute<Q extends QuerySchema = QuerySchema> = HttpRouteBase<Q> & Access;

interface HttpRouteBase<Q extends QuerySchema> {
  method: 'GET' | 'POST' | 'PUT';
  /** OpenAPI-style template, e.g. `/api/v1/recordings/{id}/report.pdf`; `{id}` is a recording id, except under `/calibrations/{id}` (a session's). */
  path: string;
  query?: Q;
  /** The operation's description minus its parameters, which are generated from the path and `query`. */
  openapi: Record<string, unknown>;
  /** Header parameters (documented only; the route reads them itself). */
  headers?: { name: string; description: string; example: string }[];
  /** Reached without the token when the URL carries `sig`: the route must verify it (audio-route.ts). */
  acceptsSignedUrl?: boolean;
  handle(c: Context<HttpEnv>, input: { id: number | null; query: z.infer<Q> }, ctx: CallContext & { core: Core }): Promise<Response>;
}

/** Keeps each route's query type for its handler while the server holds them as one list. */
export const defineRoute = <Q extends QuerySchema>(route: HttpRoute<Q>): HttpRoute => route;
