import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TranscriptsDao } from '../../db/dao/transcripts-dao.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { truthToTranscript } from '../helpers/truth-transcript.js';
import {
  startLocalHarness, toElevenLabsJson, toOpenAiDiarizedJson, toOpenAiVerboseJson, toSrt, toTxt, toVtt, type LocalHarness,
} from './local-analytics-harness.js';

// Existing transcripts: dropped beside their recording (same base name) or attached later with
// POST /api/v1/recordings/{id}/transcript. Each format is parsed, stored with provider "import", and
// the transcribe step completes without a provider (no key configured here). Malformed files name the
// line and lose nothing else.

let stereo: GeneratedCalls;
let mono: GeneratedCalls;
let h: LocalHarness;
beforeAll(async () => {
  stereo = generateCalls();
  mono = generateCalls({ mono: true });
  h = await startLocalHarness();
}, 120_000);
afterAll(async () => h?.close());

const stored = (id: number) => new TranscriptsDao(h.core.db).get(id);
const truthOf = (c: GeneratedCalls, id: string) => truthToTranscript(c.truth(id));

const formats: { name: string; ext: string; model: string; calls: () => GeneratedCalls; callIndex: number; write: (t: NormalizedTranscript) => string; speakers: boolean }[] = [
  { name: 'ElevenLabs JSON', ext: 'json', model: 'elevenlabs_json', calls: () => stereo, callIndex: 0, write: toElevenLabsJson, speakers: true },
  { name: 'OpenAI diarized JSON', ext: 'json', model: 'openai_diarized_json', calls: () => stereo, callIndex: 1, write: toOpenAiDiarizedJson, speakers: true },
  { name: 'OpenAI verbose JSON', ext: 'json', model: 'openai_verbose_json', calls: () => stereo, callIndex: 2, write: toOpenAiVerboseJson, speakers: false },
  { name: 'SRT', ext: 'srt', model: 'srt', calls: () => stereo, callIndex: 3, write: toSrt, speakers: true },
  { name: 'WebVTT', ext: 'vtt', model: 'vtt', calls: () => mono, callIndex: 0, write: toVtt, speakers: true },
  { name: 'plain text', ext: 'txt', model: 'txt', calls: () => mono, callIndex: 1, write: toTxt, speakers: true },
];

describe('transcript dropped beside its recording', () => {
  for (const f of formats) {
    it(`${f.name}: parsed, stored as "import", transcribe done without a provider, analytics computed`, async () => {
      const calls = f.calls();
      const callId = calls.ids[f.callIndex]!;
      const truth = truthOf(calls, callId);
      const batch = await h.importFiles([
        { from: calls.file(callId, 'wav'), name: `${callId}.wav` },
        { name: `${callId}.${f.ext}`, content: f.write(truth) },
      ]);
      // One row: the transcript rides along with its recording.
      expect(batch.results.map((r) => [r.fileName, r.ok])).toEqual([[`${callId}.wav`, true]]);
      const rid = batch.results[0]!.recordingId!;
      const row = stored(rid)!;
      expect(row).toMatchObject({ provider: 'import', model: f.model, costUsd: 0 });
      const text = row.body.segments.map((s) => s.text).join(' ');
      expect(text.replace(/\s+/g, ' ')).toContain(truth.segments[0]!.text.split(' ').slice(0, 5).join(' '));
      expect(row.body.segments[0]!.start).toBeCloseTo(truth.segments[0]!.start, 0);
      if (f.speakers) {
        expect(row.body.segments.length).toBe(truth.segments.length);
        expect(row.body.segments.map((s) => s.role)).toEqual(truth.segments.map((s) => s.role));
      }
      const steps = await h.waitForSteps(rid, { transcribe: 'done', local_analysis: 'done', metrics: 'done' });
      expect(steps.analyze).toBe('waiting_config'); // the LLM step waits for a key; nothing local does
      const jobs = h.core.queue.service.query.byRecording(rid);
      expect(jobs.find((j) => j.step === 'transcribe')!.attempts).toBeLessThanOrEqual(1);
    }, 60_000);
  }

  it('a malformed transcript is its own failed row with the line number; the recording still imports', async () => {
    const callId = mono.ids[2]!;
    const srt = toSrt(truthOf(mono, callId)).split('\n');
    srt[5] = '00:00:04,000 -> 00:00:06,000'; // line 6: the second cue's timing, broken arrow
    const batch = await h.importFiles([
      { from: mono.file(callId, 'wav'), name: `${callId}.wav` },
      { name: `${callId}.srt`, content: srt.join('\n') },
    ]);
    const audio = batch.results.find((r) => r.fileName === `${callId}.wav`)!;
    const bad = batch.results.find((r) => r.fileName === `${callId}.srt`)!;
    expect(audio.ok).toBe(true);
    expect(bad.ok).toBe(false);
    expect(bad.error!.category).toBe('invalid_input');
    expect(bad.error!.message).toContain('line 6');
    expect(batch.counts).toEqual({ imported: 1, duplicate: 0, failed: 1 });
    expect(stored(audio.recordingId!)).toBeUndefined();
    await h.waitForSteps(audio.recordingId!, { transcribe: 'waiting_config', metrics: 'done' });
  }, 60_000);
});

