import { z } from 'zod';
import { CriterionAnswer } from './analysis.js';
import { RubricCriterion } from './rubrics.js';

/**
 * Calibration sessions (team QA): a lead picks calls and reviewers; each reviewer scores the calls
 * blind — no AI answer and no other reviewer's answer reaches them until they submit — and the results
 * compare everyone's answers per criterion (main/domains/calibrations/).
 */

/** The scorecard's own answers: yes / no for a yes/no criterion, '1'…'5' for a 1–5 one, n/a where the rubric allows it. */
export const CalibrationAnswerValue = CriterionAnswer;
export type CalibrationAnswerValue = z.infer<typeof CalibrationAnswerValue>;

export const CalibrationStatus = z.enum(['open', 'closed']);
export type CalibrationStatus = z.infer<typeof CalibrationStatus>;

/**
 * Krippendorff's threshold for tentative conclusions (Krippendorff 2004, "Content Analysis", 241):
 * a criterion whose reviewers agree less than this is worded ambiguously enough to need rewording.
 */
export const AMBIGUOUS_ALPHA = 0.667;

const day = z.iso.date();

export const CalibrationInput = z.object({
  name: z.string().trim().min(1, 'give the session a name').max(100),
  /** The rubric whose current version the reviewers answer; the default rubric when left out. */
  rubricId: z.number().int().positive().optional(),
  recordingIds: z.array(z.number().int().positive()).min(1, 'pick at least one call').max(50, 'a session holds at most 50 calls'),
  participantIds: z.array(z.number().int().positive()).min(2, 'pick at least two reviewers: agreement needs two answers to compare').max(20),
  dueOn: day.nullable().default(null),
});
export type CalibrationInput = z.input<typeof CalibrationInput>;

export const CalibrationParticipant = z.object({
  userId: z.number().int(),
  name: z.string(),
  submittedAt: z.string().nullable(),
});

export const CalibrationSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  rubricId: z.number().int(),
  rubricName: z.string(),
  rubricVersion: z.number().int(),
  status: CalibrationStatus,
  dueOn: day.nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  calls: z.number().int(),
  participants: z.array(CalibrationParticipant),
  /** What the caller is to this session: its lead, a participant (submitted or not), and whether the results are open to them. */
  me: z.object({ lead: z.boolean(), participant: z.boolean(), submitted: z.boolean(), seesResults: z.boolean() }),
});
export type CalibrationSummary = z.infer<typeof CalibrationSummary>;

export const CalibrationCall = z.object({
  recordingId: z.number().int(),
  fileName: z.string(),
  agent: z.string().nullable(),
  callAt: z.string(),
  durationSec: z.number(),
});
export type CalibrationCall = z.infer<typeof CalibrationCall>;

export const CalibrationAnswer = z.object({
  recordingId: z.number().int().positive(),
  criterionId: z.string().min(1).max(48),
  answer: CalibrationAnswerValue,
  comment: z.string().max(1000).default(''),
});
export type CalibrationAnswer = z.infer<typeof CalibrationAnswer>;

/** A session as a participant scores it: the criteria, the calls and the caller's own answers only. */
export const CalibrationDetail = CalibrationSummary.extend({
  criteria: z.array(RubricCriterion),
  callList: z.array(CalibrationCall),
  myAnswers: z.array(CalibrationAnswer),
});
export type CalibrationDetail = z.infer<typeof CalibrationDetail>;

export const SaveAnswersInput = z.object({
  answers: z.array(CalibrationAnswer).max(3000),
  /** Make the answers final (every call × criterion answered); after this the results open to the caller. */
  submit: z.boolean().default(false),
});

export const SaveAnswersResult = z.object({
  saved: z.number().int(),
  /** Call × criterion pairs still unanswered. */
  missing: z.number().int(),
  submittedAt: z.string().nullable(),
});
export type SaveAnswersResult = z.infer<typeof SaveAnswersResult>;

/** Agreement of a set of answers: percent agreement (0–1) and Krippendorff's alpha; null when undefined. */
export const Agreement = z.object({ percent: z.number().nullable(), alpha: z.number().nullable(), pairs: z.number().int() });
export type Agreement = z.infer<typeof Agreement>;

export const CriterionCallResult = z.object({
  recordingId: z.number().int(),
  /** One answer per reviewer who submitted, in the order of `reviewers`; null where they left it blank. */
  answers: z.array(CalibrationAnswerValue.nullable()),
  ai: CalibrationAnswerValue.nullable(),
  consensus: CalibrationAnswerValue.nullable(),
});

export const CriterionResult = z.object({
  criterionId: z.string(),
  section: z.string(),
  question: z.string(),
  type: z.enum(['yes_no', 'scale_1_5']),
  /** nominal for yes/no, ordinal for 1–5. */
  level: z.enum(['nominal', 'ordinal']),
  amongReviewers: Agreement,
  /** The reviewers and the AI together (the AI as one more coder). */
  withAi: Agreement,
  /** Share of reviewers' answers equal to the AI's, over calls the AI answered. */
  reviewersMatchAi: z.number().nullable(),
  /** alpha among reviewers below AMBIGUOUS_ALPHA (or undefined while they disagree): the wording needs work. */
  ambiguous: z.boolean(),
  calls: z.array(CriterionCallResult),
});
export type CriterionResult = z.infer<typeof CriterionResult>;

export const ReviewerResult = z.object({
  userId: z.number().int(),
  name: z.string(),
  /** Share of their answers equal to the lead's consensus, over criteria with a consensus. */
  matchesConsensus: z.number().nullable(),
  compared: z.number().int(),
});

export const CalibrationResults = z.object({
  session: CalibrationSummary,
  callList: z.array(CalibrationCall),
  /** The reviewers whose answers count: those who submitted. */
  reviewers: z.array(ReviewerResult),
  criteria: z.array(CriterionResult),
  threshold: z.number(),
});
export type CalibrationResults = z.infer<typeof CalibrationResults>;

export const ConsensusInput = z.object({
  recordingId: z.number().int().positive(),
  criterionId: z.string().min(1).max(48),
  /** null clears it. */
  answer: CalibrationAnswerValue.nullable(),
});
