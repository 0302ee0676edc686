import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingLocalChecks, RecordingMetrics } from '../../preload/contract/schemas/local-analytics.js';
import { generateCalls, type CallTruth, type GeneratedCalls } from '../helpers/fixtures.js';
import { truthToTranscript } from '../helpers/truth-transcript.js';
import { besideName, startLocalHarness, toSrt, type LocalHarness } from './local-analytics-harness.js';

// The offline path end to end: recordings dropped with their transcripts, no API key, no network.
// Audio metrics and transcript analytics appear through the REST API while the provider steps wait.

let stereo: GeneratedCalls;
let mono: GeneratedCalls;
let h: LocalHarness;
beforeAll(async () => {
  stereo = generateCalls();
  mono = generateCalls({ mono: true });
  h = await startLocalHarness();
}, 120_000);
afterAll(async () => h?.close());

function truthTalk(t: CallTruth) {
  const sum = (who: string) => t.turns.filter((x) => x.speaker === who).reduce((s, x) => s + x.end - x.start, 0);
  const agent = sum('agent');
  const customer = sum('customer');
  return { agent, customer, silenceShare: 1 - (agent + customer) / t.duration_s };
}
const within = (actual: number, expected: number, ratio: number, what: string) =>
  expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(expected * ratio);

/** Import every call of a set with an .srt beside it; returns recording ids by call id. */
async function importWithTranscripts(calls: GeneratedCalls, prefix: string): Promise<Map<string, number>> {
  const files = calls.ids.flatMap((id) => {
    const name = `${prefix}-${id}.wav`;
    return [{ from: calls.file(id, 'wav'), name }, { name: besideName(name, 'srt'), content: toSrt(truthToTranscript(calls.truth(id))) }];
  });
  const batch = await h.importFiles(files);
  expect(batch.counts).toEqual({ imported: calls.ids.length, duplicate: 0, failed: 0 });
  return new Map(calls.ids.map((id) => [id, batch.results.find((r) => r.fileName === `${prefix}-${id}.wav`)!.recordingId!]));
}

const offlineDone = { probe: 'done', transcribe: 'done', metrics: 'done', local_analysis: 'done', analyze: 'waiting_config' };

describe('offline pipeline (no keys, no network)', () => {
  it('stereo: talk per party within 5% and silence share within 5 points via GET /metrics', async () => {
    const ids = await importWithTranscripts(stereo, 'st');
    for (const [callId, rid] of ids) {
      await h.waitForSteps(rid, offlineDone);
      const truth = truthTalk(stereo.truth(callId));
      const { status, body } = await h.api<RecordingMetrics>('GET', `/api/v1/recordings/${rid}/metrics`);
      expect(status).toBe(200);
      const m = body.value!;
      expect(m.status).toEqual({ audio: 'ready', conversation: 'ready' });
      expect(m.talkSource).toBe('audio');
      if (!m.talkSeconds || !('agent' in m.talkSeconds)) throw new Error(`expected a per-party split, got ${JSON.stringify(m.talkSeconds)}`);
      within(m.talkSeconds.agent, truth.agent, 0.05, `${callId} agent`);
      within(m.talkSeconds.customer, truth.customer, 0.05, `${callId} customer`);
      expect(Math.abs(m.silenceShare! - truth.silenceShare)).toBeLessThanOrEqual(0.05);
      // The transcript side agrees with the truth too (word times come from the imported file).
      within(m.conversation!.talk.agentSec!, truth.agent, 0.05, `${callId} transcript agent`);
      expect(m.conversation!.interruptions.count).toBe(0); // the scripts never talk over each other
      expect(m.conversation!.parties.every((p) => (p.wordsPerMinute ?? 0) > 60)).toBe(true);
    }
  }, 120_000);

  it('mono: audio total within 5%, per-party from the transcript, silence within 5 points', async () => {
    const ids = await importWithTranscripts(mono, 'mo');
    for (const [callId, rid] of ids) {
      await h.waitForSteps(rid, offlineDone);
      const truth = truthTalk(mono.truth(callId));
      const m = (await h.api<RecordingMetrics>('GET', `/api/v1/recordings/${rid}/metrics`)).body.value!;
      expect(m.audio!.stereoSplit).toBe(false);
      if (!('total' in m.audio!.talkSeconds)) throw new Error('mono audio must report a total');
      within(m.audio!.talkSeconds.total, truth.agent + truth.customer, 0.05, `${callId} total`);
      expect(m.talkSource).toBe('transcript');
      expect(m.talkSeconds).toEqual({ agent: expect.any(Number), customer: expect.any(Number) });
      if (!m.talkSeconds || !('agent' in m.talkSeconds)) throw new Error('unreachable');
      within(m.talkSeconds.agent, truth.agent, 0.05, `${callId} agent`);
      within(m.talkSeconds.customer, truth.customer, 0.05, `${callId} customer`);
      expect(Math.abs(m.silenceShare! - truth.silenceShare)).toBeLessThanOrEqual(0.05);
    }
  }, 120_000);

  it('a fresh recording with no transcript: metrics done, transcribe waiting for the key, checks say no_transcript', async () => {
    const fresh = generateCalls({ scripts: [{ id: 'fresh', agent: 'Dana', turns: [['agent', 'Hello, thank you for calling.'], ['customer', 'Hi, I have a question.']] }] });
    const batch = await h.importFiles([{ from: fresh.file('fresh', 'wav'), name: 'fresh.wav' }]);
    const rid = batch.results[0]!.recordingId!;
    const s = await h.waitForSteps(rid, { metrics: 'done', transcribe: 'waiting_config' });
    expect(s.local_analysis).toBeUndefined();
    const checks = (await h.api<RecordingLocalChecks>('GET', `/api/v1/recordings/${rid}/checks`)).body.value!;
    expect(checks.status).toBe('no_transcript');
    const wave = await h.api<{ waveform: { channels: unknown[] } }>('GET', `/api/v1/recordings/${rid}/waveform`);
    expect(wave.body.value!.waveform.channels).toHaveLength(2);
  }, 60_000);
});
