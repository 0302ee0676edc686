import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeElevenLabs, type FakeOpenAI, FixtureRegistry, startFakeElevenLabs, startFakeOpenAI } from '../fakes/index.js';
import { type GeneratedCalls, generateCalls } from '../helpers/fixtures.js';
import { type ProviderHarness, roleMismatches, startProviderHarness, wordErrorRate } from './providers-harness.js';

// The real SDKs (ElevenLabs, OpenAI) against the spec-checked fakes, over every fixture, stereo and mono.
let stereo: GeneratedCalls;
let mono: GeneratedCalls;
let openai: FakeOpenAI;
let eleven: FakeElevenLabs;
let h: ProviderHarness;

beforeAll(async () => {
  stereo = generateCalls({ formats: ['wav', 'mp3'] });
  mono = generateCalls({ formats: ['wav', 'mp3'], mono: true });
  const registry = new FixtureRegistry();
  registry.registerCalls(stereo);
  registry.registerCalls(mono);
  openai = await startFakeOpenAI({ registry });
  eleven = await startFakeElevenLabs({ registry });
  h = await startProviderHarness({ CCA_OPENAI_BASE_URL: openai.url, CCA_ELEVENLABS_BASE_URL: eleven.url });
});
afterAll(async () => {
  h?.close();
  await openai?.close();
  await eleven?.close();
});

const cases = () => [
  ...['wav', 'mp3'].flatMap((format) => stereo.ids.map((id) => ({ set: stereo, id, format, kind: 'stereo' }))),
  ...['wav', 'mp3'].flatMap((format) => mono.ids.map((id) => ({ set: mono, id, format, kind: 'mono' }))),
];

async function transcribeAll(provider: 'elevenlabs' | 'openai', model?: string) {
  h.settings.transcriptionProvider = provider;
  if (model) h.settings.openaiTranscriptionModel = model;
  const out = [];
  for (const c of cases()) {
    const truth = c.set.truth(c.id);
    const recordingId = h.addRecording(c.set.file(c.id, c.format), truth);
    const res = await h.transcribe(recordingId);
    if (res.kind !== 'done') throw new Error(`needs key: ${res.message}`);
    const row = res.save();
    out.push({ ...c, truth, row });
  }
  return out;
}

describe('ElevenLabs Speech-to-Text (scribe_v2)', () => {
  it('every fixture: WER 0, roles right, spec-conformant requests, cost recorded', async () => {
    const results = await transcribeAll('elevenlabs');
    expect(results).toHaveLength(16);
    for (const r of results) {
      expect(wordErrorRate(r.row.body, r.truth), `${r.kind} ${r.id}.${r.format}`).toBe(0);
      expect(roleMismatches(r.row.body, r.truth), `${r.kind} ${r.id}.${r.format}`).toEqual([]);
      expect(r.row.provider).toBe('elevenlabs');
      expect(r.row.model).toBe('scribe_v2');
      expect(r.row.costUsd).toBeGreaterThan(0);
      expect(r.row.audioSec).toBe(r.truth.duration_s);
      const agent = r.row.body.speakers.find((s) => s.role === 'agent');
      // Stereo-split calls are transcribed per channel: the role is certain. Mono: from content.
      expect(agent?.roleSource).toBe(r.kind === 'stereo' ? 'channel' : 'content');
      expect(agent?.roleConfidence).toBeGreaterThan(r.kind === 'stereo' ? 0.99 : 0.5);
    }
    expect(eleven.violations).toEqual([]);
    expect(eleven.requests.filter((q) => q.status === 200)).toHaveLength(16);
  });
});

describe('OpenAI transcriptions', () => {
  it('gpt-4o-transcribe-diarize (diarized_json + chunking_strategy): WER 0, roles right, cost from tokens', async () => {
    const results = await transcribeAll('openai', 'gpt-4o-transcribe-diarize');
    for (const r of results) {
      expect(wordErrorRate(r.row.body, r.truth), `${r.kind} ${r.id}.${r.format}`).toBe(0);
      expect(roleMismatches(r.row.body, r.truth), `${r.kind} ${r.id}.${r.format}`).toEqual([]);
      expect(r.row.usage.input_tokens).toBeGreaterThan(0);
      expect(r.row.costUsd).toBeGreaterThan(0);
      expect(r.row.requestId).toBeTruthy();
    }
    expect(openai.violations).toEqual([]);
  });

  it('whisper-1 (verbose_json, word timings, vocabulary prompt): WER 0, costs by the minute', async () => {
    h.settings.keyterms = ['Northwind', 'Dana'];
    const results = await transcribeAll('openai', 'whisper-1');
    h.settings.keyterms = [];
    for (const r of results) {
      expect(wordErrorRate(r.row.body, r.truth)).toBe(0);
      expect(r.row.usage.seconds).toBeGreaterThan(0);
      expect(r.row.costUsd).toBeCloseTo((r.row.usage.seconds! / 60) * 0.006, 6);
      const words = r.row.body.segments.flatMap((s) => s.words);
      for (let i = 1; i < words.length; i++) expect(words[i]!.start).toBeGreaterThanOrEqual(words[i - 1]!.start);
    }
    expect(openai.violations).toEqual([]);
  });
});
