import { beforeAll, describe, expect, it } from 'vitest';
import { computeAudioMetrics } from '../../main/audio/metrics.js';
import { audioMetricsInWorker, probeAndHashInWorker, runAudioTask } from '../../main/audio/run-in-worker.js';
import { sha256File } from '../../main/audio/hash.js';
import { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import { type CallTruth, generateCalls, type GeneratedCalls } from '../helpers/fixtures.js';
import { makeVariant } from '../helpers/audio-variants.js';

let stereo: GeneratedCalls;
let mono: GeneratedCalls;
beforeAll(() => {
  stereo = generateCalls({ formats: ['wav', 'mp3', 'm4a', 'ogg', 'flac'] });
  mono = generateCalls({ formats: ['wav', 'mp3', 'm4a', 'ogg', 'flac'], mono: true });
});

/** Truth talk time per party = sum of its turn durations; silence = time no turn covers. */
function truthTalk(t: CallTruth): { agent: number; customer: number; silenceShare: number } {
  const sum = (who: string): number => t.turns.filter((x) => x.speaker === who).reduce((s, x) => s + x.end - x.start, 0);
  const agent = sum('agent');
  const customer = sum('customer');
  return { agent, customer, silenceShare: 1 - (agent + customer) / t.duration_s }; // turns never overlap
}

const within = (actual: number, expected: number, ratio: number): void =>
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(expected * ratio);

describe('metrics vs truth on stereo calls', () => {
  for (const fmt of ['wav', 'mp3', 'm4a', 'ogg', 'flac']) {
    it(`${fmt}: talk per party within 5%, silence share within 5 points`, async () => {
      for (const id of stereo.ids) {
        const truth = truthTalk(stereo.truth(id));
        const m = await computeAudioMetrics(stereo.file(id, fmt));
        expect(m.stereoSplit).toBe(true);
        if (!('agent' in m.talkSeconds)) throw new Error('expected stereo talk split');
        within(m.talkSeconds.agent, truth.agent, 0.05);
        within(m.talkSeconds.customer, truth.customer, 0.05);
        expect(Math.abs(m.silenceShare - truth.silenceShare)).toBeLessThanOrEqual(0.05);
        // The script never has both parties at once.
        expect(m.overtalkSeconds).toBeLessThanOrEqual(0.5);
        expect(m.channelStats.map((c) => c.role)).toEqual(['agent', 'customer']);
      }
    });
  }

  it('stays within tolerance on a noisy line (adaptive noise floor)', async () => {
    for (const id of stereo.ids) {
      const truth = truthTalk(stereo.truth(id));
      const m = await computeAudioMetrics(makeVariant(stereo.file(id, 'wav'), 'wav-noisy'));
      if (!('agent' in m.talkSeconds)) throw new Error('expected stereo talk split');
      within(m.talkSeconds.agent, truth.agent, 0.05);
      within(m.talkSeconds.customer, truth.customer, 0.05);
      expect(Math.abs(m.silenceShare - truth.silenceShare)).toBeLessThanOrEqual(0.05);
      for (const c of m.channelStats) {
        expect(c.noiseFloorDbfs).not.toBeNull();
        expect(c.noiseFloorDbfs!).toBeLessThan(c.speechRmsDbfs! - 15);
      }
    }
  });

  it('telephony codecs (µ-law 8 kHz) give the same talk split', async () => {
    const id = stereo.ids[0]!;
    const truth = truthTalk(stereo.truth(id));
    const m = await computeAudioMetrics(makeVariant(stereo.file(id, 'wav'), 'wav-mulaw'));
    if (!('agent' in m.talkSeconds)) throw new Error('expected stereo talk split');
    within(m.talkSeconds.agent, truth.agent, 0.05);
    within(m.talkSeconds.customer, truth.customer, 0.05);
  });
});

describe('metrics on mono calls', () => {
  for (const fmt of ['wav', 'mp3', 'ogg']) {
    it(`${fmt}: total talk within 5%, no party split, no overtalk`, async () => {
      for (const id of mono.ids) {
        const t = truthTalk(mono.truth(id));
        const m = await computeAudioMetrics(mono.file(id, fmt));
        expect(m.stereoSplit).toBe(false);
        expect(m.talkSeconds).toEqual({ total: expect.any(Number) });
        if (!('total' in m.talkSeconds)) throw new Error('expected mono total');
        within(m.talkSeconds.total, t.agent + t.customer, 0.05);
        expect(Math.abs(m.silenceShare - t.silenceShare)).toBeLessThanOrEqual(0.05);
        expect(m.overtalkSeconds).toBeNull();
        expect(m.channelStats).toHaveLength(1);
      }
    });
  }
});

describe('waveform, loudness, silences', () => {
  it('returns ~2000 min/max buckets per channel in -1..1 covering the call', async () => {
    const id = stereo.ids[0]!;
    const m = await computeAudioMetrics(stereo.file(id, 'wav'));
    expect(AudioMetrics.parse(m)).toEqual(m);
    expect(m.waveform.channels).toHaveLength(2);
    for (const ch of m.waveform.channels) {
      expect(ch.min.length).toBe(ch.max.length);
      expect(ch.min.length).toBeGreaterThan(1900);
      expect(ch.min.length).toBeLessThanOrEqual(2000);
      for (let i = 0; i < ch.min.length; i++) {
        expect(ch.min[i]!).toBeGreaterThanOrEqual(-1);
        expect(ch.max[i]!).toBeLessThanOrEqual(1);
        expect(ch.min[i]!).toBeLessThanOrEqual(ch.max[i]!);
      }
      expect(Math.max(...ch.max)).toBeGreaterThan(0.05); // speech is there
    }
    expect(m.waveform.bucketSec * m.waveform.channels[0]!.min.length).toBeCloseTo(m.durationSec, 0);
    for (const c of m.channelStats) {
      expect(c.peakDbfs!).toBeLessThanOrEqual(0);
      expect(c.peakDbfs!).toBeGreaterThan(c.speechRmsDbfs!);
      expect(c.speechRmsDbfs!).toBeGreaterThan(c.rmsDbfs!); // whole-channel RMS includes the other party's turns
    }
    // Turn gaps are ~0.45 s: the longest silence is short and no hold is reported at 10 s.
    expect(m.longestSilenceSec).toBeLessThan(1.5);
    expect(m.holdGaps).toEqual([]);
    // Segments follow the script's turn order: agent first.
    const firstAgent = m.channelStats[0]!.segments[0]!;
    const firstCustomer = m.channelStats[1]!.segments[0]!;
    expect(firstAgent[0]).toBeLessThan(firstCustomer[0]);
  });

  it('reports silences over the configured threshold as hold-like gaps', async () => {
    const id = stereo.ids[0]!;
    const m = await computeAudioMetrics(stereo.file(id, 'wav'), { holdGapMinSec: 0.3, waveformBuckets: 500 });
    expect(m.holdGapMinSec).toBe(0.3);
    expect(m.holdGaps.length).toBeGreaterThan(3);
    for (const g of m.holdGaps) expect(g.end - g.start).toBeGreaterThanOrEqual(0.29);
    expect(m.waveform.channels[0]!.min.length).toBeLessThanOrEqual(500);
  });
});

describe('worker thread', () => {
  it('probe+hash and metrics in a worker match the in-process results', async () => {
    const file = stereo.file(stereo.ids[2]!, 'ogg');
    const ph = await probeAndHashInWorker(file);
    expect(ph.sha256).toBe(await sha256File(file));
    expect(ph.probe.container).toBe('ogg');
    const inWorker = await audioMetricsInWorker(file, { durationSec: ph.probe.durationSec, channels: ph.probe.channels });
    const inProcess = await computeAudioMetrics(file);
    expect(inWorker).toEqual(inProcess);
  });

  it('keeps the event loop free while working', async () => {
    const file = stereo.file(stereo.ids[0]!, 'flac');
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = Date.now();
    const run = runAudioTask({ kind: 'metrics', path: file });
    const { stats } = await run;
    clearInterval(timer);
    const elapsed = Date.now() - started;
    // The loop ticked roughly every 5 ms the whole time (generous for busy CI boxes).
    expect(ticks).toBeGreaterThan(elapsed / 5 / 4);
    expect(stats.peakRssMb).toBeGreaterThan(0);
  });

  it('errors cross the thread as AppErrors', async () => {
    await expect(probeAndHashInWorker('/missing/call.wav')).rejects.toMatchObject({ name: 'AppError', category: 'not_found' });
  });

  it('abort stops the worker promptly', async () => {
    const ac = new AbortController();
    const p = audioMetricsInWorker(stereo.file(stereo.ids[0]!, 'mp3'), { signal: ac.signal });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
  });
});
