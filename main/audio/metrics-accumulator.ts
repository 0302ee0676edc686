import type { AudioMetrics, ChannelStats, TimeSpan } from '../../preload/contract/schemas/audio-metrics.js';
import { EnergyVad, type VadOptions } from './vad.js';
import { WaveformPeaks } from './waveform.js';

/**
 * Folds interleaved PCM chunks into the call metrics in one pass with constant memory (apart from
 * the output itself: segments, hold gaps, ~targetBuckets waveform columns). Pure: no I/O, so unit
 * tests can feed it synthetic signals.
 */

export interface AccumulatorOptions {
  channels: number;
  sampleRate: number;
  /** Probed duration, used only to size waveform buckets. */
  expectedDurationSec: number;
  vad: VadOptions;
  holdGapMinSec: number;
  waveformBuckets: number;
}

/** Mid-call silences shorter than this are not "overtalk" or "hold" noise; overtalk runs below it are ignored. */
const MIN_OVERTALK_SEC = 0.1;
/** Stereo whose channels differ by less than this energy ratio is the same signal twice (dual mono). */
const DUAL_MONO_RATIO = 1e-4;

interface ChannelState {
  vad: EnergyVad;
  frameSumSq: number;
  totalSumSq: number;
  speechSumSq: number;
  speechSamples: number;
  peak: number;
  activeFrames: number;
  segments: [number, number][];
  segStart: number; // frame index, -1 when not in a segment
}

const toDb = (meanSquare: number): number | null => (meanSquare > 0 ? round2(10 * Math.log10(meanSquare)) : null);
const round2 = (x: number): number => Math.round(x * 100) / 100;

export class MetricsAccumulator {
  private readonly frameLen: number;
  private readonly ch: ChannelState[];
  private readonly peaks: WaveformPeaks;
  private inFrame = 0; // samples per channel gathered in the current VAD frame
  private frames = 0; // completed VAD frames
  private samplesPerChannel = 0;
  private diffSumSq = 0;
  private bothSumSq = 0;
  // Timeline across channels, in frames.
  private silenceFrames = 0;
  private silenceRun = 0;
  private longestSilence = 0;
  private readonly holdGaps: TimeSpan[] = [];
  private anyActiveFrames = 0;
  private bothActiveFrames = 0;
  private overtalkRun = 0;
  private overtalkCount = 0;

  constructor(private readonly o: AccumulatorOptions) {
    this.frameLen = Math.max(1, Math.round(o.vad.frameSec * o.sampleRate));
    this.ch = Array.from({ length: o.channels }, () => ({
      vad: new EnergyVad(o.vad),
      frameSumSq: 0,
      totalSumSq: 0,
      speechSumSq: 0,
      speechSamples: 0,
      peak: 0,
      activeFrames: 0,
      segments: [],
      segStart: -1,
    }));
    this.peaks = WaveformPeaks.forDuration(o.channels, o.sampleRate, o.expectedDurationSec, o.waveformBuckets);
  }

  /** Interleaved samples, whole frames only; s16 is scaled to -1..1 by `scale`. */
  push(samples: Int16Array | Float32Array, scale: number): void {
    const C = this.o.channels;
    const n = samples.length;
    const peaks = this.peaks;
    for (let i = 0; i < n; i += C) {
      for (let c = 0; c < C; c++) {
        const x = samples[i + c]! * scale;
        const st = this.ch[c]!;
        st.frameSumSq += x * x;
        const a = x < 0 ? -x : x;
        if (a > st.peak) st.peak = a;
        peaks.addSample(c, x);
      }
      if (C === 2) {
        const d = samples[i]! * scale - samples[i + 1]! * scale;
        this.diffSumSq += d * d;
      }
      peaks.endFrame();
      if (++this.inFrame === this.frameLen) this.endFrame();
    }
    this.samplesPerChannel += n / C;
  }

