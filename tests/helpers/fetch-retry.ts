/**
 * fetch that survives the one failure no test should see: a kept-alive connection the server closed
 * (its keepAliveTimeout) just as the client reused it. The request then dies with ECONNRESET, EPIPE or
 * undici's "other side closed" before the server read it. Browsers send it again on a fresh
 * connection; Node's fetch does not, so this does, once. Any other error, or a second reset, is the
 * test's to see.
 */
type FetchInput = Parameters<typeof fetch>[0];

const STALE_CONNECTION = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

export function isStaleConnection(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code !== undefined && STALE_CONNECTION.has(cause.code);
}

/** A body that can be sent twice (a stream is consumed by the first try). */
function replayable(input: FetchInput, init?: RequestInit): boolean {
  if (input instanceof Request && input.body) return false;
  const body = init?.body;
  return body === undefined || body === null || !(body instanceof ReadableStream);
}

const WRAPPED = Symbol('retries stale connections');

/** The fetch underneath a wrapped one (tests of the helper itself need to see the bare failure). */
export function unwrapped(f: typeof fetch): typeof fetch {
  return (f as unknown as Record<symbol, typeof fetch>)[WRAPPED] ?? f;
}

/**
 * The app servers a test started (tests/helpers/serve-process.ts, users-server.ts and the in-process
 * ones register their origin). The wrapped global fetch retries only requests to them: the provider
 * SDKs inside a test process use the same global fetch against fake servers whose injected resets
 * are the thing under test, and must see every one.
 */
const serversUnderTest = new Set<string>();
export const retryStaleConnectionsTo = (origin: string): void => void serversUnderTest.add(origin);
const toServerUnderTest = (input: FetchInput): boolean => {
  try {
    return serversUnderTest.has(new URL(input instanceof Request ? input.url : input).origin);
  } catch {
    return false;
  }
};

export function withStaleConnectionRetry(base: typeof fetch, only: (input: FetchInput) => boolean = () => true): typeof fetch {
  if ((base as unknown as Record<symbol, unknown>)[WRAPPED]) return base; // wrapped once is enough
  const retrying = async (input: FetchInput, init?: RequestInit): Promise<Response> => {
    try {
      return await base(input, init);
    } catch (error) {
      if (!isStaleConnection(error) || !replayable(input, init) || init?.signal?.aborted || !only(input)) throw error;
      return base(input, init);
    }
  };
  Object.defineProperty(retrying, WRAPPED, { value: base });
  return retrying as typeof fetch;
}

/** The global fetch of a test process: retries once, for the app servers under test only. */
export const globalFetchForTests = (base: typeof fetch): typeof fetch => withStaleConnectionRetry(base, toServerUnderTest);
