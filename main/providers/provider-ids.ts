import type { SecretName } from '../../preload/contract/schemas/settings.js';

/** The hosted providers, their display names and the secret that holds each one's key. */
export type ProviderId = 'openai' | 'elevenlabs';

export const providerNames: Record<ProviderId, string> = { openai: 'OpenAI', elevenlabs: 'ElevenLabs' };

export const secretFor: Record<ProviderId, SecretName> = { openai: 'OPENAI_API_KEY', elevenlabs: 'ELEVENLABS_API_KEY' };