  private endFrame(): void {
    let active = 0;
    for (const st of this.ch) {
      const speech = st.vad.push(st.frameSumSq / this.frameLen);
      st.totalSumSq += st.frameSumSq;
      if (speech) {
        active++;
        st.activeFrames++;
        st.speechSumSq += st.frameSumSq;
        st.speechSamples += this.frameLen;
        if (st.segStart < 0) st.segStart = this.frames;
      } else if (st.segStart >= 0) {
        st.segments.push([this.sec(st.segStart), this.sec(this.frames)]);
        st.segStart = -1;
      }
      this.bothSumSq += st.frameSumSq;
      st.frameSumSq = 0;
    }
    this.timeline(active);
    this.inFrame = 0;
    this.frames++;
  }

  private timeline(active: number): void {
    if (active === 0) {
      this.silenceFrames++;
      this.silenceRun++;
    } else {
      this.closeSilence();
      this.anyActiveFrames++;
    }
    if (active >= 2) {
      this.bothActiveFrames++;
      this.overtalkRun++;
    } else {
      if (this.overtalkRun * this.o.vad.frameSec >= MIN_OVERTALK_SEC) this.overtalkCount++;
      this.overtalkRun = 0;
    }
  }

  private closeSilence(): void {
    if (this.silenceRun === 0) return;
    if (this.silenceRun > this.longestSilence) this.longestSilence = this.silenceRun;
    if (this.silenceRun * this.o.vad.frameSec >= this.o.holdGapMinSec) {
      this.holdGaps.push({ start: this.sec(this.frames - this.silenceRun), end: this.sec(this.frames) });
    }
    this.silenceRun = 0;
  }

  private sec(frames: number): number {
    return round2((frames * this.frameLen) / this.o.sampleRate);
  }

  finish(): AudioMetrics {
    if (this.inFrame > 0) {
      // A partial last frame: pad its energy estimate as if it were full length.
      for (const st of this.ch) st.frameSumSq *= this.frameLen / this.inFrame;
      this.endFrame();
    }
    this.closeSilence();
    const C = this.o.channels;
    const frameSec = this.frameLen / this.o.sampleRate;
    const durationSec = this.samplesPerChannel / this.o.sampleRate;
    const talk = (frames: number): number => round2(Math.min(frames * frameSec, durationSec));
    // Identical channels (a mono call saved as stereo) cannot be split into agent and customer.
    const stereoSplit = C === 2 && this.bothSumSq > 0 && this.diffSumSq / this.bothSumSq > DUAL_MONO_RATIO;
    if (this.overtalkRun * frameSec >= MIN_OVERTALK_SEC) this.overtalkCount++;

    const channelStats: ChannelStats[] = this.ch.map((st, c) => {
      if (st.segStart >= 0) st.segments.push([this.sec(st.segStart), this.sec(this.frames)]);
      return {
        channel: c,
        role: stereoSplit ? (c === 0 ? 'agent' : c === 1 ? 'customer' : 'mixed') : 'mixed',
        talkSeconds: talk(st.activeFrames),
        rmsDbfs: toDb(this.samplesPerChannel > 0 ? st.totalSumSq / this.samplesPerChannel : 0),
        speechRmsDbfs: toDb(st.speechSamples > 0 ? st.speechSumSq / st.speechSamples : 0),
        peakDbfs: toDb(st.peak * st.peak),
        noiseFloorDbfs: st.vad.noiseFloorDb <= -100 ? null : round2(st.vad.noiseFloorDb),
        segments: st.segments,
      };
    });
    const silenceSeconds = talk(this.silenceFrames);
    return {
      version: 1,
      durationSec: round2(durationSec),
      analysisSampleRate: this.o.sampleRate,
      frameSec,
      channels: C,
      stereoSplit,
      talkSeconds: stereoSplit
        ? { agent: channelStats[0]!.talkSeconds, customer: channelStats[1]!.talkSeconds }
        : { total: talk(this.anyActiveFrames) },
      silenceSeconds,
      silenceShare: durationSec > 0 ? Math.min(1, Math.round((silenceSeconds / durationSec) * 1e4) / 1e4) : 0,
      longestSilenceSec: talk(this.longestSilence),
      holdGapMinSec: this.o.holdGapMinSec,
      holdGaps: this.holdGaps,
      overtalkSeconds: stereoSplit ? talk(this.bothActiveFrames) : null,
      overtalkCount: stereoSplit ? this.overtalkCount : null,
      channelStats,
      waveform: this.peaks.finish(this.o.sampleRate),
    };
  }
}
