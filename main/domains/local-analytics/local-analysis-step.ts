import { LOCAL_ANALYSIS_VERSION } from './compute.js';
import { AppError } from '../../errors.js';
import type { StepRunner } from '../../jobs/index.js';
import type { LocalAnalysisResult } from '../../steps/local-analysis.js';

/**
 * `local_analysis`: conversation metrics, PII findings, rule checks and lexicon sentiment from the
 * transcript, with no provider and no network. Keyed by the transcript's content hash, so a re-import
 * or an edited transcript recomputes and an unchanged one is skipped. The work runs in the jobs
 * worker pool (100-300 ms for an hour-long call would stall the main loop).
 */
export function localAnalysisRunner(concurrency = 2): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:analysis', concurrency }),
    alreadyDone(ctx) {
      const t = ctx.deps.daos.transcripts.get(ctx.job.recordingId);
      return !!t && ctx.deps.daos.localAnalytics.hasLocalAnalysis(ctx.job.recordingId, t.contentHash, LOCAL_ANALYSIS_VERSION);
    },
    async run(ctx) {
      const { recordingId } = ctx.job;
      const t = ctx.deps.daos.transcripts.get(recordingId);
      if (!t) {
        // The pipeline only creates this step after transcribe; a missing row means it was deleted meanwhile.
        throw new AppError('not_found', `Recording ${recordingId} has no transcript to analyse.`, 'Transcribe the recording or attach a transcript file, then re-run.');
      }
      const { computeMs, ...r } = await ctx.compute<LocalAnalysisResult>('local_analysis', { transcript: t.body });
      return {
        kind: 'done',
        persist: () => ctx.deps.daos.localAnalytics.saveLocalAnalysis(recordingId, {
          transcriptHash: t.contentHash, version: LOCAL_ANALYSIS_VERSION, computeMs, ...r,
        }),
      };
    },
  };
}
