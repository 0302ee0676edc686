import { AppSettingsDao } from '../../../db/dao/app-settings-dao.js';
import { CallsDao } from '../../../db/dao/calls-dao.js';
import type { AppDatabase } from '../../../db/open.js';
import type { Settings } from '../../../preload/contract/schemas/settings.js';

/**
 * When the AI's result for a call needs a person before it counts as final: its transcript scored
 * below the quality threshold, or (with CCA_UNSUPPORTED_ANSWERS=needs_review) an AI answer cites no
 * verified evidence. The one definition: CallsDao.refreshNeedsReview turns it into SQL.
 */
export interface ReviewPolicy {
  qualityMin: number;
  unsupportedToReview: boolean;
}

export const reviewPolicyOf = (s: Pick<Settings, 'transcriptQualityMin' | 'unsupportedAnswers'>): ReviewPolicy => ({
  qualityMin: s.transcriptQualityMin,
  unsupportedToReview: s.unsupportedAnswers === 'needs_review',
});

export const samePolicy = (a: ReviewPolicy, b: ReviewPolicy) => a.qualityMin === b.qualityMin && a.unsupportedToReview === b.unsupportedToReview;

/**
 * Keeps every call's needs_review in step with the policy: at start-up and on each settings change,
 * when the policy differs from the one the stored flags were computed with, all calls are re-flagged
 * in one UPDATE (the index step flags each call as it is processed).
 */
export function syncReviewPolicy(db: AppDatabase, settings: () => Settings): () => void {
  const stored = new AppSettingsDao(db);
  const calls = new CallsDao(db);
  return () => {
    const policy = reviewPolicyOf(settings());
    const last = stored.get<ReviewPolicy>('review.policy');
    if (last && samePolicy(last, policy)) return;
    calls.refreshNeedsReview(policy);
    stored.set('review.policy', policy);
  };
}
