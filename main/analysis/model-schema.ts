import { z } from 'zod';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';

/**
 * The JSON the model must return (OpenAI structured outputs, strict). Built per rubric: every
 * model-decided criterion is its own required property whose `answer` enum only allows what that
 * criterion allows (yes/no or 1–5, "n/a" only where permitted), so the model cannot skip a criterion
 * or answer a scale question with "yes". Snake_case because that is what the model reads best.
 */
const Sentiment = z.enum(['positive', 'neutral', 'negative']);
// start/end sit beside quote so a reader can jump there; the app re-times quotes from the transcript.
// speaker: who says the quoted words, so a quote put in the wrong mouth can be caught.
const Evidence = z.object({ quote: z.string(), speaker: z.enum(['agent', 'customer']), start: z.number(), end: z.number() });

export function answersFor(c: RubricCriterion): [string, ...string[]] {
  const base = c.type === 'yes_no' ? ['yes', 'no'] : ['1', '2', '3', '4', '5'];
  return (c.allowNa ? [...base, 'n/a'] : base) as [string, ...string[]];
}

export function modelOutputSchema(criteria: readonly RubricCriterion[]) {
  const shape: Record<string, z.ZodType> = {};
  for (const c of criteria) {
    shape[c.id] = z.object({ answer: z.enum(answersFor(c)), rationale: z.string(), evidence: z.array(Evidence) });
  }
  return z.object({
    summary: z.string(),
    call_reason: z.string(),
    outcome: z.enum(['resolved', 'escalated', 'callback', 'unresolved']),
    customer_sentiment_start: Sentiment,
    customer_sentiment_end: Sentiment,
    segment_sentiments: z.array(z.object({ quote: z.string(), start: z.number(), end: z.number(), sentiment: Sentiment })),
    agent_behaviours: z.array(z.object({ behaviour: z.string(), observed: z.boolean(), evidence: z.array(Evidence) })),
    compliance: z.array(z.object({ item: z.string(), status: z.enum(['met', 'not_met', 'n/a']), evidence: z.array(Evidence) })),
    action_items: z.array(z.object({ owner: z.enum(['agent', 'customer', 'company']), text: z.string() })),
    coaching_notes: z.array(z.string()),
    topics: z.array(z.string()),
    criteria: z.object(shape),
  });
}

export interface ModelEvidence {
  quote: string;
  /** Optional: sentiment quotes and older outputs do not name a speaker. */
  speaker?: 'agent' | 'customer';
  start: number;
  end: number;
}
export interface ModelCriterion {
  answer: string;
  rationale: string;
  evidence: ModelEvidence[];
}
/** The parsed output, typed loosely over the per-rubric criteria. */
export interface ModelOutput {
  summary: string;
  call_reason: string;
  outcome: 'resolved' | 'escalated' | 'callback' | 'unresolved';
  customer_sentiment_start: z.infer<typeof Sentiment>;
  customer_sentiment_end: z.infer<typeof Sentiment>;
  segment_sentiments: { quote: string; start: number; end: number; sentiment: z.infer<typeof Sentiment> }[];
  agent_behaviours: { behaviour: string; observed: boolean; evidence: ModelEvidence[] }[];
  compliance: { item: string; status: 'met' | 'not_met' | 'n/a'; evidence: ModelEvidence[] }[];
  action_items: { owner: 'agent' | 'customer' | 'company'; text: string }[];
  coaching_notes: string[];
  topics: string[];
  criteria: Record<string, ModelCriterion>;
}
