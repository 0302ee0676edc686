import type { Result } from '../../preload/contract/index.js';
import type { ErrorCategory } from '../../preload/contract/errors.js';
import { toErrorInfo } from '../errors.js';
import { statusForCategory } from './http-status.js';

/** Every JSON answer of the API: the envelope as text, never cached, its length known up front. */
export function jsonResponse(status: number, body: unknown): Response {
  const text = JSON.stringify(body);
  return new Response(text, {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'Content-Length': String(Buffer.byteLength(text)) },
  });
}

/** A result envelope with the status its error category maps to. */
export function resultResponse(result: Result<unknown>): Response {
  return jsonResponse(result.ok ? 200 : statusForCategory[result.error.category], result);
}

export function failure(category: ErrorCategory, message: string, hint: string, status = statusForCategory[category]): Response {
  return jsonResponse(status, { ok: false, error: { category, message, hint } });
}

/** Any thrown error as the envelope (unknown errors become `internal`, their text never leaks). */
export function errorResponse(e: unknown): Response {
  const info = toErrorInfo(e);
  return jsonResponse(statusForCategory[info.category], { ok: false, error: info });
}
