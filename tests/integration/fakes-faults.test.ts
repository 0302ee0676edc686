import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { ElevenLabsClient, ElevenLabsError } from '@elevenlabs/elevenlabs-js';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { capturingFetch } from '../fakes/capture.js';
import { type FakeElevenLabs, startFakeElevenLabs } from '../fakes/elevenlabs.js';
import type { InjectedFault } from '../fakes/faults.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.js';
import { loadSpec } from '../fakes/spec-check.js';
import { type GeneratedCalls, generateCalls } from '../helpers/fixtures.js';

// Every fault kind observed through the real SDKs (SDK retries off: one attempt = one HTTP call).
let calls: GeneratedCalls;
let openai: FakeOpenAI;
let eleven: FakeElevenLabs;
let audio: Buffer;

beforeAll(async () => {
  calls = generateCalls({ formats: ['wav'] });
  audio = readFileSync(calls.file(calls.ids[0] as string, 'wav'));
  openai = await startFakeOpenAI({ fixtures: [calls] });
  eleven = await startFakeElevenLabs({ fixtures: [calls] });
});
afterAll(async () => {
  await Promise.all([openai?.close(), eleven?.close()]);
});
beforeEach(async () => {
  const calm = { mix: {}, sequence: [], latencyMs: 0, outage: false as const, invalidKey: false, endpoints: [], seed: 1 };
  await Promise.all([openai.setFaults(calm), eleven.setFaults(calm)]);
  openai.resetStats();
  eleven.resetStats();
});

const oa = (extra: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}): OpenAI =>
  new OpenAI({ baseURL: openai.url, apiKey: 'test-key', maxRetries: 0, ...extra });
const transcribe = (client = oa()) =>
  client.audio.transcriptions.create({ file: new File([audio], 'call.wav'), model: 'whisper-1' });
const ask = (client = oa()) => client.responses.create({ model: 'gpt-4o-mini', input: 'agent: hello, how can I help?' });
const el = (timeoutInSeconds?: number) =>
  new ElevenLabsClient({ apiKey: 'test-key', baseUrl: eleven.url, ...(timeoutInSeconds ? { timeoutInSeconds } : {}) });
const stt = (client = el()) => client.speechToText.convert({ file: { data: audio, filename: 'call.wav' }, modelId: 'scribe_v1' }, { maxRetries: 0 });

