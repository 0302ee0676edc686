import Sentiment from 'sentiment';
import type { NormalizedTranscript, SpeakerRole } from '../../preload/contract/schemas/transcript.js';

/**
 * Lexicon sentiment (AFINN via the `sentiment` package, with its negation handling) per segment, plus
 * how the customer felt at the start and at the end of the call. Offline and deterministic: a cheap
 * first read that the AI analysis can refine.
 */

export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SegmentSentiment {
  segmentIndex: number;
  role: SpeakerRole;
  start: number;
  end: number;
  /** -1..1 */
  score: number;
  label: SentimentLabel;
  /** Words that moved the score (for the reviewer's "why"). */
  positive: string[];
  negative: string[];
}

export interface CallSentiment {
  segments: SegmentSentiment[];
  customerStart: { score: number; label: SentimentLabel } | null;
  customerEnd: { score: number; label: SentimentLabel } | null;
}

export interface SentimentOptions {
  /** Scores within ±threshold are neutral (default 0.1). */
  neutralBand?: number;
  /** Customer segments averaged for the start and the end (default 2). */
  edgeSegments?: number;
}

/** Call-centre words AFINN lacks or weighs for other contexts. */
const CALL_CENTRE_EXTRAS: Record<string, number> = {
  unacceptable: -3,
  ridiculous: -3,
  complaint: -2,
  complain: -2,
  outage: -1,
  cancel: -1,
  overcharged: -3,
  frustrating: -2,
  annoyed: -2,
  useless: -3,
  resolved: 2,
  sorted: 2,
  perfect: 3,
  quick: 1,
  charged: 0,
  pretty: 0,
  want: 0,
  no: 0,
};

const analyzer = new Sentiment();

/** AFINN sums grow with length; squash like VADER does so a long rant and a short "great" both fit -1..1. */
export function normalizeScore(raw: number, alpha = 15): number {
  return raw / Math.sqrt(raw * raw + alpha);
}

export function labelOf(score: number, band = 0.1): SentimentLabel {
  return score > band ? 'positive' : score < -band ? 'negative' : 'neutral';
}

export function scoreText(text: string): { score: number; positive: string[]; negative: string[] } {
  const r = analyzer.analyze(text, { extras: CALL_CENTRE_EXTRAS });
  return { score: normalizeScore(r.score), positive: r.positive, negative: r.negative };
}

export function callSentiment(t: NormalizedTranscript, options: SentimentOptions = {}): CallSentiment {
  const band = options.neutralBand ?? 0.1;
  const edge = Math.max(1, options.edgeSegments ?? 2);
  const segments = t.segments.map((s, i): SegmentSentiment => {
    const r = scoreText(s.text);
    return { segmentIndex: i, role: s.role, start: s.start, end: s.end, score: r.score, label: labelOf(r.score, band), positive: r.positive, negative: r.negative };
  });
  // Without roles, treat everyone as the customer rather than report nothing.
  const customer = segments.filter((s) => s.role === 'customer');
  const pool = customer.length > 0 ? customer : segments.every((s) => s.role === 'unknown') ? segments : [];
  const avg = (xs: SegmentSentiment[]) => {
    if (xs.length === 0) return null;
    const score = xs.reduce((a, x) => a + x.score, 0) / xs.length;
    return { score, label: labelOf(score, band) };
  };
  const n = Math.min(edge, Math.ceil(pool.length / 2));
  return { segments, customerStart: avg(pool.slice(0, n)), customerEnd: avg(pool.slice(pool.length - n)) };
}
