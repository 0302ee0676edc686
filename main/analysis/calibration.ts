import type { Agreement, CalibrationAnswerValue, CriterionResult } from '../../preload/contract/schemas/calibrations.js';
import { AMBIGUOUS_ALPHA } from '../../preload/contract/schemas/calibrations.js';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';
import { agreementWith, krippendorffAlpha, percentAgreement, type MaybeAnswer, type MeasurementLevel } from './agreement.js';

/**
 * A calibration session's statistics, per criterion, from everyone's answers: pure arithmetic over
 * main/analysis/agreement.ts (the tested Krippendorff's alpha and percent agreement). The units are the
 * session's calls; the coders are the reviewers who submitted (and the AI as one more coder for the
 * "with the AI" figures).
 */
export interface CalibrationInputs {
  criteria: RubricCriterion[];
  recordingIds: number[];
  /** The reviewers whose answers count, in column order. */
  reviewerIds: number[];
  /** answer of (reviewer, recording, criterion): key `${userId}:${recordingId}:${criterionId}`. */
  answers: ReadonlyMap<string, CalibrationAnswerValue>;
  /** key `${recordingId}:${criterionId}`. */
  ai: ReadonlyMap<string, CalibrationAnswerValue>;
  consensus: ReadonlyMap<string, CalibrationAnswerValue>;
}

export const answerKey = (userId: number, recordingId: number, criterionId: string) => `${userId}:${recordingId}:${criterionId}`;
export const callKey = (recordingId: number, criterionId: string) => `${recordingId}:${criterionId}`;

/** nominal for yes/no (labels), ordinal for 1–5 (ranks: 2 is nearer 3 than 5 is). */
export const levelOf = (c: Pick<RubricCriterion, 'type'>): 'nominal' | 'ordinal' => (c.type === 'scale_1_5' ? 'ordinal' : 'nominal');

/**
 * The value a statistic compares: on a 1–5 criterion n/a is no point of the scale, so it counts as
 * no answer; on a yes/no one it is a third label (reviewers who disagree on "applies at all" disagree).
 */
function valueFor(level: 'nominal' | 'ordinal', a: CalibrationAnswerValue | undefined): MaybeAnswer {
  if (a === undefined) return null;
  if (level === 'ordinal') return a === 'n/a' ? null : Number(a);
  return a;
}

/** Pairs of answers compared: Σ m_u(m_u − 1)/2 over the calls. */
function pairsOf(data: MaybeAnswer[][]): number {
  return data.reduce((n, row) => {
    const m = row.filter((v) => v !== null && v !== undefined).length;
    return n + (m * (m - 1)) / 2;
  }, 0);
}

function agreementOf(data: MaybeAnswer[][], level: MeasurementLevel): Agreement {
  return { percent: percentAgreement(data), alpha: krippendorffAlpha(data, level), pairs: pairsOf(data) };
}

export function criterionResults(x: CalibrationInputs): CriterionResult[] {
  return x.criteria.map((c) => {
    const level = levelOf(c);
    const raw = x.recordingIds.map((rid) => x.reviewerIds.map((uid) => x.answers.get(answerKey(uid, rid, c.id)) ?? null));
    const ai = x.recordingIds.map((rid) => x.ai.get(callKey(rid, c.id)) ?? null);
    const reviewers = raw.map((row) => row.map((a) => valueFor(level, a ?? undefined)));
    const withAi = reviewers.map((row, u) => [...row, valueFor(level, ai[u] ?? undefined)]);
    // The AI is the last column: each reviewer's agreement with it, pooled over reviewers.
    const vsAi = agreementWith(withAi, x.reviewerIds.length);
    const compared = vsAi.reduce((n, r) => n + r.compared, 0);
    const among = agreementOf(reviewers, level);
    return {
      criterionId: c.id, section: c.section, question: c.question, type: c.type, level,
      amongReviewers: among,
      withAi: agreementOf(withAi, level),
      reviewersMatchAi: compared === 0 ? null : vsAi.reduce((n, r) => n + r.agreed, 0) / compared,
      ambiguous: isAmbiguous(among),
      calls: x.recordingIds.map((rid, u) => ({ recordingId: rid, answers: raw[u]!, ai: ai[u]!, consensus: x.consensus.get(callKey(rid, c.id)) ?? null })),
    };
  });
}

/**
 * Below Krippendorff's 0.667 the reviewers do not read the criterion alike. An undefined alpha with
 * pairs compared means every answer was the same value (perfect agreement, no variation): not
 * ambiguous. With nothing to compare yet, nothing is claimed.
 */
export function isAmbiguous(a: Agreement): boolean {
  if (a.alpha === null) return false;
  return a.alpha < AMBIGUOUS_ALPHA;
}

/** Each reviewer's share of answers equal to the lead's consensus, over the criteria that have one. */
export function matchesConsensus(x: CalibrationInputs): { userId: number; matches: number | null; compared: number }[] {
  return x.reviewerIds.map((uid) => {
    let compared = 0;
    let agreed = 0;
    for (const rid of x.recordingIds) {
      for (const c of x.criteria) {
        const consensus = x.consensus.get(callKey(rid, c.id));
        const mine = x.answers.get(answerKey(uid, rid, c.id));
        if (consensus === undefined || mine === undefined) continue;
        compared++;
        if (mine === consensus) agreed++;
      }
    }
    return { userId: uid, matches: compared === 0 ? null : agreed / compared, compared };
  });
}
