import { AppSettingsDao } from '../../db/dao/app-settings-dao.js';
import type { Daos } from '../../db/daos.js';
import type { AppDatabase } from '../../db/open.js';
import { createDaosWithProjection, type CallProjection } from '../../main/domains/calls/call-projection.js';
import type { ReviewPolicy } from '../../main/domains/calls/review-policy.js';

/**
 * The DAOs and the call projection over a database a test writes to directly (seeds, fixtures, queue
 * harnesses), with the review policy the database's core last applied (the defaults before any core ran).
 */
export function daosFor(db: AppDatabase): { daos: Daos; calls: CallProjection } {
  const stored = new AppSettingsDao(db);
  return createDaosWithProjection(db, () => {
    const p = stored.get<ReviewPolicy>('review.policy');
    return { transcriptQualityMin: p?.qualityMin ?? 60, unsupportedAnswers: p?.unsupportedToReview ? 'needs_review' : 'show' };
  });
}

export const projectionFor = (db: AppDatabase): CallProjection => daosFor(db).calls;

/** Give these calls (written through the DAOs, as the app's write points would not) their records. */
export function projectCalls(db: AppDatabase, recordingIds: readonly number[]): void {
  projectionFor(db).sourcesChanged(recordingIds);
}
