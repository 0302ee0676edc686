import { BrokenCircuitError, IsolatedCircuitError, TaskCancelledError } from 'cockatiel';
import type { ErrorCategory } from '../../preload/contract/errors.js';
import { AppError, isAppError } from '../errors.js';
import { scrubSecrets } from '../util/scrub-secrets.js';

/**
 * What the queue does with a failed attempt:
 *  - permanent: fail now with the hint (401, 422, unsupported media, missing file): retrying cannot help;
 *  - transient: retry with backoff up to maxAttempts (network, 408, 429, 5xx, timeouts);
 *  - circuit: the provider's breaker refused the call: wait for network without burning an attempt.
 * `tripsBreaker` says whether the failure counts towards opening the provider's circuit: outages
 * (network, timeouts, 5xx) do; a 429 does not (the provider is up, it asked us to slow down) and
 * neither does a bad file.
 */
export interface Verdict {
  kind: 'permanent' | 'transient' | 'circuit';
  error: AppError;
  tripsBreaker: boolean;
  /** Seconds the provider asked us to wait (Retry-After). */
  retryAfterSec?: number;
}

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH',
  'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);

const PERMANENT: ReadonlySet<ErrorCategory> = new Set(['auth', 'invalid_input', 'unsupported_media', 'not_found']);

function errCode(e: unknown): string | undefined {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

export const timeoutError = (sec: number) =>
  new AppError('network', `The provider did not answer within ${sec} s.`, 'The step retries by itself; raise "requestTimeoutSec" in Settings for very long calls.', {
    details: { timeout: true },
  });

/** Any thrown value → an AppError the queue can store and show. */
export function toAppError(e: unknown, timeoutSec: number): AppError {
  if (isAppError(e)) return e;
  if (e instanceof TaskCancelledError) return timeoutError(timeoutSec);
  if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) {
    return new AppError('network', 'The provider is unreachable; waiting for it to come back.', 'Nothing to do: the step resumes by itself when the connection is back.');
  }
  const code = errCode(e);
  if ((code && NETWORK_CODES.has(code)) || (e instanceof TypeError && /fetch failed|network/i.test(e.message))) {
    return new AppError('network', 'Could not reach the provider (connection failed).', 'Check the internet connection; the step retries by itself.', {
      cause: e, details: { code },
    });
  }
  return new AppError('internal', 'The step failed unexpectedly.', 'It is retried automatically; if it keeps failing, send the log file to support.', { cause: e });
}

/** The same error with any API key removed from its message and hint (providers may echo the key). */
function scrubbed(error: AppError): AppError {
  const message = scrubSecrets(error.message);
  const hint = scrubSecrets(error.hint);
  if (message === error.message && hint === error.hint) return error;
  return new AppError(error.category, message, hint, { details: error.details });
}

export function classify(e: unknown, timeoutSec: number): Verdict {
  const error = scrubbed(toAppError(e, timeoutSec));
  if (e instanceof BrokenCircuitError || e instanceof IsolatedCircuitError) return { kind: 'circuit', error, tripsBreaker: false };
  const status = typeof error.details.status === 'number' ? error.details.status : undefined;
  const retryAfter = typeof error.details.retryAfterSec === 'number' && error.details.retryAfterSec >= 0 ? error.details.retryAfterSec : undefined;
  if (PERMANENT.has(error.category)) return { kind: 'permanent', error, tripsBreaker: false };
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return { kind: 'permanent', error, tripsBreaker: false };
  }
  if (error.category === 'rate_limit' || status === 429) return { kind: 'transient', error, tripsBreaker: false, retryAfterSec: retryAfter };
  const outage = error.category === 'network' || (error.category === 'provider' && (status === undefined || status >= 500 || status === 408));
  return { kind: 'transient', error, tripsBreaker: outage, retryAfterSec: retryAfter };
}

/** Predicate for cockatiel's handleWhen: which failures the circuit breaker counts. */
export const tripsBreaker = (e: unknown): boolean => classify(e, 0).tripsBreaker;