describe('fault injection', () => {
  it('429 carries Retry-After (OpenAI and ElevenLabs)', async () => {
    await openai.setFaults({ sequence: ['rate_limit'], retryAfterSeconds: 7 });
    const err = await transcribe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.RateLimitError);
    expect((err as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('7');
    expect(loadSpec('openai').validate('#/components/schemas/ErrorResponse', { error: (err as { error: unknown }).error })).toEqual([]);

    await eleven.setFaults({ sequence: ['rate_limit'], retryAfterSeconds: 3 });
    const e2 = await stt().catch((e: unknown) => e);
    expect(e2).toMatchObject({ statusCode: 429 });
    expect((e2 as { rawResponse: { headers: Headers } }).rawResponse.headers.get('retry-after')).toBe('3');
  });

  it('500 and 503', async () => {
    await openai.setFaults({ sequence: ['server_error', 'unavailable'] });
    await expect(ask()).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await expect(ask()).rejects.toMatchObject({ status: 503 });
    await expect(ask()).resolves.toMatchObject({ status: 'completed' });
    expect(openai.requests.map((r) => r.outcome)).toEqual(['server_error', 'unavailable', 'ok']);
  });

  it('timeouts hang until the client gives up', async () => {
    await openai.setFaults({ sequence: ['timeout'] });
    const started = Date.now();
    await expect(ask(oa({ timeout: 400 }))).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);

    await eleven.setFaults({ sequence: ['timeout'] });
    // On Node 20 the SDK's abort reason is the string 'timeout', so it surfaces as a plain
    // ElevenLabsError with message 'timeout' rather than ElevenLabsTimeoutError.
    const err = await stt(el(0.4)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ElevenLabsError);
    expect(String((err as Error).message)).toMatch(/timeout/i);
    expect(eleven.requests[0]?.outcome).toBe('timeout');
  });

  it('connection resets', async () => {
    await openai.setFaults({ sequence: ['reset'] });
    const err = await transcribe().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(openai.requests[0]).toMatchObject({ outcome: 'reset', status: null });
  });

  it('malformed JSON bodies', async () => {
    await openai.setFaults({ sequence: ['malformed'] });
    await expect(ask()).rejects.toThrow(/JSON|Unexpected|Unterminated/i);
    await eleven.setFaults({ sequence: ['malformed'] });
    await expect(stt()).rejects.toBeDefined();
  });

  it('schema-violating bodies fail the spec', async () => {
    const capture = capturingFetch();
    await openai.setFaults({ sequence: ['schema_violation'] });
    await transcribe(oa({ fetch: capture.fetch })).catch(() => undefined);
    const body = JSON.parse(capture.exchanges[0]?.text ?? 'null') as unknown;
    expect(capture.exchanges[0]?.status).toBe(200);
    expect(loadSpec('openai').validate('#/components/schemas/CreateTranscriptionResponseJson', body)).not.toEqual([]);

    await eleven.setFaults({ sequence: ['schema_violation'] });
    const r = await stt().catch((e: unknown) => e);
    const spec = loadSpec('elevenlabs');
    // The SDK's own response parsing may reject it; if it lets it through, the spec must not.
    if (!(r instanceof Error)) expect(spec.validate(spec.responsePointer('/v1/speech-to-text', 200), r)).not.toEqual([]);
    expect(eleven.requests[0]?.outcome).toBe('schema_violation');
    // Deliberately broken answers are not counted as the fake's own violations.
    expect([...openai.violations, ...eleven.violations]).toEqual([]);
  });

  it('fixed latency', async () => {
    await openai.setFaults({ latencyMs: 300 });
    const started = Date.now();
    await ask();
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('invalid-key switch answers 401 whatever the key', async () => {
    await openai.setFaults({ invalidKey: true });
    await expect(ask()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    await eleven.setFaults({ invalidKey: true });
    await expect(stt()).rejects.toMatchObject({ statusCode: 401 });
    await openai.setFaults({ invalidKey: false });
    await expect(ask()).resolves.toBeDefined();
  });

  it('outage (reset): connections drop and only the probes are recorded', async () => {
    await ask();
    const outageStart = Date.now();
    await openai.setFaults({ outage: true });
    for (let probe = 0; probe < 3; probe++) await expect(ask()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    await openai.setFaults({ outage: false });
    const outageEnd = Date.now();
    await sleep(5); // keep the next request's timestamp out of the outage window
    await ask();
    const during = openai.requests.filter((r) => r.at >= outageStart && r.at <= outageEnd);
    expect(during.map((r) => r.outcome)).toEqual(['outage', 'outage', 'outage']);
    expect(openai.calls['POST /v1/responses']).toBe(5);
  });

  it("outage ('refuse'): the port stops listening, then comes back", async () => {
    await eleven.setFaults({ outage: 'refuse' });
    await expect(stt()).rejects.toBeDefined();
    expect(eleven.requests).toHaveLength(0);
    await eleven.setFaults({ outage: false });
    await expect(stt()).resolves.toMatchObject({ text: expect.any(String) as unknown });
  });

  it('a seeded mix is reproducible and produces every kind', async () => {
    const kinds: InjectedFault[] = ['rate_limit', 'server_error', 'unavailable', 'malformed', 'schema_violation'];
    const run = async (fake: FakeOpenAI): Promise<string[]> => {
      await fake.setFaults({ mix: Object.fromEntries(kinds.map((k) => [k, 0.15])), seed: 42, endpoints: ['POST /v1/responses'] });
      fake.resetStats();
      for (let i = 0; i < 40; i++) await ask(new OpenAI({ baseURL: fake.url, apiKey: 'test-key', maxRetries: 0 })).catch(() => undefined);
      return fake.requests.map((r) => r.outcome);
    };
    const first = await run(openai);
    const second = await startFakeOpenAI();
    try {
      expect(await run(second)).toEqual(first);
    } finally {
      await second.close();
    }
    for (const k of [...kinds, 'ok']) expect(first).toContain(k);
    // Faults are limited to the listed endpoints.
    await expect(transcribe()).resolves.toBeDefined();
  });
});
