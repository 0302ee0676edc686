import { TranscriptsDao } from '../../../db/dao/transcripts-dao.js';
import type { Queue, StepRunner } from '../../jobs/index.js';
import { localAnalysisRunner } from '../../jobs/runners/local-analysis.js';
import { metricsRunner } from '../../jobs/runners/metrics.js';

/**
 * A transcribe step that finishes at once when the recording already has a transcript (one dropped
 * with the recording, attached later, or saved just before a crash), so no provider is called and no
 * key is needed. An explicit re-run (force) still transcribes: attempt.ts skips alreadyDone then.
 */
export function skipWhenTranscribed(inner: StepRunner): StepRunner {
  return {
    placement: (s) => inner.placement(s),
    alreadyDone: async (ctx) => new TranscriptsDao(ctx.deps.db).exists(ctx.job.recordingId) || ((await inner.alreadyDone?.(ctx)) ?? false),
    run: (ctx) => inner.run(ctx),
  };
}

/**
 * Plug the offline steps into the queue. Call after the transcribe runner is registered (it is
 * wrapped, whichever implementation it is).
 */
export function registerLocalAnalytics(queue: Queue): void {
  queue.registerStep('metrics', metricsRunner());
  queue.registerStep('local_analysis', localAnalysisRunner());
  const transcribe = queue.registry.get('transcribe');
  if (transcribe) queue.registerStep('transcribe', skipWhenTranscribed(transcribe));
}
