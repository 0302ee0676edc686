import { createHash } from 'node:crypto';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';
import type { NormalizedTranscript, TranscriptSegment } from '../../preload/contract/schemas/transcript.js';
import { answersFor } from './model-schema.js';

/**
 * The analysis prompt. Bump PROMPT_VERSION whenever the wording or the output schema changes: it is
 * part of the analysis cache key, so stored analyses made with an older prompt are not reused.
 */
export const PROMPT_VERSION = 'qa-2026.2';

export function instructions(criteria: readonly RubricCriterion[], part?: { index: number; count: number }): string {
  const lines = criteria.map((c) => {
    const answers = answersFor(c).join(' | ');
    return `- ${c.id} [${c.section}] ${c.question} (answer: ${answers})${c.guidance ? ` Guidance: ${c.guidance}` : ''}`;
  });
  return [
    'You are a quality-assurance reviewer for a customer contact centre. You read one call transcript and',
    'assess the agent. Each transcript line is "[start - end] Speaker: words", times in seconds.',
    '',
    'Rules for evidence: every quote must be copied verbatim from a single transcript line (a sentence or',
    'phrase of it is fine) with that line\'s speaker (agent or customer), start and end. Never paraphrase',
    'inside a quote; never invent a quote. When an answer rests on something that did not happen in the',
    'call, give an empty evidence list and say in the rationale what is absent ("The agent never ...").',
    '',
    'Scorecard criteria (answer every one; use "n/a" only where it is allowed):',
    ...lines,
    '',
    'Also give: a two-to-four sentence summary, the call reason, the outcome, the customer\'s sentiment at',
    'the start and the end, sentiment of notable customer lines, agent behaviours observed or missing,',
    'compliance items, action items, short coaching notes for the agent, and topics (a few words each).',
    ...(part
      ? ['', `This is part ${part.index + 1} of ${part.count} of one long call. Assess only what this part shows.`]
      : []),
  ].join('\n');
}

function speakerLabel(t: NormalizedTranscript, s: TranscriptSegment): string {
  const info = t.speakers.find((x) => x.id === s.speaker);
  if (s.role === 'agent') return 'Agent';
  if (s.role === 'customer') return 'Customer';
  return info?.name ?? `Speaker ${s.speaker}`;
}

export function transcriptLine(t: NormalizedTranscript, s: TranscriptSegment): string {
  return `[${s.start.toFixed(1)} - ${s.end.toFixed(1)}] ${speakerLabel(t, s)}: ${s.text}`;
}

/** Rough token count (4 characters a token for English); conservative on purpose. */
export const tokensForChars = (chars: number) => Math.ceil(chars / 3.5);
export const approxTokens = (text: string) => tokensForChars(text.length);

/** What the analysis reads, hashed: a change of text, times, speakers or roles invalidates the cache. */
export function transcriptHash(t: NormalizedTranscript): string {
  const h = createHash('sha256');
  for (const s of t.segments) h.update(`${s.speaker}|${s.role}|${s.start}|${s.end}|${s.text}\n`);
  return h.digest('hex');
}
