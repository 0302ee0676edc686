import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingMetrics } from '../../preload/contract/schemas/local-analytics.js';
import { makeOverlapCall, type OverlapFixture } from '../helpers/overlap-fixture.js';
import { truthToTranscript } from '../helpers/truth-transcript.js';
import { startLocalHarness, toSrt, type LocalHarness } from './local-analytics-harness.js';

// Interruptions counted exactly on a call built with deliberate overtalk (tests/helpers/overlap-fixture):
// from the audio (both channels active at once) and from the transcript (who started over whom).

let fx: OverlapFixture;
let h: LocalHarness;
beforeAll(async () => {
  fx = makeOverlapCall();
  h = await startLocalHarness();
}, 120_000);
afterAll(async () => h?.close());

describe('overlapping turns', () => {
  it('audio overtalk and transcript interruptions match the truth exactly', async () => {
    expect(fx.truth.overlaps.length).toBe(3);
    const batch = await h.importFiles([
      { from: fx.wav, name: 'overlap-call.wav' },
      { name: 'overlap-call.srt', content: toSrt(truthToTranscript(fx.truth)) },
    ]);
    const rid = batch.results[0]!.recordingId!;
    await h.waitForSteps(rid, { metrics: 'done', local_analysis: 'done' });
    const m = (await h.api<RecordingMetrics>('GET', `/api/v1/recordings/${rid}/metrics`)).body.value!;

    // Audio: one overtalk region per deliberate overlap, and about as long.
    expect(m.audio!.stereoSplit).toBe(true);
    expect(m.audio!.overtalkCount).toBe(fx.truth.overlaps.length);
    const truthSec = fx.truth.overlaps.reduce((s, o) => s + o.seconds, 0);
    expect(Math.abs(m.audio!.overtalkSeconds! - truthSec)).toBeLessThanOrEqual(1.5);

    // Transcript: who interrupted whom, and when.
    const conv = m.conversation!;
    expect(conv.interruptions.count).toBe(fx.truth.overlaps.length);
    const pairs: Record<string, number> = {};
    for (const o of fx.truth.overlaps) pairs[`${o.by}>${o.of}`] = (pairs[`${o.by}>${o.of}`] ?? 0) + 1;
    expect(Object.fromEntries(Object.entries(conv.interruptions.byPair).map(([k, v]) => [k, v.count]))).toEqual(pairs);
    conv.interruptions.list.forEach((i, k) => {
      expect(i.by).toBe(fx.truth.overlaps[k]!.by);
      expect(i.at).toBeCloseTo(fx.truth.overlaps[k]!.at, 1);
      expect(i.overlapSec).toBeCloseTo(fx.truth.overlaps[k]!.seconds, 1);
    });
  }, 120_000);
});
