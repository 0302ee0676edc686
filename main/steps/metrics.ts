import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import { audioMetricsInWorker } from '../audio/run-in-worker.js';
import type { AudioRef, ComputeEnv } from './compute-env.js';

export interface MetricsResult {
  metrics: AudioMetrics;
  computeMs: number;
}

/** `metrics`: talk time, silence, holds, overtalk, loudness and waveform peaks, decoded in the audio worker. */
export async function audioMetrics(input: { audio: AudioRef }, env: ComputeEnv): Promise<MetricsResult> {
  const path = await env.audio.file(input.audio, env.signal);
  env.progress(0.05);
  const t0 = performance.now();
  const metrics = await audioMetricsInWorker(path, { signal: env.signal });
  const computeMs = Math.round(performance.now() - t0);
  env.log.info({ ms: computeMs, durationSec: metrics.durationSec, rtf: Math.round(metrics.durationSec / Math.max(computeMs / 1000, 1e-3)) }, 'audio metrics computed');
  return { metrics, computeMs };
}
