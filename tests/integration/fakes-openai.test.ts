import { createReadStream } from 'node:fs';
import OpenAI from 'openai';
import { zodResponseFormat, zodTextFormat } from 'openai/helpers/zod';
import type { TranscriptionDiarized } from 'openai/resources/audio/transcriptions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { capturingFetch, type CapturedExchange } from '../fakes/capture.js';
import { type FakeOpenAI, startFakeOpenAI } from '../fakes/openai.js';
import { loadSpec } from '../fakes/spec-check.js';
import { truthText } from '../fakes/transcript.js';
import { type GeneratedCalls, generateCalls } from '../helpers/fixtures.js';

// The real openai SDK against the fake, over real synthesised calls (stereo and mono).
const spec = loadSpec('openai');
let stereo: GeneratedCalls;
let mono: GeneratedCalls;
let fake: FakeOpenAI;
let client: OpenAI;
let exchanges: CapturedExchange[];

beforeAll(async () => {
  stereo = generateCalls({ formats: ['wav', 'mp3'] });
  mono = generateCalls({ formats: ['wav', 'mp3'], mono: true });
  fake = await startFakeOpenAI({ fixtures: [stereo, mono] });
  const capture = capturingFetch();
  exchanges = capture.exchanges;
  client = new OpenAI({ baseURL: fake.url, apiKey: 'test-key', maxRetries: 0, fetch: capture.fetch });
});
afterAll(async () => {
  await fake?.close();
});

function lastJson(): unknown {
  const last = exchanges[exchanges.length - 1];
  if (!last) throw new Error('no exchange captured');
  return JSON.parse(last.text) as unknown;
}

const Scorecard = z.object({
  summary: z.string(),
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  disclosure_given: z.boolean(),
  criteria: z
    .array(
      z.object({
        id: z.string(),
        score: z.number().int().min(0).max(5),
        evidence: z.array(z.object({ quote: z.string(), speaker: z.enum(['agent', 'customer']), start_s: z.number() })),
      }),
    ),
});

function transcriptPrompt(calls: GeneratedCalls, id: string): string {
  return calls
    .truth(id)
    .turns.map((t) => `[${t.start.toFixed(2)} - ${t.end.toFixed(2)}] ${t.speaker}: ${t.text}`)
    .join('\n');
}

