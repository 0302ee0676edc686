import { CallsDao } from '../../../db/dao/calls-dao.js';
import type { StepRunner } from '../../jobs/types.js';
import { detectPii } from '../../text/pii/index.js';

/** PII findings below this confidence do not flag a call (the redaction view still shows them). */
const PII_FLAG_MIN_CONFIDENCE = 0.6;

/**
 * The pipeline's last step, `index`: make the call findable and listable. Rebuilds the recording's
 * full-text rows from its transcript (triggers already do this on every transcript write; re-doing it
 * here repairs an index that missed one), sets the PII flag (the detector is TypeScript, not SQL) and
 * recomputes the call_summary row. Idempotent: running it twice leaves the same rows.
 */
export function indexStepRunner(): StepRunner {
  return {
    placement: () => ({ provider: 'local', lane: 'local:index', concurrency: 2 }),
    async run(ctx) {
      const { db } = ctx.deps;
      const recordingId = ctx.job.recordingId;
      const calls = new CallsDao(db);
      const transcript = calls.fts.transcriptOf(recordingId);
      const pii = transcript ? detectPii(transcript, { minConfidence: PII_FLAG_MIN_CONFIDENCE }).length > 0 : false;
      return {
        kind: 'done',
        // Written only if this worker still holds the job (fencing), in the job's own transaction.
        persist: () => {
          calls.fts.reindex(recordingId, transcript);
          calls.refreshSummary(recordingId);
          calls.setPiiFlag(recordingId, pii);
        },
      };
    },
  };
}
