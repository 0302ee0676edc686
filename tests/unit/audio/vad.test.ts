import { describe, expect, it } from 'vitest';
import { MetricsAccumulator } from '../../../main/audio/metrics-accumulator.js';
import { AudioMetrics } from '../../../preload/contract/schemas/audio-metrics.js';
import { defaultVadOptions, EnergyVad } from '../../../main/audio/vad.js';

const RATE = 8000;

/** Deterministic noise + tone bursts: speech where `on(t)`, a noise floor everywhere. */
function signal(seconds: number, on: (t: number) => boolean, noise = 0.003, level = 0.2): Float32Array {
  const out = new Float32Array(seconds * RATE);
  let x = 1;
  for (let i = 0; i < out.length; i++) {
    x = (x * 1664525 + 1013904223) >>> 0;
    const n = ((x / 2 ** 32) * 2 - 1) * noise;
    const t = i / RATE;
    out[i] = n + (on(t) ? level * Math.sin(2 * Math.PI * 220 * t) : 0);
  }
  return out;
}

function interleave(...chs: Float32Array[]): Float32Array {
  const out = new Float32Array(chs[0]!.length * chs.length);
  for (let i = 0; i < chs[0]!.length; i++) for (let c = 0; c < chs.length; c++) out[i * chs.length + c] = chs[c]![i]!;
  return out;
}

function metrics(samples: Float32Array, channels: number, seconds: number, holdGapMinSec = 10): AudioMetrics {
  const acc = new MetricsAccumulator({
    channels,
    sampleRate: RATE,
    expectedDurationSec: seconds,
    vad: defaultVadOptions,
    holdGapMinSec,
    waveformBuckets: 100,
  });
  // Feed in odd-sized chunks: frames must carry across chunk boundaries.
  for (let i = 0; i < samples.length; i += 999 * channels) acc.push(samples.subarray(i, i + 999 * channels), 1);
  return AudioMetrics.parse(acc.finish());
}

describe('EnergyVad', () => {
  it('ignores a steady noise floor and detects speech above it', () => {
    const vad = new EnergyVad();
    let active = 0;
    for (let i = 0; i < 500; i++) active += vad.push(1e-5) ? 1 : 0; // -50 dBFS hiss for 10 s
    expect(active).toBe(0);
    for (let i = 0; i < 50; i++) active += vad.push(1e-2) ? 1 : 0; // -20 dBFS for 1 s
    expect(active).toBeGreaterThanOrEqual(48);
    expect(vad.noiseFloorDb).toBeLessThan(-40);
  });

  it('rejects a single click', () => {
    const vad = new EnergyVad();
    for (let i = 0; i < 100; i++) vad.push(1e-6);
    expect(vad.push(0.5)).toBe(false);
    expect(vad.push(1e-6)).toBe(false);
  });
});

describe('MetricsAccumulator', () => {
  it('measures talk, overtalk and silence on a synthetic stereo call', () => {
    // agent 0–10 s, customer 8–18 s (2 s overtalk), silence 18–40 s (one 22 s hold).
    const agent = signal(40, (t) => t < 10);
    const customer = signal(40, (t) => t >= 8 && t < 18);
    const m = metrics(interleave(agent, customer), 2, 40);
    expect(m.stereoSplit).toBe(true);
    if (!('agent' in m.talkSeconds)) throw new Error('expected stereo');
    expect(m.talkSeconds.agent).toBeCloseTo(10.4, 0); // + hangover
    expect(m.talkSeconds.customer).toBeCloseTo(10.4, 0);
    expect(m.overtalkSeconds!).toBeGreaterThan(1.8);
    expect(m.overtalkSeconds!).toBeLessThan(2.6);
    expect(m.overtalkCount).toBe(1);
    expect(m.holdGaps).toHaveLength(1);
    expect(m.holdGaps[0]!.start).toBeCloseTo(18.4, 0);
    expect(m.longestSilenceSec).toBeCloseTo(21.6, 0);
    expect(m.silenceShare).toBeCloseTo(21.6 / 40, 1);
    expect(m.waveform.channels[0]!.max.length).toBe(100);
    expect(m.channelStats[0]!.peakDbfs!).toBeCloseTo(20 * Math.log10(0.203), 0);
  });

  it('treats identical channels (dual mono) as one mixed channel', () => {
    const ch = signal(10, (t) => t > 2 && t < 6);
    const m = metrics(interleave(ch, ch), 2, 10);
    expect(m.stereoSplit).toBe(false);
    expect(m.talkSeconds).toEqual({ total: expect.closeTo(4.4, 0) });
    expect(m.overtalkSeconds).toBeNull();
    expect(m.channelStats.every((c) => c.role === 'mixed')).toBe(true);
  });

  it('reports digital silence as null dBFS, not -Infinity', () => {
    const m = metrics(new Float32Array(RATE * 2), 1, 2);
    expect(m.channelStats[0]!.rmsDbfs).toBeNull();
    expect(m.talkSeconds).toEqual({ total: 0 });
    expect(m.silenceShare).toBe(1);
  });
});
