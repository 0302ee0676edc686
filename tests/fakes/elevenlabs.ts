import type { IncomingMessage } from 'node:http';
import type { GeneratedCalls } from '../helpers/fixtures.js';
import { speechToTextRoute } from './elevenlabs-stt.js';
import type { FaultPatch } from './faults.js';
import { FixtureRegistry } from './fixtures-registry.js';
import { type FakeServer, type RouteResult, startFakeServer } from './server-core.js';
import { loadSpec } from './spec-check.js';

/**
 * A local stand-in for api.elevenlabs.io that the real `@elevenlabs/elevenlabs-js` SDK can talk to:
 *   POST /v1/speech-to-text.
 * Requests are checked against the committed OpenAPI subset (tests/fakes/spec/elevenlabs.json).
 * Error bodies other than 422 are not in the spec; they follow what the service sends:
 * {"detail":{"status":"...","message":"..."}}.
 */
export interface FakeElevenLabsOptions {
  port?: number;
  host?: string;
  /** Keys accepted in the `xi-api-key` header; default ['test-key']. */
  apiKeys?: string[];
  fixtures?: GeneratedCalls[];
  registry?: FixtureRegistry;
  /** Audio not in the registry: 'reject' (422, default) or 'generic' transcript. */
  unknownAudio?: 'reject' | 'generic';
  faults?: FaultPatch;
}

export interface FakeElevenLabs extends FakeServer {
  /** `http://127.0.0.1:<port>`, ready for `new ElevenLabsClient({ baseUrl: url })`. */
  url: string;
  registry: FixtureRegistry;
  registerFixtureDir(dir: string): number;
}

function detail(status: number, code: string, message: string, headers?: Record<string, string>): RouteResult {
  return { status, body: { detail: { status: code, message } }, ...(headers ? { headers } : {}) };
}

function authenticate(keys: readonly string[]) {
  return (req: IncomingMessage, forceInvalid: boolean): RouteResult | null => {
    const key = req.headers['xi-api-key'];
    if (typeof key !== 'string' || key === '') return detail(401, 'needs_authorization', 'Neither authorization header nor xi-api-key received, please provide one.');
    if (forceInvalid || !keys.includes(key)) return detail(401, 'invalid_api_key', 'Invalid API key');
    return null;
  };
}

function errorResult(kind: 'rate_limit' | 'server_error' | 'unavailable' | 'not_found', retryAfterSeconds: number): RouteResult {
  switch (kind) {
    case 'rate_limit':
      return detail(429, 'too_many_concurrent_requests', 'Too many concurrent requests. Please try again later.', { 'retry-after': String(retryAfterSeconds) });
    case 'server_error':
      return detail(500, 'internal_server_error', 'An internal error occurred.');
    case 'unavailable':
      return detail(503, 'service_unavailable', 'The service is temporarily unavailable.');
    case 'not_found':
      return { status: 404, body: { detail: 'Not Found' } };
  }
}

export async function startFakeElevenLabs(options: FakeElevenLabsOptions = {}): Promise<FakeElevenLabs> {
  const spec = loadSpec('elevenlabs');
  const registry = options.registry ?? new FixtureRegistry();
  for (const calls of options.fixtures ?? []) registry.registerCalls(calls);
  const server = await startFakeServer(
    {
      spec,
      routes: { 'POST /v1/speech-to-text': speechToTextRoute({ spec, registry, unknownAudio: options.unknownAudio ?? 'reject' }) },
      authenticate: authenticate(options.apiKeys ?? ['test-key']),
      errorResult,
    },
    { port: options.port, host: options.host, faults: options.faults },
  );
  return Object.assign(server, { registry, registerFixtureDir: (dir: string) => registry.registerFixtureDir(dir) });
}
