import type { Settings } from '../../../preload/contract/schemas/settings.js';

/**
 * When the AI's result for a call needs a person before it counts as final: its transcript scored
 * below the quality threshold, or (with CCA_UNSUPPORTED_ANSWERS=needs_review) an AI answer cites no
 * verified evidence. `needsReview` is the one definition; the call projection applies it.
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

export function needsReview(policy: ReviewPolicy, transcriptQuality: number | null, unsupportedAnswers: number): boolean {
  return (transcriptQuality !== null && transcriptQuality < policy.qualityMin) || (policy.unsupportedToReview && unsupportedAnswers > 0);
}
