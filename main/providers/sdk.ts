/**
 * The provider SDKs, loaded on first use. They are large (the ElevenLabs SDK alone takes seconds to
 * evaluate on a busy machine) and most launches never call a provider before the window is up, so
 * nothing imports them statically: browser-mode start-up stays well under its 1 s target.
 * scripts/build.mjs keeps them out of the bundle so `import()` really defers the work.
 */
import type OpenAIClient from 'openai';
import type { ProviderConnection } from './types.js';

type OpenAIModule = typeof import('openai');
type OpenAIZodHelpers = typeof import('openai/helpers/zod');
type ElevenLabsModule = typeof import('@elevenlabs/elevenlabs-js');

let openai: OpenAIModule | undefined;
let openaiZod: OpenAIZodHelpers | undefined;
let elevenlabs: ElevenLabsModule | undefined;

export async function loadOpenAI(): Promise<OpenAIModule> {
  return (openai ??= await import('openai'));
}
export async function loadOpenAIZod(): Promise<OpenAIZodHelpers> {
  return (openaiZod ??= await import('openai/helpers/zod'));
}
export async function loadElevenLabs(): Promise<ElevenLabsModule> {
  return (elevenlabs ??= await import('@elevenlabs/elevenlabs-js'));
}

/**
 * Load the SDKs now: a worker service (long-running) does it before it takes any step, so its first
 * steps do not each pay seconds of module evaluation while work waits (measured: ~1.5 s of CPU for the
 * ElevenLabs SDK on a busy 2-core machine, inside `npm run bench -- team`'s timed window).
 */
export async function preloadProviderSdks(): Promise<void> {
  await Promise.all([loadOpenAI(), loadOpenAIZod(), loadElevenLabs()]);
}

/**
 * A memoised OpenAI client for one connection, created on first call. SDK retries are off: the queue
 * owns every retry, so one attempt is one HTTP request.
 */
export function lazyOpenAIClient(conn: ProviderConnection): () => Promise<OpenAIClient> {
  let client: Promise<OpenAIClient> | undefined;
  return () =>
    (client ??= loadOpenAI().then(({ default: OpenAI }) =>
      new OpenAI({ apiKey: conn.apiKey, baseURL: conn.baseUrl, timeout: conn.timeoutSec * 1000, maxRetries: 0, ...(conn.fetch ? { fetch: conn.fetch } : {}) })));
}

/** Already-loaded modules, for synchronous error mapping (an SDK error implies its SDK is loaded). */
export const loadedOpenAI = (): OpenAIModule | undefined => openai;
export const loadedElevenLabs = (): ElevenLabsModule | undefined => elevenlabs;
