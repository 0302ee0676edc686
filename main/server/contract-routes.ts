import type { Context, Hono } from 'hono';
import { operations, type OperationName } from '../../preload/contract/index.js';
import type { Core } from '../core-types.js';
import { AppError } from '../errors.js';
import { jsonTooDeepAt } from '../util/json-depth.js';
import { queryToObject } from '../util/query-object.js';
import type { HttpEnv } from './http-route.js';
import { routerPath } from '../util/router-path.js';
import { resultResponse } from './json-response.js';
import { pathParams } from './path-params.js';

/** Per-route body limit for JSON operations (multipart routes set their own; README "Limits"). */
export const MAX_JSON_BODY = 1024 * 1024;
/** Operation inputs nest a few levels; validation and logging recurse, so deeper bodies are refused unparsed. */
const MAX_JSON_DEPTH = 32;

const tooLarge = (max: number) => new AppError('invalid_input', `The request body is larger than ${Math.round(max / 1024 / 1024)} MB.`, 'Send smaller requests; upload files with multipart endpoints.');

/**
 * The JSON body of a POST/PUT/PATCH operation: an object, or nothing. A declared length over the
 * limit is refused before the body is touched (Hono's bodyLimit opens the body stream even then,
 * which stops Node from discarding the unread body and stalls the kept-alive connection); an
 * undeclared one is counted while reading.
 */
export async function readJsonBody(request: Request, max = MAX_JSON_BODY): Promise<Record<string, unknown>> {
  if (Number(request.headers.get('content-length') ?? 0) > max) throw tooLarge(max);
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    // Leaving the loop early cancels the stream, so an oversized body is not read to its end.
    for await (const value of (request.body ?? []) as AsyncIterable<Uint8Array>) {
      size += value.length;
      if (size > max) throw tooLarge(max);
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('invalid_input', 'The request body could not be read.', 'Send the request again.');
  }
  if (!size) return {};
  const text = Buffer.concat(chunks).toString('utf8');
  if (jsonTooDeepAt(text, MAX_JSON_DEPTH) !== null) throw new AppError('invalid_input', `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`, 'Send the fields the operation documents (GET /api/v1/openapi.json); none nests that deep.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AppError('invalid_input', 'The request body is not valid JSON.', 'Send a JSON object with Content-Type: application/json.');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AppError('invalid_input', 'The request body must be a JSON object.', 'Wrap the fields in an object: {"field": value}.');
  return parsed as Record<string, unknown>;
}

/**
 * Every contract operation at its REST path: the input is the query (GET/DELETE) or the JSON body,
 * plus the path params; the registry validates, checks the role and runs it. Routes with fewer
 * params go first, so a literal path (`/calls/facets`) wins over a template (`/calls/{id}`) whatever
 * order the domains register in (Hono tries routes in the order they were added).
 */
export function mountContractRoutes(app: Hono<HttpEnv>, core: Core): void {
  const names = (Object.keys(operations) as OperationName[]).sort(
    (a, b) => (operations[a].path.match(/\{/g)?.length ?? 0) - (operations[b].path.match(/\{/g)?.length ?? 0),
  );
  for (const name of names) {
    const def = operations[name];
    const hasBody = def.method !== 'GET' && def.method !== 'DELETE';
    const handler = async (c: Context<HttpEnv>) => {
      const url = new URL(c.req.url);
      const params = pathParams(def.path, url.pathname);
      const input = hasBody ? await readJsonBody(c.req.raw) : queryToObject(url.searchParams);
      return resultResponse(await core.registry.invoke(name, { ...input, ...params }, c.get('ctx')));
    };
    app.on(def.method, routerPath(def.path), handler);
  }
}