describe('POST /api/v1/recordings/{id}/transcript (multipart "file")', () => {
  it('attaches to a waiting recording, then a changed transcript re-runs what reads it; malformed changes nothing', async () => {
    const callId = mono.ids[3]!;
    const truth = truthOf(mono, callId);
    const batch = await h.importFiles([{ from: mono.file(callId, 'wav'), name: `${callId}.wav` }]);
    const rid = batch.results[0]!.recordingId!;
    await h.waitForSteps(rid, { transcribe: 'waiting_config' });

    const first = await h.uploadTranscript(rid, 'call.srt', toSrt(truth));
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.value).toMatchObject({ format: 'srt', rerun: ['transcribe'] });
    await h.waitForSteps(rid, { transcribe: 'done', local_analysis: 'done' });
    const hash1 = stored(rid)!.contentHash;

    // A corrected transcript (last turn reworded): downstream steps run again on it.
    const edited = { ...truth, segments: truth.segments.map((s, i) => (i === truth.segments.length - 1 ? { ...s, text: 'Goodbye then, thank you.' } : s)) };
    const second = await h.uploadTranscript(rid, 'call.vtt', toVtt(edited));
    expect(second.status).toBe(200);
    expect(second.body.value!.rerun).toEqual(expect.arrayContaining(['analyze', 'local_analysis']));
    await h.waitForSteps(rid, { local_analysis: 'done' });
    const hash2 = stored(rid)!.contentHash;
    expect(hash2).not.toBe(hash1);
    const local = h.core.db.sqlite.prepare('SELECT transcript_hash AS h FROM local_analyses WHERE recording_id = ?').get(rid) as { h: string };
    expect(local.h).toBe(hash2);

    // Malformed: 400 with the line; the stored transcript is untouched.
    const bad = await h.uploadTranscript(rid, 'call.txt', 'Agent: hello there\nCustomer: hi\n[00:05] and no speaker label here\n');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ category: 'invalid_input' });
    expect(bad.body.error!.message).toMatch(/line 3/);
    const badJson = await h.uploadTranscript(rid, 'call.json', '{\n  "language_code": "eng",\n  "words": [\n    {"text": "hi",, }\n  ]\n}\n');
    expect(badJson.status).toBe(400);
    expect(badJson.body.error!.message).toMatch(/line 4/);
    expect(stored(rid)!.contentHash).toBe(hash2);

    // The JSON twin of the route (IPC/desktop path) and unknown recordings.
    const viaJson = await h.api('POST', `/api/v1/recordings/${rid}/transcript/text`, { fileName: 'again.srt', content: toSrt(edited) });
    expect(viaJson.status).toBe(200);
    expect((await h.uploadTranscript(999_999, 'x.srt', toSrt(truth))).status).toBe(404);
  }, 90_000);
});
