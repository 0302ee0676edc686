import type { MetricsResult } from '../../steps/metrics.js';
import type { StepRunner } from '../types.js';
import { storedAudio } from './stored-audio.js';

/**
 * Bump when the audio metrics (VAD, waveform buckets...) change their output: stored metrics of an
 * older version are then recomputed; otherwise the metrics of a given audio content are computed once.
 */
export const AUDIO_METRICS_VERSION = 1;

/**
 * `metrics`: talk time, silence, holds, overtalk, loudness and waveform peaks from the audio alone.
 * Needs only the probe (not the transcript), so it finishes even while transcription waits for an API
 * key. Decoding runs in the audio worker thread (streamed PCM, flat memory); local, so no breaker.
 */
export function metricsRunner(concurrency = 2): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:metrics', concurrency }),
    alreadyDone(ctx) {
      const { ref } = storedAudio(ctx.deps.daos, ctx.job.recordingId);
      return ctx.deps.daos.localAnalytics.hasAudioMetrics(ctx.job.recordingId, ref.sha256, AUDIO_METRICS_VERSION);
    },
    async run(ctx) {
      const { recordingId } = ctx.job;
      const { ref } = storedAudio(ctx.deps.daos, recordingId);
      const r = await ctx.compute<MetricsResult>('metrics', { audio: ref });
      return {
        kind: 'done',
        persist: () => ctx.deps.daos.localAnalytics.saveAudioMetrics(recordingId, ref.sha256, AUDIO_METRICS_VERSION, r.metrics, r.computeMs),
      };
    },
  };
}
