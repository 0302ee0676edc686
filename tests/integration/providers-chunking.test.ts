import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractChunk, maxChunkSecFor } from '../../main/providers/chunking/extract.js';
import { detectSilences, planChunks } from '../../main/providers/chunking/plan.js';
import { OPENAI_UPLOAD_LIMIT } from '../../main/providers/openai-transcriber.js';
import { type FakeOpenAI, FixtureRegistry, startFakeOpenAI } from '../fakes/index.js';
import { type CallTruth, generateCalls } from '../helpers/fixtures.js';
import { type ProviderHarness, roleMismatches, startProviderHarness, wordErrorRate } from './providers-harness.js';

// A 30-minute mono call (> 25 MiB) goes to OpenAI in chunks cut at silences and comes back stitched.
const cacheDir = resolve(import.meta.dirname, '../.cache/long-call');
let long: { file: string; truth: CallTruth };
let openai: FakeOpenAI;
let h: ProviderHarness;
let chunkCount = 0;

/** Concatenate the mono fixtures (sox) until the call lasts 30 minutes; the truth turns follow along. */
function buildLongCall(): { file: string; truth: CallTruth } {
  const file = join(cacheDir, 'long-30min.wav');
  const truthFile = join(cacheDir, 'long-30min.truth.json');
  const mono = generateCalls({ formats: ['wav'], mono: true });
  if (!existsSync(truthFile)) {
    mkdirSync(cacheDir, { recursive: true });
    const parts: string[] = [];
    const turns: CallTruth['turns'] = [];
    let offset = 0;
    for (let i = 0; offset < 1800; i++) {
      const id = mono.ids[i % mono.ids.length]!;
      const t = mono.truth(id);
      const samples = Number(execFileSync('soxi', ['-s', mono.file(id, 'wav')]).toString().trim());
      for (const turn of t.turns) turns.push({ ...turn, start: turn.start + offset, end: turn.end + offset });
      parts.push(mono.file(id, 'wav'));
      offset += samples / 16000;
    }
    execFileSync('sox', [...parts, `${file}.tmp.wav`]);
    renameSync(`${file}.tmp.wav`, file);
    const truth: CallTruth = { id: 'long-30min', agent: 'Agent', expect: {}, duration_s: offset, channels: 1, turns };
    writeFileSync(truthFile, JSON.stringify(truth));
  }
  return { file, truth: JSON.parse(readFileSync(truthFile, 'utf8')) as CallTruth };
}

/** The fake recognises audio by hash, so register each chunk the app will cut, with its slice of the truth. */
async function registerChunks(registry: FixtureRegistry): Promise<number> {
  const silences = await detectSilences(long.file);
  const { chunks } = planChunks(silences, { durationSec: long.truth.duration_s, maxChunkSec: maxChunkSecFor(OPENAI_UPLOAD_LIMIT) });
  const dir = mkdtempSync(join(tmpdir(), 'cca-chunks-test-'));
  for (const [i, c] of chunks.entries()) {
    const out = join(dir, `c${i}.wav`);
    await extractChunk(long.file, c, out);
    const turns = long.truth.turns
      .filter((t) => t.end > c.start && t.start < c.end)
      .map((t) => ({ ...t, start: Math.max(0, t.start - c.start), end: Math.min(c.end, t.end) - c.start }));
    registry.registerAudio(readFileSync(out), { id: `long-${i}`, format: 'wav', truth: { ...long.truth, id: `long-${i}`, duration_s: c.end - c.start, turns } });
  }
  return chunks.length;
}

beforeAll(async () => {
  long = buildLongCall();
  const registry = new FixtureRegistry();
  chunkCount = await registerChunks(registry);
  openai = await startFakeOpenAI({ registry });
  h = await startProviderHarness({ CCA_OPENAI_BASE_URL: openai.url, CCA_TRANSCRIPTION_PROVIDER: 'openai' });
}, 120_000);
afterAll(async () => {
  h?.close();
  await openai?.close();
});

describe('chunking a 30-minute call for OpenAI', () => {
  it('is split at silences, stitched with continuous times, consistent speakers, WER 0', async () => {
    expect(statSync(long.file).size).toBeGreaterThan(OPENAI_UPLOAD_LIMIT);
    expect(long.truth.duration_s).toBeGreaterThanOrEqual(1800);
    expect(chunkCount).toBeGreaterThanOrEqual(3);
    const started = Date.now();
    const recordingId = h.addRecording(long.file, long.truth);
    const res = await h.transcribe(recordingId);
    if (res.kind !== 'done') throw new Error(res.message);
    const t = res.save().body;
    expect(openai.calls['POST /v1/audio/transcriptions']).toBe(chunkCount);
    expect(openai.violations).toEqual([]);
    expect(res.result.requestIds).toHaveLength(chunkCount);

    expect(t.segments).toHaveLength(long.truth.turns.length);
    expect(wordErrorRate(t, long.truth)).toBe(0);
    for (const [i, s] of t.segments.entries()) {
      if (i > 0) expect(s.start).toBeGreaterThanOrEqual(t.segments[i - 1]!.start);
      expect(Math.abs(s.start - long.truth.turns[i]!.start)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(s.end - long.truth.turns[i]!.end)).toBeLessThanOrEqual(0.5);
    }
    expect(new Set(t.segments.map((s) => s.speaker)).size).toBe(2);
    expect(roleMismatches(t, long.truth)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
