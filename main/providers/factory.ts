import type { SecretName, Settings } from '../../preload/contract/schemas/settings.js';
import { ElevenLabsTranscriber } from './elevenlabs-transcriber.js';
import { secretFor, type ProviderId } from './provider-ids.js';
import { OpenAITranscriber, type OpenAITranscriberOptions } from './openai-transcriber.js';
import type { PriceBook } from './prices.js';
import type { Transcriber } from './types.js';

/**
 * Builds the provider clients from the live settings on every use, so a key or base URL changed in
 * Settings applies to the next job without a restart. `null` means the key is missing.
 */

export interface ProviderEnv {
  settings: () => Settings;
  secret: (name: SecretName) => string | undefined;
  prices: PriceBook;
  /** The fetch each provider's SDK client uses (recorded and measured: main/observability); undefined = global fetch. */
  fetchFor: (provider: ProviderId) => typeof fetch | undefined;
  /** Test hook: lower the upload limit. */
  openaiTranscriber?: OpenAITranscriberOptions;
}

/** The `fetch` field of a ProviderConnection: only when there is one (the SDKs default to the global fetch). */
export const withFetch = (f: typeof fetch | undefined): { fetch?: typeof fetch } => (f ? { fetch: f } : {});

export function transcriptionProvider(env: ProviderEnv): ProviderId {
  return env.settings().transcriptionProvider;
}

/** The model the configured transcription provider is asked for. */
export const transcriptionModel = (s: Settings): string => (s.transcriptionProvider === 'elevenlabs' ? s.elevenlabsModel : s.openaiTranscriptionModel);

export function createTranscriber(env: ProviderEnv): Transcriber | null {
  const s = env.settings();
  const provider = s.transcriptionProvider;
  const apiKey = env.secret(secretFor[provider]);
  if (!apiKey) return null;
  const base = { apiKey, timeoutSec: s.requestTimeoutSec, ...withFetch(env.fetchFor(provider)) };
  return provider === 'elevenlabs'
    ? new ElevenLabsTranscriber({ ...base, baseUrl: s.elevenlabsBaseUrl }, transcriptionModel(s), env.prices)
    : new OpenAITranscriber({ ...base, baseUrl: s.openaiBaseUrl }, transcriptionModel(s), env.prices, env.openaiTranscriber);
}
