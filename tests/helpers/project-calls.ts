import { AppSettingsDao } from '../../db/dao/app-settings-dao.js';
import { CallProjectionDao } from '../../db/dao/call-projection-dao.js';
import type { AppDatabase } from '../../db/open.js';
import { CallProjection } from '../../main/domains/calls/call-projection.js';
import type { ReviewPolicy } from '../../main/domains/calls/review-policy.js';

/**
 * The call projection over a database a test writes to directly (seeds, fixtures, queue harnesses),
 * with the review policy the database's core last applied (the defaults before any core ran).
 */
export function projectionFor(db: AppDatabase): CallProjection {
  const stored = new AppSettingsDao(db);
  const settings = () => {
    const p = stored.get<ReviewPolicy>('review.policy');
    return { transcriptQualityMin: p?.qualityMin ?? 60, unsupportedAnswers: p?.unsupportedToReview ? ('needs_review' as const) : ('show' as const) };
  };
  return new CallProjection(new CallProjectionDao(db), stored, settings);
}

/** Give these calls (written through the DAOs, as the app's write points would not) their records. */
export function projectCalls(db: AppDatabase, recordingIds: readonly number[]): void {
  projectionFor(db).sourcesChanged(recordingIds);
}
