import type { Settings } from '../../../preload/contract/schemas/settings.js';
import { transcriptQuality } from '../../analytics/transcript-quality.js';
import type { StepRunner } from '../../jobs/types.js';
import { detectPii } from '../../text/pii/index.js';
import type { CallProjection } from './call-projection.js';

/** PII findings below this confidence do not flag a call (the redaction view still shows them). */
const PII_FLAG_MIN_CONFIDENCE = 0.6;

/**
 * The pipeline's last step, `index`: make the call findable and listable. Learns what is too costly
 * to recompute on every change — whether the transcript holds personal data, and the transcript's
 * quality (it needs the transcript and the audio metrics, which only meet here) — and rebuilds the
 * call's search text (repairs an index that missed a write). The job's completion then re-projects
 * the call's record from these and its other sources. Idempotent: running it twice leaves the same
 * rows. Every re-run of transcribe or analyze re-runs it (it depends on both).
 */
export function indexStepRunner(settings: () => Settings, projection: CallProjection): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:index', concurrency: 2 }),
    async run(ctx) {
      const { daos } = ctx.deps;
      const recordingId = ctx.job.recordingId;
      const s = settings();
      // One read of the transcript serves the PII flag and the quality score.
      const stored = daos.transcripts.get(recordingId);
      const pii = stored ? detectPii(stored.body, { minConfidence: PII_FLAG_MIN_CONFIDENCE }).length > 0 : false;
      const audio = daos.localAnalytics.getAudioMetrics(recordingId)?.body ?? null;
      const quality = stored ? transcriptQuality(stored.body, audio, s.callLanguage) : null;
      return {
        kind: 'done',
        // Written only if this worker still holds the job (fencing), in the job's own transaction.
        persist: () => {
          const findings = daos.transcriptQuality;
          findings.saveFindings(recordingId, { piiFound: pii });
          if (stored && quality) findings.save(recordingId, stored.contentHash, quality);
          projection.reindexText(recordingId);
        },
      };
    },
  };
}
