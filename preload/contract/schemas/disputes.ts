import { z } from 'zod';
import { CriterionAnswer } from './analysis.js';

/**
 * Team QA disputes: one criterion of a reviewed scorecard, contested by the call's agent (or a
 * reviewer) with a comment and optionally a moment of the call; a lead resolves it — `upheld` (the
 * answer stands) or `changed` (a new answer, stored as an override, so the score is recomputed by the
 * one scoring function).
 */
export const DisputeStatus = z.enum(['open', 'upheld', 'changed']);
export type DisputeStatus = z.infer<typeof DisputeStatus>;

export const DisputeView = z.object({
  id: z.number().int(),
  recordingId: z.number().int(),
  fileName: z.string(),
  agent: z.string().nullable(),
  criterionId: z.string(),
  /** The criterion's question text (what people read; the id is for scripts). */
  question: z.string(),
  /** The final answer the raiser disagreed with. */
  answer: z.string(),
  atSec: z.number().nonnegative().nullable(),
  comment: z.string(),
  raisedBy: z.string(),
  raisedRole: z.string(),
  raisedAt: z.string(),
  /** Who had reviewed the call when the dispute was raised. */
  reviewer: z.string().nullable(),
  status: DisputeStatus,
  newAnswer: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  resolution: z.string().nullable(),
});
export type DisputeView = z.infer<typeof DisputeView>;

export const RaiseDispute = z.object({
  recordingId: z.number().int().positive(),
  criterionId: z.string().min(1).max(64),
  comment: z.string().trim().min(1, 'say what you disagree with').max(2000),
  atSec: z.number().nonnegative().nullable().optional(),
});
export type RaiseDispute = z.infer<typeof RaiseDispute>;

/** `answer` is required for `changed` (the service says so in words) and ignored for `upheld`. */
export const ResolveDispute = z.object({
  outcome: z.enum(['upheld', 'changed']),
  answer: CriterionAnswer.optional(),
  comment: z.string().trim().min(1, 'say why').max(2000),
});
export type ResolveDispute = z.infer<typeof ResolveDispute>;

export const NotificationKind = z.enum(['dispute_raised', 'dispute_resolved', 'coaching_note']);
export const NotificationView = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  recordingId: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationView = z.infer<typeof NotificationView>;
export const NotificationList = z.object({ items: z.array(NotificationView), unread: z.number().int().nonnegative() });
export type NotificationList = z.infer<typeof NotificationList>;

const count = z.number().int().nonnegative();
const rate = z.number().min(0).max(1).nullable();
/**
 * Dashboard: how often reviewed scorecards are disputed, and how often the answer stands (upheld)
 * once a lead resolves it — per criterion and per reviewer. Rates are null with nothing to divide.
 */
export const DisputeRates = z.object({
  byCriterion: z.array(z.object({ criterionId: z.string(), question: z.string(), reviewed: count, disputed: count, resolved: count, upheld: count, disputeRate: rate, upheldRate: rate })),
  byReviewer: z.array(z.object({ reviewer: z.string(), reviewed: count, disputed: count, resolved: count, upheld: count, disputeRate: rate, upheldRate: rate })),
});
export type DisputeRates = z.infer<typeof DisputeRates>;
