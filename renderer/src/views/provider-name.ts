const names: Record<string, string> = { openai: 'OpenAI', elevenlabs: 'ElevenLabs', local: 'This computer' };

/** How a provider id (a breaker key, a ledger row's provider) reads on screen. */
export const providerName = (id: string): string => names[id] ?? id;
