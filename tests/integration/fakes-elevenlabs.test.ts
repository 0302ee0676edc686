import { createReadStream, readFileSync } from 'node:fs';
import { type ElevenLabs, ElevenLabsClient, ElevenLabsError } from '@elevenlabs/elevenlabs-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingFetch, type CapturedExchange } from '../fakes/capture.js';
import { type FakeElevenLabs, startFakeElevenLabs } from '../fakes/elevenlabs.js';
import { loadSpec } from '../fakes/spec-check.js';
import { truthText } from '../fakes/transcript.js';
import { type GeneratedCalls, generateCalls } from '../helpers/fixtures.js';

// The real ElevenLabs SDK against the fake, over real synthesised calls (stereo and mono).
const spec = loadSpec('elevenlabs');
const CHUNK = '#/components/schemas/SpeechToTextChunkResponseModel';
const MULTI = '#/components/schemas/MultichannelSpeechToTextResponseModel';
const noRetry = { maxRetries: 0 };
let stereo: GeneratedCalls;
let mono: GeneratedCalls;
let fake: FakeElevenLabs;
let client: ElevenLabsClient;
let exchanges: CapturedExchange[];

beforeAll(async () => {
  stereo = generateCalls({ formats: ['wav', 'mp3'] });
  mono = generateCalls({ formats: ['wav', 'mp3'], mono: true });
  fake = await startFakeElevenLabs();
  fake.registerFixtureDir(stereo.dir);
  fake.registerFixtureDir(mono.dir);
  const capture = capturingFetch();
  exchanges = capture.exchanges;
  client = new ElevenLabsClient({ apiKey: 'test-key', baseUrl: fake.url, fetch: capture.fetch });
});
afterAll(async () => {
  await fake?.close();
});

function lastJson(): unknown {
  const last = exchanges[exchanges.length - 1];
  if (!last) throw new Error('no exchange captured');
  return JSON.parse(last.text) as unknown;
}

const spoken = <T extends { type: string }>(words: T[]): T[] => words.filter((w) => w.type === 'word');

