import { AnalysesDao } from '../../../db/dao/analyses-dao.js';
import { CallsDao } from '../../../db/dao/calls-dao.js';
import { LocalAnalyticsDao } from '../../../db/dao/local-analytics-dao.js';
import { TranscriptQualityDao } from '../../../db/dao/transcript-quality-dao.js';
import { TranscriptsDao } from '../../../db/dao/transcripts-dao.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';
import { transcriptQuality } from '../../analytics/transcript-quality.js';
import type { StepRunner } from '../../jobs/types.js';
import { detectPii } from '../../text/pii/index.js';
import { reviewPolicyOf } from './review-policy.js';

/** PII findings below this confidence do not flag a call (the redaction view still shows them). */
const PII_FLAG_MIN_CONFIDENCE = 0.6;

/**
 * The pipeline's last step, `index`: make the call findable and listable. Rebuilds the recording's
 * full-text rows from its transcript (triggers already do this on every transcript write; re-doing it
 * here repairs an index that missed one), sets the PII flag (the detector is TypeScript, not SQL),
 * scores the transcript's quality (it needs the transcript and the audio metrics, which only meet
 * here), records how the analysis' answers are supported, decides whether the call needs a person's
 * review, and recomputes the call_summary row. Idempotent: running it twice leaves the same rows.
 * Every re-run of transcribe or analyze re-runs it (it depends on both).
 */
export function indexStepRunner(settings: () => Settings): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:index', concurrency: 2 }),
    async run(ctx) {
      const { db } = ctx.deps;
      const recordingId = ctx.job.recordingId;
      const calls = new CallsDao(db);
      const s = settings();
      // One read of the transcript serves the index, the PII flag and the quality score.
      const stored = new TranscriptsDao(db).get(recordingId);
      const transcript = stored?.body ?? null;
      const pii = transcript ? detectPii(transcript, { minConfidence: PII_FLAG_MIN_CONFIDENCE }).length > 0 : false;
      const audio = new LocalAnalyticsDao(db).getAudioMetrics(recordingId)?.body ?? null;
      const quality = stored ? transcriptQuality(stored.body, audio, s.callLanguage) : null;
      const analysis = new AnalysesDao(db).latest(recordingId)?.body;
      const support = new Map((analysis?.scorecard.criteria ?? []).flatMap((c) => (c.support ? [[c.id, c.support] as const] : [])));
      const stats = {
        support,
        unsupported: [...support.values()].filter((x) => x === 'unsupported').length,
        quotesNotFound: (analysis?.flags ?? []).filter((f) => f.kind === 'fabricated_quote').length,
      };
      return {
        kind: 'done',
        // Written only if this worker still holds the job (fencing), in the job's own transaction.
        persist: () => {
          calls.fts.reindex(recordingId, transcript);
          calls.refreshSummary(recordingId);
          calls.setPiiFlag(recordingId, pii);
          if (stored && quality) new TranscriptQualityDao(db).save(recordingId, stored.contentHash, quality);
          calls.setEvidenceStats(recordingId, stats);
          calls.refreshNeedsReview(reviewPolicyOf(s), recordingId);
        },
      };
    },
  };
}
