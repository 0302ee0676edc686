import type { StepRunner } from '../../jobs/index.js';

/**
 * A transcribe step that finishes at once when the recording already has a transcript (one dropped
 * with the recording, attached later, or saved just before a crash), so no provider is called and no
 * key is needed. An explicit re-run (force) still transcribes: attempt.ts skips alreadyDone then.
 */
export function skipWhenTranscribed(inner: StepRunner): StepRunner {
  return {
    placement: (s) => inner.placement(s),
    alreadyDone: async (ctx) => ctx.deps.daos.transcripts.exists(ctx.job.recordingId) || ((await inner.alreadyDone?.(ctx)) ?? false),
    run: (ctx) => inner.run(ctx),
  };
}
