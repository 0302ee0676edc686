import { z } from 'zod';
import { Evidence } from './rules.js';
import { CriterionType } from './rubrics.js';

/**
 * A stored call analysis as the UI and the REST API see it. Everything the model said is here after the
 * app checked it: evidence quotes exist in the transcript (times come from the transcript, not the
 * model), fabricated quotes are dropped and listed in `flags`, and the weighted total is computed by the
 * app from the rubric weights.
 */
export const Sentiment = z.enum(['positive', 'neutral', 'negative']);
export type Sentiment = z.infer<typeof Sentiment>;

export const Outcome = z.enum(['resolved', 'escalated', 'callback', 'unresolved']);
export type Outcome = z.infer<typeof Outcome>;

export const CriterionAnswer = z.enum(['yes', 'no', 'n/a', '1', '2', '3', '4', '5']);
export type CriterionAnswer = z.infer<typeof CriterionAnswer>;

export const Support = z.enum(['evidence', 'absence_claim', 'unsupported']);
export type Support = z.infer<typeof Support>;

export const SpeakerMismatch = z.object({
  quote: z.string(),
  claimed: z.enum(['agent', 'customer']),
  actual: z.enum(['agent', 'customer', 'unknown']),
});
export type SpeakerMismatch = z.infer<typeof SpeakerMismatch>;

export const ScorecardCriterion = z.object({
  id: z.string(),
  section: z.string(),
  question: z.string(),
  type: CriterionType,
  answer: CriterionAnswer,
  /** Points earned (weight × 0..1); null when N/A. */
  score: z.number().nullable(),
  weight: z.number(),
  autoFail: z.boolean(),
  source: z.enum(['ai', 'rule']),
  rationale: z.string(),
  evidence: z.array(Evidence),
  /**
   * AI answers only: backed by verified evidence, a claim that something did not happen (a "no" whose
   * rationale says what is absent), or unsupported (no verified evidence at all). Absent for N/A and
   * for analyses stored before this existed.
   */
  support: Support.optional(),
  /** The model's quotes for this answer that are not in the call (dropped from the evidence). */
  notFound: z.array(z.string()).optional(),
  /** Quotes the model gave as one party's that the transcript has only in the other party's speech. */
  speakerMismatches: z.array(SpeakerMismatch).optional(),
});
export type ScorecardCriterion = z.infer<typeof ScorecardCriterion>;

/** What a document says about a criterion's support, one line each (empty when it is backed by evidence). */
export function supportNotes(c: ScorecardCriterion): string[] {
  const notes: string[] = [];
  if (c.support === 'unsupported') notes.push('Unsupported: the AI cited no evidence in the call for this answer.');
  if (c.support === 'absence_claim') notes.push('Absence claim: the AI says this did not happen (no quote can show an absence).');
  for (const q of c.notFound ?? []) notes.push(`Quoted text not in the call: “${q}”.`);
  for (const m of c.speakerMismatches ?? []) notes.push(`Quoted as the ${m.claimed}'s, but only the ${m.actual} says “${m.quote}”.`);
  return notes;
}

export const Scorecard = z.object({
  rubricId: z.number().int(),
  rubricName: z.string(),
  rubricVersion: z.number().int(),
  criteria: z.array(ScorecardCriterion),
  earned: z.number(),
  possible: z.number(),
  /** earned / possible × 100, or 0 when an auto-fail criterion failed; null when all N/A. */
  scorePct: z.number().nullable(),
  autoFailed: z.boolean(),
  autoFailedBy: z.array(z.string()),
});
export type Scorecard = z.infer<typeof Scorecard>;

export const AnalysisFlag = z.object({
  /** fabricated_quote: a model quote not in the call (dropped); speaker_mismatch: quoted as the wrong party's. */
  kind: z.enum(['fabricated_quote', 'speaker_mismatch', 'unsupported_answer', 'chunked', 'answer_adjusted']),
  message: z.string(),
});
export type AnalysisFlag = z.infer<typeof AnalysisFlag>;

export const CallAnalysis = z.object({
  summary: z.string(),
  callReason: z.string(),
  outcome: Outcome,
  sentiment: z.object({
    start: Sentiment,
    end: Sentiment,
    segments: z.array(z.object({ start: z.number(), end: z.number(), sentiment: Sentiment, quote: z.string() })),
  }),
  behaviours: z.array(z.object({ behaviour: z.string(), observed: z.boolean(), evidence: z.array(Evidence) })),
  compliance: z.array(z.object({ item: z.string(), status: z.enum(['met', 'not_met', 'n/a']), evidence: z.array(Evidence) })),
  actionItems: z.array(z.object({ owner: z.enum(['agent', 'customer', 'company']), text: z.string() })),
  coachingNotes: z.array(z.string()),
  topics: z.array(z.string()),
  scorecard: Scorecard,
  flags: z.array(AnalysisFlag),
});
export type CallAnalysis = z.infer<typeof CallAnalysis>;

export const AnalysisView = z.object({
  id: z.number().int(),
  recordingId: z.number().int(),
  model: z.string(),
  promptVersion: z.string(),
  transcriptHash: z.string(),
  inputTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().nullable(),
  createdAt: z.string(),
  /** True when this request was answered from the cache (no provider call). */
  cached: z.boolean(),
  analysis: CallAnalysis,
});
export type AnalysisView = z.infer<typeof AnalysisView>;

/** Editable price table: USD per unit. Audio models bill per minute or per 1M tokens. */
export const PriceEntry = z.object({
  model: z.string().min(1),
  provider: z.enum(['openai', 'elevenlabs']),
  /** USD per minute of audio (transcription billed by duration). */
  perAudioMinute: z.number().nonnegative().nullable(),
  /** USD per 1M input tokens (audio or text). */
  perMInput: z.number().nonnegative().nullable(),
  /** USD per 1M output tokens. */
  perMOutput: z.number().nonnegative().nullable(),
});
export type PriceEntry = z.infer<typeof PriceEntry>;

/**
 * How a call's score is written everywhere it is shown (call page, Calls list, PDFs, evidence pack):
 * the stored value (two decimals, main/analysis/scoring.ts) with trailing zeros dropped, "66.67%".
 */
export const scoreText = (pct: number): string => `${Math.round(pct * 100) / 100}%`;
