import type { IncomingMessage } from 'node:http';
import type { RouteResult } from './server-core.js';

/**
 * OpenAI's error envelope (`ErrorResponse` in the spec: {error:{message,type,param,code}}) and the
 * messages the real service sends, so SDK error mapping (APIError subclasses) sees the real thing.
 */
export const ERROR_SCHEMA = '#/components/schemas/ErrorResponse';

export function openaiError(
  status: number,
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
  headers?: Record<string, string>,
): RouteResult {
  return {
    status,
    body: { error: { message, type, param, code } },
    schema: ERROR_SCHEMA,
    ...(headers ? { headers } : {}),
  };
}

export function invalidRequest(message: string, param: string | null = null, code: string | null = null): RouteResult {
  return openaiError(400, message, 'invalid_request_error', param, code);
}

export function openaiAuth(acceptedKeys: readonly string[]) {
  return (req: IncomingMessage, forceInvalid: boolean): RouteResult | null => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match) {
      return openaiError(
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        'invalid_request_error',
      );
    }
    const key = match[1] ?? '';
    if (forceInvalid || !acceptedKeys.includes(key)) {
      const masked = key.length > 8 ? `${key.slice(0, 3)}*****${key.slice(-4)}` : '*****';
      return openaiError(
        401,
        `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        'invalid_request_error',
        null,
        'invalid_api_key',
      );
    }
    return null;
  };
}

export function openaiErrorResult(kind: 'rate_limit' | 'server_error' | 'unavailable' | 'not_found', retryAfterSeconds: number): RouteResult {
  switch (kind) {
    case 'rate_limit':
      return openaiError(429, 'Rate limit reached for requests. Please try again in a moment.', 'requests', null, 'rate_limit_exceeded', {
        'retry-after': String(retryAfterSeconds),
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': `${retryAfterSeconds}s`,
      });
    case 'server_error':
      return openaiError(500, 'The server had an error while processing your request. Sorry about that!', 'server_error');
    case 'unavailable':
      return openaiError(503, 'The engine is currently overloaded, please try again later.', 'server_error', null, null);
    case 'not_found':
      return openaiError(404, 'Invalid URL', 'invalid_request_error');
  }
}

/** The 400 the real API sends for a body that breaks the request schema, built from ajv's errors. */
export function schemaRejection(errors: string[]): RouteResult {
  const first = errors[0] ?? 'invalid request';
  const unknown = /additional properties '([^']+)'/.exec(first);
  if (unknown) return invalidRequest(`Unrecognized request argument supplied: ${unknown[1]}`, unknown[1] ?? null, 'unknown_parameter');
  const param = /^\/([^/ ]+)/.exec(first)?.[1] ?? null;
  return invalidRequest(`Invalid request: ${errors.join('; ')}`, param, 'invalid_value');
}
