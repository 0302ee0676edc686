import { conversationMetrics } from '../../analytics/conversation-metrics.js';
import { defaultRules, runRules } from '../../analytics/rules/index.js';
import { callSentiment } from '../../analytics/sentiment.js';
import { detectPii } from '../../text/pii/index.js';
import {
  ConversationMetricsView,
  SegmentSentimentView,
  type PiiFindingView,
} from '../../../preload/contract/schemas/local-analytics.js';
import type { RuleDefinition, RuleResult } from '../../../preload/contract/schemas/rules.js';
import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';

/**
 * Everything the workstation derives from a transcript, in one pure call: conversation metrics, PII
 * findings, rule checks and lexicon sentiment. Bump LOCAL_ANALYSIS_VERSION when any of these changes
 * its output, so stored results computed by an older build are recomputed (the step's alreadyDone
 * compares it).
 */
export const LOCAL_ANALYSIS_VERSION = 1;

/**
 * Findings kept for the call. Below this the detectors are guessing (a bare 4-digit number with no
 * PIN request, a date with no birth context) and the reviewer would drown in noise; the index step
 * flags calls at 0.6, redaction masks everything stored.
 */
export const PII_MIN_CONFIDENCE = 0.5;

export interface LocalResults {
  conversation: ConversationMetricsView;
  sentiment: SegmentSentimentView;
  pii: PiiFindingView[];
  rules: RuleResult[];
}

export function computeLocalAnalysis(t: NormalizedTranscript, rules: readonly RuleDefinition[] = defaultRules): LocalResults {
  // zod parse: the stored JSON is exactly what the contract promises (and no stray fields).
  const conversation = ConversationMetricsView.parse(conversationMetrics(t));
  const sentiment = SegmentSentimentView.parse(callSentiment(t));
  const pii = detectPii(t, { minConfidence: PII_MIN_CONFIDENCE }).map((f) => ({
    category: f.category, text: f.text, segmentIndex: f.segmentIndex, charStart: f.charStart, charEnd: f.charEnd,
    start: f.start, end: f.end, confidence: f.confidence,
  }));
  return { conversation, sentiment, pii, rules: runRules(t, rules) };
}
