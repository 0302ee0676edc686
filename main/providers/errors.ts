import { AppError } from '../errors.js';
import { providerNames, secretFor, type ProviderId } from './provider-ids.js';
import { loadedElevenLabs, loadedOpenAI } from './sdk.js';

/**
 * Provider SDK failures → the app's error categories, with the facts the queue's classifier reads
 * (details.status, details.retryAfterSec). SDK retries are off, so each error is one HTTP exchange.
 *
 *  401/403 → auth (the runner turns it into "waiting for a valid key")
 *  400/422 → unsupported_media or invalid_input with the provider's own message (permanent)
 *  429     → rate_limit with Retry-After
 *  5xx     → provider (transient)
 *  timeouts, resets, DNS → network (transient)
 */
export { providerNames, type ProviderId } from './provider-ids.js';

export function keyHint(provider: ProviderId): string {
  return `Enter a valid key in Settings → API keys → ${secretFor[provider]} (or set the ${secretFor[provider]} environment variable); waiting jobs resume by themselves.`;
}

export function invalidKeyError(provider: ProviderId, status: number, providerMessage: string): AppError {
  return new AppError('auth', `${providerNames[provider]} rejected the API key (${status}): ${providerMessage}`, keyHint(provider), {
    details: { status, provider, needsKey: true },
  });
}

/**
 * A failure that retrying the same request will not fix (refusal, truncated output, a malformed body
 * after the one retry we allow). The queue's classifier treats a 4xx status as permanent, so that is
 * what details.status says; `reason` keeps the real cause for logs and the UI.
 */
export function permanentProviderError(provider: ProviderId, message: string, hint: string, reason: string, cause?: unknown): AppError {
  return new AppError('provider', message, hint, { cause, details: { status: 422, permanent: true, reason, provider } });
}

function retryAfter(headers: Headers | { get(name: string): string | null } | undefined): number | undefined {
  const raw = headers?.get('retry-after');
  if (!raw) return undefined;
  const sec = Number(raw);
  if (Number.isFinite(sec)) return Math.max(0, sec);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, (at - Date.now()) / 1000);
}

function networkError(provider: ProviderId, timedOut: boolean, cause: unknown): AppError {
  return timedOut
    ? new AppError('network', `${providerNames[provider]} did not answer in time.`, 'The step retries by itself; raise "Request timeout" in Settings for very long calls.', {
        cause, details: { timeout: true, provider },
      })
    : new AppError('network', `Could not reach ${providerNames[provider]}.`, 'Check the internet connection (or the base URL in Settings); the step retries by itself.', {
        cause, details: { provider },
      });
}

function byStatus(provider: ProviderId, status: number, message: string, retryAfterSec: number | undefined, requestId: string | undefined, cause: unknown, media: boolean): AppError {
  const details = { status, provider, ...(retryAfterSec !== undefined ? { retryAfterSec } : {}), ...(requestId ? { requestId } : {}) };
  const name = providerNames[provider];
  if (status === 401 || status === 403) return invalidKeyError(provider, status, message);
  if (status === 429) {
    return new AppError('rate_limit', `${name} asked us to slow down (429): ${message}`, 'Nothing to do: the step waits and retries by itself.', { cause, details });
  }
  if (status === 408 || status >= 500) {
    return new AppError('provider', `${name} failed (${status}): ${message}`, 'The step retries by itself.', { cause, details });
  }
  // 400/413/415/422: the provider refused this input. Audio uploads are media problems.
  return new AppError(media ? 'unsupported_media' : 'invalid_input', `${name} rejected the request (${status}): ${message}`,
    media ? 'Check the recording plays and is a supported format; re-import a fixed copy.' : 'Check the model and settings in Settings → Providers.', { cause, details });
}

export function mapOpenAIError(e: unknown, opts: { media?: boolean } = {}): AppError | undefined {
  const OpenAI = loadedOpenAI()?.default;
  if (!OpenAI) return undefined; // the SDK never ran, so this cannot be one of its errors
  if (e instanceof OpenAI.APIConnectionTimeoutError) return networkError('openai', true, e);
  if (e instanceof OpenAI.APIUserAbortError) return undefined; // our own cancel: let the queue see the abort
  if (e instanceof OpenAI.APIConnectionError) return networkError('openai', false, e);
  if (e instanceof OpenAI.APIError && typeof e.status === 'number') {
    const body = e.error as { message?: unknown } | undefined;
    const message = typeof body?.message === 'string' ? body.message : e.message;
    return byStatus('openai', e.status, message, retryAfter(e.headers as Headers | undefined), e.requestID ?? undefined, e, !!opts.media);
  }
  return undefined;
}

/** ElevenLabs error bodies: {"detail":{"status","message"}} or FastAPI's {"detail":[{msg,loc}]} for 422. */
function elevenMessage(body: unknown, fallback: string): string {
  const detail = (body as { detail?: unknown } | undefined)?.detail;
  if (typeof detail === 'string') return detail;
  if (Array.isArray(detail)) {
    return detail.map((d: { msg?: unknown; loc?: unknown }) => `${Array.isArray(d.loc) ? d.loc.join('.') + ': ' : ''}${typeof d.msg === 'string' ? d.msg : JSON.stringify(d.msg ?? '')}`).join('; ') || fallback;
  }
  if (detail && typeof detail === 'object' && typeof (detail as { message?: unknown }).message === 'string') return (detail as { message: string }).message;
  return fallback;
}

export function mapElevenLabsError(e: unknown): AppError | undefined {
  const sdk = loadedElevenLabs();
  if (!sdk) return undefined;
  const { ElevenLabsError, ElevenLabsTimeoutError } = sdk;
  if (e instanceof ElevenLabsTimeoutError) return networkError('elevenlabs', true, e);
  if (e instanceof ElevenLabsError) {
    if (typeof e.statusCode === 'number') {
      const headers = e.rawResponse?.headers;
      const requestId = headers?.get('request-id') ?? headers?.get('x-request-id') ?? undefined;
      return byStatus('elevenlabs', e.statusCode, elevenMessage(e.body, e.message), retryAfter(headers), requestId, e, true);
    }
    // The SDK reports timeouts and connection failures as a plain ElevenLabsError without a status.
    if (/timeout|timed out/i.test(e.message)) return networkError('elevenlabs', true, e);
    if (/abort/i.test(e.message)) return undefined;
    return networkError('elevenlabs', false, e);
  }
  return undefined;
}
