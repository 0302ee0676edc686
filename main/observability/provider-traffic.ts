import type { EgressRow } from '../../db/dao/egress-dao.js';
import { currentRequestFacts, jobScope } from './job-scope.js';
import { activeTraceIds } from './tracing.js';

/** One HTTP exchange with a provider, as the egress ledger and the metrics record it. */
export type ProviderExchange = EgressRow & { traceId: string | null };

export type ExchangeSink = (x: ProviderExchange) => void;

/** Bounded operation names for metrics labels (paths of the APIs we call; anything else is "other"). */
const operations: [RegExp, string][] = [
  [/\/audio\/transcriptions$/, 'transcriptions'],
  [/\/chat\/completions$/, 'chat.completions'],
  [/\/responses$/, 'responses'],
  [/\/speech-to-text$/, 'speech_to_text'],
  [/\/models(\/[^/]+)?$/, 'models'],
  [/\/user(\/[^/]+)?$/, 'user'],
];
export const operationOf = (path: string): string => operations.find(([re]) => re.test(path))?.[1] ?? 'other';

interface MeasuredBody {
  body: RequestInit['body'];
  /** Counted as the body is sent (streams) or known up front. */
  bytes: () => number;
  model: string | null;
  contentType?: string;
}

const modelOfJson = (text: string): string | null => {
  try {
    const v = (JSON.parse(text) as { model?: unknown }).model;
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
};

/**
 * The request body as it will be sent, with its size. A FormData body (the SDKs' uploads) is
 * serialised here so its exact size is known and it still goes with a Content-Length; a stream is
 * counted as it flows. The SDKs already hold an upload in memory (ElevenLabs buffers the file, OpenAI
 * chunks stay under 25 MB), so the one serialised copy is bounded the same way.
 */
async function measure(body: RequestInit['body']): Promise<MeasuredBody> {
  if (body == null) return { body, bytes: () => 0, model: null };
  if (typeof body === 'string') return { body, bytes: () => Buffer.byteLength(body), model: modelOfJson(body) };
  if (body instanceof FormData) {
    const model = body.get('model') ?? body.get('model_id');
    const r = new Response(body);
    const bytes = new Uint8Array(await r.arrayBuffer());
    return { body: bytes, bytes: () => bytes.byteLength, model: typeof model === 'string' ? model : null, contentType: r.headers.get('content-type') ?? undefined };
  }
  if (body instanceof URLSearchParams) {
    const text = body.toString();
    return { body: text, bytes: () => Buffer.byteLength(text), model: body.get('model') };
  }
  if (body instanceof Blob) return { body, bytes: () => body.size, model: null };
  if (body instanceof ArrayBuffer || ArrayBuffer.isView(body)) return { body, bytes: () => body.byteLength, model: null };
  if (body instanceof ReadableStream) {
    let n = 0;
    const counted = (body as ReadableStream<Uint8Array>).pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, c) {
        n += chunk.byteLength;
        c.enqueue(chunk);
      },
    }));
    return { body: counted, bytes: () => n, model: null };
  }
  return { body, bytes: () => 0, model: null };
}

/** The response with its body counted as the SDK reads it; `done` runs once, at the end, on error or on cancel. */
function countResponse(res: Response, done: (received: number, error: string | null) => void): Response {
  if (!res.body) {
    done(0, null);
    return res;
  }
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  let received = 0;
  let finished = false;
  const finish = (error: string | null) => {
    if (finished) return;
    finished = true;
    done(received, error);
  };
  const body = new ReadableStream<Uint8Array>({
    async pull(c) {
      try {
        const { done: end, value } = await reader.read();
        if (end) {
          finish(null);
          c.close();
          return;
        }
        received += value.byteLength;
        c.enqueue(value);
      } catch (e) {
        finish(e instanceof Error ? e.message : String(e));
        c.error(e);
      }
    },
    cancel(reason) {
      finish('response body not read to the end');
      return reader.cancel(reason);
    },
  });
  const out = new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
  Object.defineProperty(out, 'url', { value: res.url });
  return out;
}

const urlOf = (input: string | URL | Request): string => (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);

/**
 * A fetch for one provider's SDK client that reports every exchange to `sink` (egress ledger,
 * metrics): when, which recording and step (from the job scope), endpoint, model, bytes each way,
 * status, provider request id and duration. Non-HTTP URLs (openai-node probes `data:`) pass through.
 */
export function providerFetch(provider: string, sink: ExchangeSink, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(urlOf(input));
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return base(input, init);
    const at = Date.now();
    const t0 = performance.now();
    const scope = jobScope.getStore();
    const facts = currentRequestFacts();
    const traceId = activeTraceIds().trace_id ?? null;
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const measured = await measure(init?.body);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (measured.contentType) headers.set('content-type', measured.contentType);
    const exchange = (status: number | null, received: number, error: string | null, requestId: string | null) =>
      sink({
        at, recordingId: scope?.recordingId ?? null, jobId: scope?.jobId ?? null, step: scope?.step ?? null,
        provider, operation: operationOf(url.pathname), endpoint: `${method} ${url.pathname}`, model: measured.model,
        bytesSent: measured.bytes(), bytesReceived: received, audioSec: facts?.audioSec ?? null, charsSent: facts?.charsSent ?? null,
        status, error, requestId, traceId, durationMs: Math.round(performance.now() - t0),
      });
    let res: Response;
    try {
      res = await base(input, { ...init, headers, ...(init?.body != null ? { body: measured.body } : {}) });
    } catch (e) {
      exchange(null, 0, e instanceof Error ? e.message : String(e), null);
      throw e;
    }
    const requestId = res.headers.get('x-request-id') ?? res.headers.get('request-id');
    return countResponse(res, (received, error) => exchange(res.status, received, error, requestId));
  };
}