describe('fake OpenAI: transcriptions', () => {
  it('diarized_json on a mono call: segments carry the truth text and two speakers in order', async () => {
    const id = mono.ids[0] as string;
    const truth = mono.truth(id);
    // openai 6.x has no diarized_json overload yet: the body is a TranscriptionDiarized.
    const result = (await client.audio.transcriptions.create({
      file: createReadStream(mono.file(id, 'mp3')),
      model: 'gpt-4o-transcribe-diarize',
      response_format: 'diarized_json',
      chunking_strategy: 'auto',
    })) as unknown as TranscriptionDiarized;
    expect(result.segments.map((s) => s.text).join(' ')).toBe(truthText(truth));
    const labelOf = new Map<string, string>();
    result.segments.forEach((s, i) => labelOf.set(truth.turns[i]?.speaker ?? '?', s.speaker));
    expect(labelOf.get('agent')).toBe('A');
    expect(labelOf.get('customer')).toBe('B');
    expect(result.segments[0]?.start).toBe(truth.turns[0]?.start);
    expect(result.usage?.type).toBe('tokens');
    expect(spec.validate('#/components/schemas/CreateTranscriptionResponseDiarizedJson', lastJson())).toEqual([]);
  });

  it('diarized_json with known_speaker_names and a VAD chunking strategy', async () => {
    const id = stereo.ids[1] as string;
    const result = (await client.audio.transcriptions.create({
      file: createReadStream(stereo.file(id, 'wav')),
      model: 'gpt-4o-transcribe-diarize',
      response_format: 'diarized_json',
      chunking_strategy: { type: 'server_vad', threshold: 0.5 },
      known_speaker_names: ['agent', 'customer'],
      known_speaker_references: ['data:audio/wav;base64,AAAA', 'data:audio/wav;base64,AAAA'],
    })) as unknown as TranscriptionDiarized;
    const truth = stereo.truth(id);
    expect(result.segments.map((s) => s.speaker)).toEqual(truth.turns.map((t) => t.speaker));
  });

  it('verbose_json with word and segment timestamps (whisper-1)', async () => {
    const id = stereo.ids[0] as string;
    const truth = stereo.truth(id);
    const result = await client.audio.transcriptions.create({
      file: createReadStream(stereo.file(id, 'mp3')),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
    });
    expect(result.text).toBe(truthText(truth));
    expect(result.segments?.length).toBe(truth.turns.length);
    expect(result.segments?.map((s) => s.text.trim()).join(' ')).toBe(truthText(truth));
    expect(result.words?.length).toBe(truthText(truth).split(' ').length);
    const first = result.words?.[0];
    expect(first?.start).toBe(truth.turns[0]?.start);
    for (const w of result.words ?? []) expect(w.end).toBeGreaterThan(w.start);
    expect(result.duration).toBe(truth.duration_s);
    expect(spec.validate('#/components/schemas/CreateTranscriptionResponseVerboseJson', lastJson())).toEqual([]);
  });

  it('json and text formats', async () => {
    const id = stereo.ids[2] as string;
    const json = await client.audio.transcriptions.create({ file: createReadStream(stereo.file(id, 'wav')), model: 'gpt-4o-transcribe' });
    expect(json.text).toBe(truthText(stereo.truth(id)));
    expect(spec.validate('#/components/schemas/CreateTranscriptionResponseJson', lastJson())).toEqual([]);
    const text = await client.audio.transcriptions.create({
      file: createReadStream(stereo.file(id, 'wav')),
      model: 'gpt-4o-mini-transcribe',
      response_format: 'text',
    });
    expect(text.trim()).toBe(truthText(stereo.truth(id)));
  });

  it('rejects what the real API rejects, with its status and error shape', async () => {
    const id = mono.ids[0] as string;
    const file = (): ReturnType<typeof createReadStream> => createReadStream(mono.file(id, 'wav'));
    // Unknown enum value for response_format.
    await expect(
      client.audio.transcriptions.create({ file: file(), model: 'whisper-1', response_format: 'xml' as 'json' }),
    ).rejects.toMatchObject({ status: 400, error: { type: 'invalid_request_error', param: 'response_format' } });
    // A field the schema does not declare (additionalProperties: false).
    await expect(
      client.audio.transcriptions.create({ file: file(), model: 'whisper-1', speakers: 2 } as unknown as OpenAI.Audio.TranscriptionCreateParamsNonStreaming),
    ).rejects.toMatchObject({ status: 400, code: 'unknown_parameter', param: 'speakers' });
    // Diarization of a >30 s file without chunking_strategy.
    await expect(
      client.audio.transcriptions.create({ file: file(), model: 'gpt-4o-transcribe-diarize', response_format: 'diarized_json' }),
    ).rejects.toMatchObject({ status: 400, param: 'chunking_strategy' });
    // diarized_json is only for the diarize model.
    await expect(client.audio.transcriptions.create({ file: file(), model: 'whisper-1', response_format: 'diarized_json' })).rejects.toMatchObject({
      status: 400,
      param: 'response_format',
    });
    // Unknown audio.
    await expect(
      client.audio.transcriptions.create({ file: new File([Buffer.from('not audio at all')], 'x.wav'), model: 'whisper-1' }),
    ).rejects.toMatchObject({ status: 400, param: 'file' });
    // Bad key.
    const badKey = new OpenAI({ baseURL: fake.url, apiKey: 'sk-wrong-key-1234', maxRetries: 0 });
    const err = await badKey.audio.transcriptions.create({ file: file(), model: 'whisper-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err).toMatchObject({ status: 401, code: 'invalid_api_key' });
    for (const ex of exchanges.filter((e) => e.status >= 400)) {
      expect(spec.validate('#/components/schemas/ErrorResponse', JSON.parse(ex.text))).toEqual([]);
    }
    expect(fake.violations.filter((v) => v.where === 'request').length).toBeGreaterThanOrEqual(4);
    expect(fake.violations.filter((v) => v.where !== 'request')).toEqual([]);
  });
});

describe('fake OpenAI: structured analysis', () => {
  it('responses.parse with zodTextFormat returns a conforming object whose quotes exist in the transcript', async () => {
    fake.resetStats();
    const id = stereo.ids[0] as string;
    const transcript = transcriptPrompt(stereo, id);
    const response = await client.responses.parse({
      model: 'gpt-4o-mini',
      instructions: 'You are a QA reviewer. Score the call.',
      // Content parts with an explicit type: the shape that overlapping oneOf branches in the spec
      // would wrongly reject if the fake checked oneOf literally.
      input: [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: `Transcript:\n${transcript}` }] }],
      text: { format: zodTextFormat(Scorecard, 'scorecard') },
    });
    const card = response.output_parsed;
    expect(card).not.toBeNull();
    expect(Scorecard.parse(card)).toEqual(card);
    const truth = stereo.truth(id);
    const quotes = card?.criteria.flatMap((c) => c.evidence) ?? [];
    expect(quotes.length).toBeGreaterThan(0);
    for (const q of quotes) {
      const turn = truth.turns.find((t) => t.text === q.quote);
      expect(turn, q.quote).toBeDefined();
      expect(q.speaker).toBe(turn?.speaker);
      expect(q.start_s).toBeCloseTo(turn?.start ?? -1, 2);
    }
    expect(response.usage?.input_tokens).toBeGreaterThan(100);
    expect(response.usage?.total_tokens).toBe((response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0));
    expect(spec.validate(spec.responsePointer('/responses', 200), lastJson())).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('is deterministic for the same input', async () => {
    const id = stereo.ids[1] as string;
    const ask = () =>
      client.responses.parse({
        model: 'gpt-4o-mini',
        input: transcriptPrompt(stereo, id),
        text: { format: zodTextFormat(Scorecard, 'scorecard') },
      });
    expect((await ask()).output_parsed).toEqual((await ask()).output_parsed);
  });

  it('chat.completions.parse with zodResponseFormat', async () => {
    const id = mono.ids[2] as string;
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Score the call.' },
        { role: 'user', content: transcriptPrompt(mono, id) },
      ],
      response_format: zodResponseFormat(Scorecard, 'scorecard'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expect(parsed && Scorecard.parse(parsed)).toEqual(parsed);
    const lines = mono.truth(id).turns.map((t) => t.text);
    for (const q of parsed?.criteria.flatMap((c) => c.evidence) ?? []) expect(lines).toContain(q.quote);
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(100);
    expect(spec.validate(spec.responsePointer('/chat/completions', 200), lastJson())).toEqual([]);
  });

  it('a pluggable analyze replaces the default generator', async () => {
    fake.setAnalyze(() => ({ summary: 'custom', sentiment: 'negative', disclosure_given: false, criteria: [] }));
    try {
      const r = await client.responses.parse({ model: 'gpt-4o-mini', input: 'x', text: { format: zodTextFormat(Scorecard, 'scorecard') } });
      expect(r.output_parsed).toEqual({ summary: 'custom', sentiment: 'negative', disclosure_given: false, criteria: [] });
    } finally {
      const { defaultAnalyze } = await import('../fakes/analysis.js');
      fake.setAnalyze(defaultAnalyze);
    }
  });

  it('records an analysis violation when a custom analyze breaks the requested schema', async () => {
    fake.resetStats();
    fake.setAnalyze(() => ({ summary: 42 }));
    try {
      await client.responses.create({ model: 'gpt-4o-mini', input: 'x', text: { format: zodTextFormat(Scorecard, 'scorecard') } });
      expect(fake.violations.map((v) => v.where)).toEqual(['analysis']);
    } finally {
      const { defaultAnalyze } = await import('../fakes/analysis.js');
      fake.setAnalyze(defaultAnalyze);
    }
  });

  it('rejects unknown parameters and non-strict schemas like the real API', async () => {
    fake.resetStats();
    await expect(
      client.responses.create({ model: 'gpt-4o-mini', input: 'hi', temprature: 0 } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming),
    ).rejects.toMatchObject({ status: 400, code: 'unknown_parameter' });
    await expect(
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        response_format: { type: 'json_schema', json_schema: { name: 'loose', strict: true, schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      }),
    ).rejects.toMatchObject({ status: 400, code: 'invalid_json_schema' });
    await expect(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'wizard', content: 'hi' }] } as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming),
    ).rejects.toMatchObject({ status: 400 });
    expect(fake.violations.map((v) => v.where)).toEqual(['request', 'request', 'request']);
  });
});
