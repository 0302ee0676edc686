import { z } from 'zod';
import { CriterionAnswer, Outcome } from './analysis.js';
import { DisputeView } from './disputes.js';
import type { NormalizedTranscript, TranscriptWord } from './transcript.js';

/**
 * The reviewer's work on one call as it crosses the boundary: overrides (the AI answer stays beside
 * the reviewer's), comments, review state, transcript corrections, the final score with overrides,
 * and the audit trail. The final score is computed in main with the app's scoring function.
 */

export const ReviewOverride = z.object({
  criterionId: z.string(),
  answer: CriterionAnswer,
  comment: z.string(),
  /** The AI's answer when the reviewer overrode it. */
  aiAnswer: z.string().nullable(),
  actor: z.string(),
  updatedAt: z.string(),
});
export type ReviewOverride = z.infer<typeof ReviewOverride>;

/** A reviewer's status for one of the AI's compliance items (met / not met / n/a), with why. */
export const ComplianceOverride = z.object({
  item: z.string(),
  status: z.enum(['met', 'not_met', 'n/a']),
  comment: z.string(),
  aiStatus: z.string().nullable(),
  actor: z.string(),
  updatedAt: z.string(),
});
export type ComplianceOverride = z.infer<typeof ComplianceOverride>;

export const ReviewComment = z.object({
  id: z.number().int(),
  atSec: z.number().nonnegative().nullable(),
  text: z.string(),
  /** A coaching note addressed to the call's agent: the only comments an agent sees. */
  coaching: z.boolean(),
  actor: z.string(),
  createdAt: z.string(),
});
export type ReviewComment = z.infer<typeof ReviewComment>;

export const TranscriptEdit = z.object({
  segmentIndex: z.number().int().nonnegative(),
  originalText: z.string(),
  text: z.string(),
  actor: z.string(),
  updatedAt: z.string(),
});
export type TranscriptEdit = z.infer<typeof TranscriptEdit>;

export const FinalScore = z.object({
  earned: z.number(),
  possible: z.number(),
  scorePct: z.number().nullable(),
  autoFailed: z.boolean(),
  autoFailedBy: z.array(z.string()),
  /** The AI's own total, for "was 72% → now 85%". */
  aiScorePct: z.number().nullable(),
  /** Criteria whose final answer differs from the AI's. */
  overridden: z.number().int().nonnegative(),
  /** Points of each criterion with its final answer (null: N/A), from the same function as the total. */
  points: z.record(z.string(), z.number().nullable()),
});
export type FinalScore = z.infer<typeof FinalScore>;

/**
 * The call's outcome and reason with the AI's beside them (see call-outcome.ts: the AI's reading of the
 * whole call, which a reviewer may override like any answer).
 */
export const OutcomeReview = z.object({
  outcome: Outcome,
  callReason: z.string(),
  aiOutcome: Outcome,
  aiCallReason: z.string(),
  /** Who overrode it and why; null while the AI's values stand. */
  override: z.object({ comment: z.string(), actor: z.string(), updatedAt: z.string() }).nullable(),
});
export type OutcomeReview = z.infer<typeof OutcomeReview>;

/** The agent's acknowledgement of the reviewed scorecard (team QA): when, who, the final score they saw. */
export const Acknowledgement = z.object({ at: z.string(), by: z.string(), scorePct: z.number().nullable() });
export type Acknowledgement = z.infer<typeof Acknowledgement>;

export const ReviewView = z.object({
  recordingId: z.number().int(),
  reviewed: z.boolean(),
  reviewedAt: z.string().nullable(),
  reviewedBy: z.string().nullable(),
  overrides: z.array(ReviewOverride),
  complianceOverrides: z.array(ComplianceOverride),
  /** Why the call carries the Compliance flag with the final answers; empty when it does not. */
  complianceReasons: z.array(z.string()),
  comments: z.array(ReviewComment),
  edits: z.array(TranscriptEdit),
  /** Null until the call has an analysis. */
  finalScore: FinalScore.nullable(),
  /** The final outcome and reason (the reviewer's where overridden); null until the call has an analysis. */
  outcome: OutcomeReview.nullable(),
  /** Null until the call's agent acknowledges it (cleared when the call is marked not reviewed). */
  acknowledgement: Acknowledgement.nullable(),
  /** The call's disputes (team QA), open ones first. */
  disputes: z.array(DisputeView),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const AuditEntryView = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  oldValue: z.unknown(),
  newValue: z.unknown(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;

const tokens = (text: string) => text.split(/\s+/).filter(Boolean);

/**
 * What a correction means, shared by main (exports, search) and the renderer (the transcript shown):
 * the segment's text becomes the corrected text; its words keep their times one-for-one when the word
 * count is unchanged (the usual "fix a misheard word"), else the new words share the segment's span
 * evenly so click-to-seek still lands close. An edit whose `originalText` no longer matches the
 * provider's segment (re-transcribed since) is ignored.
 */
export function applyTranscriptEdits(t: NormalizedTranscript, edits: readonly Pick<TranscriptEdit, 'segmentIndex' | 'originalText' | 'text'>[]): NormalizedTranscript {
  if (!edits.length) return t;
  const bySeg = new Map(edits.map((e) => [e.segmentIndex, e]));
  return {
    ...t,
    segments: t.segments.map((s, i) => {
      const e = bySeg.get(i);
      if (!e || e.originalText !== s.text) return s;
      const parts = tokens(e.text);
      let words: TranscriptWord[];
      if (parts.length === s.words.length) {
        words = s.words.map((w, k) => ({ ...w, text: parts[k]! }));
      } else {
        const step = parts.length ? (s.end - s.start) / parts.length : 0;
        words = parts.map((p, k) => ({ text: p, start: s.start + k * step, end: s.start + (k + 1) * step, confidence: null, speaker: s.speaker }));
      }
      return { ...s, text: e.text, words };
    }),
  };
}

/** A reviewed call its agent has not acknowledged yet (the lead's follow-up list). */
export const PendingAcknowledgement = z.object({
  recordingId: z.number().int(),
  fileName: z.string(),
  agent: z.string(),
  reviewedAt: z.string(),
  reviewedBy: z.string().nullable(),
  scorePct: z.number().nullable(),
});
export type PendingAcknowledgement = z.infer<typeof PendingAcknowledgement>;