describe('fake ElevenLabs: speech-to-text', () => {
  it('stereo + use_multi_channel: channel 0 is the agent, channel 1 the customer', async () => {
    const id = stereo.ids[0] as string;
    const truth = stereo.truth(id);
    const result = await client.speechToText.convert(
      { file: createReadStream(stereo.file(id, 'wav')), modelId: 'scribe_v1', useMultiChannel: true, timestampsGranularity: 'word', tagAudioEvents: false },
      noRetry,
    );
    expect(result.transcripts).toHaveLength(2);
    const [left, right] = result.transcripts;
    expect(left?.channelIndex).toBe(0);
    expect(left?.text).toBe(truthText(truth, 'agent'));
    expect(right?.text).toBe(truthText(truth, 'customer'));
    expect(new Set(spoken(left?.words ?? []).map((w) => w.speakerId))).toEqual(new Set(['speaker_0']));
    expect(new Set(spoken(right?.words ?? []).map((w) => w.channelIndex))).toEqual(new Set([1]));
    const firstCustomer = truth.turns.find((t) => t.speaker === 'customer');
    expect(spoken(right?.words ?? [])[0]?.start).toBe(firstCustomer?.start);
    expect(spec.validate(MULTI, lastJson())).toEqual([]);
  });

  it('mono + diarize: speaker_0 is the agent, speaker_1 the customer, text equals the truth', async () => {
    const id = mono.ids[1] as string;
    const truth = mono.truth(id);
    const result = await client.speechToText.convert(
      { file: createReadStream(mono.file(id, 'mp3')), modelId: 'scribe_v1', diarize: true, numSpeakers: 2, keyterms: ['Northwind', 'refund'] },
      noRetry,
    );
    expect(result.text).toBe(truthText(truth));
    const words = spoken(result.words);
    expect(words.map((w) => w.text).join(' ')).toBe(truthText(truth));
    const agentWords = truth.turns.filter((t) => t.speaker === 'agent').flatMap((t) => t.text.split(/\s+/)).length;
    expect(words.filter((w) => w.speakerId === 'speaker_0')).toHaveLength(agentWords);
    expect(words.filter((w) => w.speakerId === 'speaker_1').length).toBe(words.length - agentWords);
    for (const w of words) {
      expect(w.end ?? 0).toBeGreaterThan(w.start ?? 0);
      expect(w.logprob).toBeLessThanOrEqual(0);
    }
    expect(result.words.some((w) => w.type === 'spacing')).toBe(true);
    expect(spec.validate(CHUNK, lastJson())).toEqual([]);
  });

  it('multichannel on a mono file returns a single transcript (as documented)', async () => {
    const id = mono.ids[0] as string;
    const result = await client.speechToText.convert(
      { file: { data: readFileSync(mono.file(id, 'wav')), filename: `${id}.wav` }, modelId: 'scribe_v1', useMultiChannel: true },
      noRetry,
    );
    expect('transcripts' in result).toBe(false);
    expect(spec.validate(CHUNK, lastJson())).toEqual([]);
  });

  it('multichannel combined style and character timestamps', async () => {
    const id = stereo.ids[3] as string;
    // The SDK types useMultiChannel:true as multichannel; 'combined' style returns a single chunk.
    const result = (await client.speechToText.convert(
      { file: createReadStream(stereo.file(id, 'mp3')), modelId: 'scribe_v2', useMultiChannel: true, multichannelOutputStyle: 'combined', timestampsGranularity: 'character' },
      noRetry,
    )) as ElevenLabs.SpeechToTextChunkResponseModel | ElevenLabs.MultichannelSpeechToTextResponseModel;
    if ('transcripts' in result) throw new Error('expected a combined transcript');
    const words = spoken(result.words);
    expect(words.map((w) => w.text).join(' ')).toBe(truthText(stereo.truth(id)));
    expect(new Set(words.map((w) => w.channelIndex))).toEqual(new Set([0, 1]));
    expect(words[0]?.characters?.map((c) => c.text).join('')).toBe(words[0]?.text);
    expect(spec.validate(CHUNK, lastJson())).toEqual([]);
  });

  it('rejects bad fields with 422 and bad keys with 401', async () => {
    fake.resetStats();
    const file = (): ReturnType<typeof createReadStream> => createReadStream(stereo.file(stereo.ids[0] as string, 'wav'));
    const tooMany = await client.speechToText.convert({ file: file(), modelId: 'scribe_v1', diarize: true, numSpeakers: 99 }, noRetry).catch((e: unknown) => e);
    expect(tooMany).toBeInstanceOf(ElevenLabsError);
    expect(tooMany).toMatchObject({ statusCode: 422 });
    const body = (tooMany as ElevenLabsError).body;
    expect(spec.validate('#/components/schemas/HTTPValidationError', body)).toEqual([]);
    expect(JSON.stringify(body)).toContain('num_speakers');

    const badModel = await client.speechToText.convert({ file: file(), modelId: 'scribe_v9' }, noRetry).catch((e: unknown) => e);
    expect(badModel).toMatchObject({ statusCode: 422 });

    const unknownAudio = await client.speechToText
      .convert({ file: { data: Buffer.from('definitely not audio'), filename: 'x.wav' }, modelId: 'scribe_v1' }, noRetry)
      .catch((e: unknown) => e);
    expect(unknownAudio).toMatchObject({ statusCode: 422 });

    const wrongKey = new ElevenLabsClient({ apiKey: 'nope', baseUrl: fake.url });
    const denied = await wrongKey.speechToText.convert({ file: file(), modelId: 'scribe_v1' }, noRetry).catch((e: unknown) => e);
    expect(denied).toMatchObject({ statusCode: 401, body: { detail: { status: 'invalid_api_key' } } });

    expect(fake.violations.map((v) => v.where)).toEqual(['request', 'request']);
    expect(fake.calls['POST /v1/speech-to-text']).toBe(4);
  });

  it("unknownAudio: 'generic' answers a short transcript instead", async () => {
    const lenient = await startFakeElevenLabs({ unknownAudio: 'generic' });
    try {
      const c = new ElevenLabsClient({ apiKey: 'test-key', baseUrl: lenient.url });
      const r = await c.speechToText.convert({ file: { data: Buffer.from('unknown'), filename: 'x.mp3' }, modelId: 'scribe_v1', diarize: true }, noRetry);
      expect(r.text.length).toBeGreaterThan(10);
      expect(new Set(spoken(r.words).map((w) => w.speakerId))).toEqual(new Set(['speaker_0', 'speaker_1']));
      expect(lenient.violations).toEqual([]);
    } finally {
      await lenient.close();
    }
  });

  it('made no spec violations of its own', () => {
    expect(fake.violations.filter((v) => v.where !== 'request')).toEqual([]);
  });
});
