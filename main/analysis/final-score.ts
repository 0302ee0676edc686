import type { CriterionAnswer, ScorecardCriterion, Scorecard } from '../../preload/contract/schemas/analysis.js';
import type { FinalScore, ReviewOverride } from '../../preload/contract/schemas/reviews.js';
import { pointsFor, totals } from './scoring.js';

/**
 * The scorecard with the reviewer's answers substituted, scored by the app's own scoring function
 * (main/analysis/scoring.ts), so a reviewed call and a fresh analysis can never disagree on arithmetic.
 * An override for a criterion the current rubric no longer has is ignored.
 */
export function criteriaWithOverrides(scorecard: Scorecard, overrides: readonly Pick<ReviewOverride, 'criterionId' | 'answer'>[]): ScorecardCriterion[] {
  const byId = new Map(overrides.map((o) => [o.criterionId, o.answer]));
  return scorecard.criteria.map((c) => {
    const answer = byId.get(c.id);
    if (answer === undefined || answer === c.answer) return c;
    const next = { ...c, answer };
    return { ...next, score: pointsFor(next) };
  });
}

export function finalScoreOf(scorecard: Scorecard, overrides: readonly Pick<ReviewOverride, 'criterionId' | 'answer'>[]): FinalScore {
  const criteria = criteriaWithOverrides(scorecard, overrides);
  const t = totals(criteria);
  const overridden = criteria.filter((c, i) => c.answer !== scorecard.criteria[i]!.answer).length;
  return { ...t, aiScorePct: scorecard.scorePct, overridden, points: Object.fromEntries(criteria.map((c) => [c.id, pointsFor(c)])) };
}

/**
 * The same final score from a map of criterion id → the reviewer's answer (as exports read it from
 * call_criteria / review_overrides rows). The one scoring path for every export, PDF and the call page.
 */
export function finalScoreWithAnswers(scorecard: Scorecard, answers: ReadonlyMap<string, string>): FinalScore {
  return finalScoreOf(scorecard, [...answers].map(([criterionId, answer]) => ({ criterionId, answer: answer as CriterionAnswer })));
}
