import { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from './openai.js';

/**
 * A local OpenAI-compatible server the way llama.cpp's `llama-server` (and Ollama, LM Studio, whisper
 * servers) expose one: `POST /v1/chat/completions` with `response_format: {type: "json_schema"}` and
 * `POST /v1/audio/transcriptions`, and no Responses API (`POST /v1/responses` answers 404). Same
 * request checks, fixtures and answers as the OpenAI fake.
 */
export function startFakeLlamaServer(options: Omit<FakeOpenAIOptions, 'apis'> = {}): Promise<FakeOpenAI> {
  return startFakeOpenAI({ ...options, apis: ['transcriptions', 'chat'] });
}
