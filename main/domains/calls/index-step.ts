import type { Settings } from '../../../preload/contract/schemas/settings.js';
import type { StepRunner } from '../../jobs/types.js';
import type { IndexFindings, IndexInput } from '../../steps/index-findings.js';
import type { CallProjection } from './call-projection.js';

/**
 * The pipeline's last step, `index`: make the call findable and listable. Stores what is too costly
 * to recompute on every change (the PII flag and the transcript's quality, steps/index-findings.ts)
 * and rebuilds the call's search text (repairs an index that missed a write). The job's completion
 * then re-projects the call's record from these and its other sources. Idempotent: running it twice
 * leaves the same rows. Every re-run of transcribe or analyze re-runs it (it depends on both).
 */
export function indexStepRunner(settings: () => Settings, projection: CallProjection): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:index', concurrency: 2 }),
    async run(ctx) {
      const { daos } = ctx.deps;
      const recordingId = ctx.job.recordingId;
      const stored = daos.transcripts.get(recordingId);
      const metrics = daos.localAnalytics.getAudioMetrics(recordingId)?.body ?? null;
      const input: IndexInput = {
        transcript: stored?.body ?? null,
        audio: metrics ? { stereoSplit: metrics.stereoSplit, channelStats: metrics.channelStats } : null,
        callLanguage: settings().callLanguage,
      };
      const found = await ctx.compute<IndexFindings>('index', input);
      return {
        kind: 'done',
        // Written only if this worker still holds the job (fencing), in the job's own transaction.
        persist: () => {
          const findings = daos.transcriptQuality;
          findings.saveFindings(recordingId, { piiFound: found.piiFound });
          if (stored && found.quality) findings.save(recordingId, stored.contentHash, found.quality);
          projection.reindexText(recordingId);
        },
      };
    },
  };
}
