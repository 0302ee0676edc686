import { z } from 'zod';

/**
 * Rule definitions for deterministic QA checks (no AI): each rule answers one scorecard criterion from
 * the transcript and cites the moments that justify the answer.
 */

export const RuleRole = z.enum(['agent', 'customer', 'any']);
export type RuleRole = z.infer<typeof RuleRole>;

/** Phrases to look for: any one matches. Words match case-insensitively on word boundaries. */
const Phrases = z.array(z.string().trim().min(1)).min(1);

const Matching = z.object({
  /** Word → alternatives that count as the same word ("recorded" → ["monitored"]). */
  synonyms: z.record(z.string(), z.array(z.string().min(1))).default({}),
  /** Edits allowed per word for words of 5+ letters (1) and 9+ letters (2); 0 turns fuzziness off. */
  fuzzy: z.boolean().default(true),
  /** Filler words allowed between the words of a phrase ("call [may be] recorded"). */
  maxGapWords: z.number().int().min(0).max(5).default(0),
});

/** Where in the call a phrase counts: within the first N seconds, or the last N seconds. */
export const TimeWindow = z
  .object({ firstSec: z.number().positive().optional(), lastSec: z.number().positive().optional() })
  .refine((w) => w.firstSec === undefined || w.lastSec === undefined, 'use firstSec or lastSec, not both');
export type TimeWindow = z.infer<typeof TimeWindow>;

const Base = z.object({ criterionId: z.string().min(1), description: z.string().optional() });

export const PhrasePresentRule = Base.extend({
  kind: z.literal('phrase_present'),
  role: RuleRole.default('agent'),
  phrases: Phrases,
  window: TimeWindow.optional(),
}).extend(Matching.shape);

export const PhraseAbsentRule = Base.extend({
  kind: z.literal('phrase_absent'),
  role: RuleRole.default('agent'),
  phrases: Phrases,
}).extend(Matching.shape);

export const VerificationBeforeAccountRule = Base.extend({
  kind: z.literal('verification_before_account'),
  /** Who asks the verification question (usually the agent). */
  role: RuleRole.default('agent'),
  verificationPhrases: Phrases,
  /** Who discusses account details (the agent disclosing them is what needs verification first). */
  accountRole: RuleRole.default('agent'),
  accountPhrases: Phrases,
  /** Answer when no account details came up and nobody verified: 'n/a' (not needed) or 'no'. */
  whenNoAccountDetails: z.enum(['n/a', 'no']).default('n/a'),
}).extend(Matching.shape);

export const DeadAirRule = Base.extend({
  kind: z.literal('dead_air'),
  maxSec: z.number().positive(),
});

export const TalkRatioRule = Base.extend({
  kind: z.literal('talk_ratio'),
  /** Bounds for agent talk / (agent + customer talk), 0..1. */
  min: z.number().min(0).max(1).optional(),
  max: z.number().min(0).max(1).optional(),
});

export const RuleDefinition = z.discriminatedUnion('kind', [
  PhrasePresentRule,
  PhraseAbsentRule,
  VerificationBeforeAccountRule,
  DeadAirRule,
  TalkRatioRule,
]);
export type RuleDefinition = z.infer<typeof RuleDefinition>;
export type RuleDefinitionInput = z.input<typeof RuleDefinition>;

export const RuleSet = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  rules: z.array(RuleDefinition),
});
export type RuleSet = z.infer<typeof RuleSet>;

/**
 * How a quote was found in the call: as written (case and punctuation aside), equal once both sides
 * are normalised (contractions, spoken numbers, currency, fillers), or approximately (a skipped or
 * changed word; `similarity` says how close). Rule evidence is cut from the transcript: always exact.
 */
export const MatchLevel = z.enum(['exact', 'normalised', 'approximate']);
export type MatchLevel = z.infer<typeof MatchLevel>;

export const Evidence = z.object({
  /** The transcript's own words (one segment, or two of the same speaker joined by a space). */
  quote: z.string(),
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  /** Absent on evidence stored before matching levels existed (it was exact). */
  match: MatchLevel.optional(),
  /** 0..1 token similarity, for approximate matches. */
  similarity: z.number().min(0).max(1).optional(),
  /** What the model wrote, when it differs from the transcript's words. */
  modelQuote: z.string().optional(),
  /** Who says these words in the transcript. */
  speaker: z.enum(['agent', 'customer', 'unknown']).optional(),
});
export type Evidence = z.infer<typeof Evidence>;

/**
 * How an evidence item was matched, in words, for every place that shows one (call page, PDF,
 * evidence pack): nothing for an exact quote; otherwise the level and the AI's own wording.
 */
export function evidenceMatchNote(e: Evidence): string {
  const level = e.match ?? 'exact';
  if (level === 'exact') return '';
  const wrote = e.modelQuote && e.modelQuote !== e.quote ? `; the AI quoted “${e.modelQuote}”` : '';
  return level === 'approximate' ? `approximate match, ${Math.round((e.similarity ?? 0) * 100)}% similar${wrote}` : `matched after normalising wording and numbers${wrote}`;
}

export const RuleResult = z.object({
  criterionId: z.string(),
  answer: z.enum(['yes', 'no', 'n/a']),
  passed: z.boolean(),
  source: z.literal('rule'),
  rationale: z.string(),
  evidence: z.array(Evidence),
});
export type RuleResult = z.infer<typeof RuleResult>;
