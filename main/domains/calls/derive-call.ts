import type { CallSources, CriterionValues, DerivedCall, IndexedSegment } from '../../../db/dao/call-projection-dao.js';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { complianceReasons } from '../../../preload/contract/schemas/flags.js';
import { finalOutcome } from '../../../preload/contract/schemas/call-outcome.js';
import { passOf } from '../../analysis/scoring.js';
import { finalScoreWithAnswers } from '../../analysis/final-score.js';
import { callStatusOf } from './call-status.js';
import { needsReview, type ReviewPolicy } from './review-policy.js';

/**
 * A call's derived record (the Calls list row, its per-criterion rows) computed from its sources:
 * the one place that decides final answers, the final outcome, pass/fail, the final score, the flags, needs-review and
 * the status. Pure: the same sources give the same record, so a stored record can always be checked
 * against a fresh projection.
 */

const sentimentRank: Record<string, number> = { positive: 1, neutral: 0, negative: -1 };

export function deriveCall(src: CallSources, policy: ReviewPolicy): DerivedCall {
  const a = src.analysis;
  const body = a?.body ?? null;
  const criteria: CriterionValues[] = (body?.scorecard.criteria ?? [])
    .filter((c) => c.id !== undefined && c.id !== null && c.answer !== undefined && c.answer !== null)
    .map((c) => {
      const finalAnswer = src.overrides.get(c.id) ?? c.answer;
      const label = src.labels?.get(c.id);
      return {
        criterionId: c.id, section: label?.section ?? c.section ?? '', question: label?.question ?? c.question ?? '',
        aiAnswer: c.answer, finalAnswer, passed: passOf(finalAnswer), overridden: finalAnswer !== c.answer, support: c.support ?? null,
      };
    })
    .sort((x, y) => (x.criterionId < y.criterionId ? -1 : x.criterionId > y.criterionId ? 1 : 0));
  // The AI's own score stands until a reviewer answers a criterion; then the one scoring function
  // re-scores the scorecard with the reviewer's answers.
  const reviewed = body ? body.scorecard.criteria.some((c) => src.overrides.has(c.id)) : false;
  const final = body && reviewed ? finalScoreWithAnswers(body.scorecard, src.overrides) : null;
  const reasons = body ? complianceReasons(body, src.overrides) : null;
  const unsupportedAnswers = criteria.filter((c) => c.support === 'unsupported').length;
  const transcriptQuality = src.quality;
  const sentiment = body?.sentiment?.end ?? null;
  const outcome = body ? finalOutcome(body, src.overrides) : null;
  return {
    summary: {
      recordingId: src.recordingId,
      callAt: src.recording.callTime ?? src.recording.importedAt,
      agent: src.recording.agent,
      queue: src.recording.queue,
      durationSec: src.recording.durationSec ?? 0,
      status: callStatusOf(src.jobStates),
      analysisId: a?.id ?? null,
      scorePct: final ? final.scorePct : (a?.scorePct ?? null),
      autoFailed: final ? final.autoFailed : (a?.autoFailed ?? false),
      sentiment,
      sentimentRank: sentiment === null ? null : (sentimentRank[sentiment] ?? null),
      outcome: outcome?.outcome ?? null,
      callReason: outcome?.callReason ?? null,
      flagCompliance: (reasons?.length ?? 0) > 0,
      complianceReasons: reasons,
      flagPii: src.pii,
      flagEscalation: outcome?.outcome === 'escalated',
      costUsd: a || src.transcriptCostUsd !== undefined ? (src.transcriptCostUsd ?? 0) + (a?.costUsd ?? 0) : null,
      analyzedAt: a?.createdAt ?? null,
      reviewedAt: src.review?.reviewed ? src.review.reviewedAt : null,
      reviewedBy: src.review?.reviewed ? src.review.reviewedBy : null,
      transcriptQuality,
      unsupportedAnswers,
      quotesNotFound: (body?.flags ?? []).filter((f) => f.kind === 'fabricated_quote').length,
      needsReview: needsReview(policy, transcriptQuality, unsupportedAnswers),
    },
    criteria,
  };
}

/**
 * The searchable text of a transcript: each segment's text, or the reviewer's correction of it while
 * the segment still says what the correction replaced (a re-transcription that changed it wins).
 */
export function searchText(transcript: NormalizedTranscript, edits: readonly { segmentIndex: number; originalText: string; text: string }[]): IndexedSegment[] {
  const byIndex = new Map(edits.map((e) => [e.segmentIndex, e]));
  return transcript.segments.map((s, index) => {
    const e = byIndex.get(index);
    return { index, text: e && e.originalText === s.text ? e.text : (s.text ?? ''), role: s.role ?? null, start: s.start ?? null };
  });
}
