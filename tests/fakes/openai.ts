import type { GeneratedCalls } from '../helpers/fixtures.js';
import { type Analyze, defaultAnalyze } from './analysis.js';
import type { FaultPatch } from './faults.js';
import { FixtureRegistry } from './fixtures-registry.js';
import { chatCompletionsRoute, responsesRoute } from './openai-analysis.js';
import { openaiAuth, openaiErrorResult } from './openai-errors.js';
import { transcriptionRoute } from './openai-transcriptions.js';
import { type FakeServer, startFakeServer } from './server-core.js';
import { loadSpec } from './spec-check.js';

/**
 * A local stand-in for api.openai.com/v1 that the real `openai` SDK can talk to:
 *   POST /v1/audio/transcriptions, POST /v1/responses, POST /v1/chat/completions.
 * Requests are checked against the committed OpenAPI subset (tests/fakes/spec/openai.json).
 */
export interface FakeOpenAIOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Keys accepted in `Authorization: Bearer`; default ['test-key']. */
  apiKeys?: string[];
  /** Fixture sets whose audio the fake recognises. */
  fixtures?: GeneratedCalls[];
  /** Share a registry with the ElevenLabs fake (or pre-register custom audio). */
  registry?: FixtureRegistry;
  /** Audio not in the registry: 'reject' (400 like a corrupt file, default) or 'generic' transcript. */
  unknownAudio?: 'reject' | 'generic';
  /** Produces the model's answer for /responses and /chat/completions; default walks the schema. */
  analyze?: Analyze;
  /** Initial fault settings. */
  faults?: FaultPatch;
  /** The APIs served (default all three); an API left out answers 404, as on servers that lack it. */
  apis?: readonly OpenAIApi[];
}

export type OpenAIApi = 'transcriptions' | 'responses' | 'chat';

export interface FakeOpenAI extends FakeServer {
  /** `http://127.0.0.1:<port>/v1`, ready for `new OpenAI({ baseURL: url })`. */
  url: string;
  registry: FixtureRegistry;
  registerFixtureDir(dir: string): number;
  /** Replace the analysis generator at runtime. */
  setAnalyze(analyze: Analyze): void;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const spec = loadSpec('openai');
  const registry = options.registry ?? new FixtureRegistry();
  for (const calls of options.fixtures ?? []) registry.registerCalls(calls);
  let analyze: Analyze = options.analyze ?? defaultAnalyze;
  const analysis = { spec, analyze: (req: Parameters<Analyze>[0]) => analyze(req) };
  const server = await startFakeServer(
    {
      spec,
      routes: Object.fromEntries(
        (
          [
            ['transcriptions', 'POST /v1/audio/transcriptions', () => transcriptionRoute({ spec, registry, unknownAudio: options.unknownAudio ?? 'reject' })],
            ['responses', 'POST /v1/responses', () => responsesRoute(analysis)],
            ['chat', 'POST /v1/chat/completions', () => chatCompletionsRoute(analysis)],
          ] as const
        )
          .filter(([api]) => (options.apis ?? ['transcriptions', 'responses', 'chat']).includes(api))
          .map(([, endpoint, route]) => [endpoint, route()]),
      ),
      authenticate: openaiAuth(options.apiKeys ?? ['test-key']),
      errorResult: openaiErrorResult,
    },
    { port: options.port, host: options.host, basePath: '/v1', faults: options.faults },
  );
  return Object.assign(server, {
    registry,
    registerFixtureDir: (dir: string) => registry.registerFixtureDir(dir),
    setAnalyze: (next: Analyze) => {
      analyze = next;
    },
  });
}
