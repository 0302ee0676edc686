import type { Daos } from '../../../db/daos.js';
import { AppError } from '../../errors.js';
import type { MetricsResult } from '../../steps/metrics.js';
import type { StepRunner } from '../types.js';

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
  const audioOf = (daos: Pick<Daos, 'jobsQuery'>, id: number) => {
    const rec = daos.jobsQuery.recordingAudio(id);
    if (!rec) throw new AppError('not_found', `Recording ${id} no longer exists.`, 'Nothing to do; it was deleted.');
    return rec;
  };
  return {
    placement: () => ({ provider: 'local', lane: 'local:metrics', concurrency }),
    alreadyDone(ctx) {
      const rec = audioOf(ctx.deps.daos, ctx.job.recordingId);
      return ctx.deps.daos.localAnalytics.hasAudioMetrics(ctx.job.recordingId, rec.sha256, AUDIO_METRICS_VERSION);
    },
    async run(ctx) {
      const { recordingId } = ctx.job;
      const rec = audioOf(ctx.deps.daos, recordingId);
      const r = await ctx.compute<MetricsResult>('metrics', { audio: { recordingId, fileName: rec.fileName, sha256: rec.sha256, sizeBytes: rec.sizeBytes } });
      return {
        kind: 'done',
        persist: () => ctx.deps.daos.localAnalytics.saveAudioMetrics(recordingId, rec.sha256, AUDIO_METRICS_VERSION, r.metrics, r.computeMs),
      };
    },
  };
}
