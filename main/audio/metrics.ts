import { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import { MetricsAccumulator } from './metrics-accumulator.js';
import { decodePcm, type PcmSampleRate } from './pcm.js';
import { probeAudio } from './probe.js';
import { defaultVadOptions, type VadOptions } from './vad.js';

/**
 * Local call metrics from the audio itself: decode once with ffmpeg (8 kHz is plenty for speech
 * energy and keeps the pipe small), fold every chunk into the accumulator, validate the result.
 * Runs in the audio worker (see worker.ts); never call it on the Electron main thread.
 */

export interface AudioMetricsOptions {
  /** From an earlier probe; probed again when missing. */
  durationSec?: number;
  channels?: number;
  sampleRate?: PcmSampleRate;
  /** Silences at least this long are reported as hold-like gaps (default 10 s). */
  holdGapMinSec?: number;
  /** Waveform columns for the whole call (default 2000). */
  waveformBuckets?: number;
  vad?: Partial<VadOptions>;
  signal?: AbortSignal;
}

export async function computeAudioMetrics(path: string, options: AudioMetricsOptions = {}): Promise<AudioMetrics> {
  let { durationSec, channels } = options;
  if (durationSec === undefined || channels === undefined) {
    const probe = await probeAudio(path, { signal: options.signal, verifyDecode: false });
    durationSec ??= probe.durationSec;
    channels ??= probe.channels;
  }
  const sampleRate = options.sampleRate ?? 8000;
  const acc = new MetricsAccumulator({
    channels,
    sampleRate,
    expectedDurationSec: durationSec,
    vad: { ...defaultVadOptions, ...options.vad },
    holdGapMinSec: options.holdGapMinSec ?? 10,
    waveformBuckets: options.waveformBuckets ?? 2000,
  });
  const pcm = decodePcm(path, { format: 's16le', sampleRate, channels, signal: options.signal });
  for await (const chunk of pcm) acc.push(chunk.samples, 1 / 32768);
  return AudioMetrics.parse(acc.finish());
}
