import { z } from 'zod';
import { AudioMetrics, MonoTalk, StereoTalk, TimeSpan } from './audio-metrics.js';
import { RuleResult } from './rules.js';
import { SpeakerRole } from './transcript.js';

/**
 * What the offline analytics (issue 6) return over the contract: audio metrics (from the audio),
 * conversation metrics, PII findings, rule results and lexicon sentiment (from the transcript). All
 * computed on the workstation; times are seconds from the start of the recording.
 */

const sec = z.number().nonnegative();
const nsec = sec.nullable();

const Stats = z.object({ count: z.number().int().nonnegative(), meanSec: nsec, medianSec: nsec, maxSec: nsec });

/** Mirrors main/analytics/conversation-metrics.ts ConversationMetrics (checked by a type test in the DAO). */
export const ConversationMetricsView = z.object({
  partyKind: z.enum(['role', 'speaker']),
  parties: z.array(z.object({
    party: z.string(), role: SpeakerRole, talkSec: sec, words: z.number().int().nonnegative(),
    wordsPerMinute: z.number().nonnegative().nullable(), turns: z.number().int().nonnegative(),
  })),
  talk: z.object({ agentSec: nsec, customerSec: nsec, totalSec: sec }),
  talkRatio: z.number().min(0).max(1).nullable(),
  overtalk: z.object({ totalSec: sec, count: z.number().int().nonnegative() }),
  interruptions: z.object({
    count: z.number().int().nonnegative(),
    seconds: sec,
    byPair: z.record(z.string(), z.object({ count: z.number().int().nonnegative(), seconds: sec })),
    list: z.array(z.object({ by: z.string(), of: z.string(), at: sec, overlapSec: sec })),
  }),
  responseLatency: Stats.extend({ byResponder: z.record(z.string(), Stats) }),
  longestMonologue: z.object({ party: z.string(), start: sec, end: sec, durationSec: sec }).nullable(),
  agentQuestions: z.number().int().nonnegative().nullable(),
  deadAir: z.object({ thresholdSec: sec, count: z.number().int().nonnegative(), totalSec: sec, longestSec: sec, gaps: z.array(TimeSpan) }),
  durationSec: sec,
});
export type ConversationMetricsView = z.infer<typeof ConversationMetricsView>;

const SentimentLabel = z.enum(['positive', 'neutral', 'negative']);
export const SegmentSentimentView = z.object({
  segments: z.array(z.object({
    segmentIndex: z.number().int().nonnegative(), role: SpeakerRole, start: sec, end: sec,
    score: z.number().min(-1).max(1), label: SentimentLabel, positive: z.array(z.string()), negative: z.array(z.string()),
  })),
  customerStart: z.object({ score: z.number(), label: SentimentLabel }).nullable(),
  customerEnd: z.object({ score: z.number(), label: SentimentLabel }).nullable(),
});
export type SegmentSentimentView = z.infer<typeof SegmentSentimentView>;

/** Audio metrics as the API shows them: everything but the waveform (GET …/waveform has it). */
export const AudioMetricsSummary = z.object(AudioMetrics.shape).omit({ waveform: true });
export type AudioMetricsSummary = z.infer<typeof AudioMetricsSummary>;

/** 'pending' = not computed yet; 'no_transcript' = waits for a transcript (import one or transcribe). */
export const LocalStatus = z.enum(['ready', 'pending', 'no_transcript']);

const share = z.number().min(0).max(1);
/** What lowered a transcript's quality score (main/analytics/transcript-quality.ts); null = cannot tell. */
export const TranscriptQuality = z.object({
  score: z.number().min(0).max(100),
  /** Plain-language causes, largest first as computed ("12% of words transcribed with low confidence"). */
  reasons: z.array(z.string()),
  words: z.number().int().nonnegative(),
  lowConfidenceShare: share.nullable(),
  meanConfidence: share.nullable(),
  outsideSpeechShare: share.nullable(),
  overtalkShare: share.nullable(),
  inaudibleShare: share,
  shortSegmentShare: share,
  language: z.string().nullable(),
  expectedLanguage: z.string().nullable(),
  languageMismatch: z.boolean().nullable(),
});
export type TranscriptQuality = z.infer<typeof TranscriptQuality>;

/** The stored quality with today's threshold (CCA_TRANSCRIPT_QUALITY_MIN): below it, low confidence. */
export const TranscriptQualityView = TranscriptQuality.extend({ low: z.boolean(), threshold: z.number() });
export type TranscriptQualityView = z.infer<typeof TranscriptQualityView>;

export const RecordingMetrics = z.object({
  recordingId: z.number().int().positive(),
  /** Per party when the parties are known (stereo split, or roles in the transcript), else the total. */
  talkSeconds: z.union([StereoTalk, MonoTalk]).nullable(),
  /** Where talkSeconds came from: the audio (preferred: exact per channel) or the transcript's word times. */
  talkSource: z.enum(['audio', 'transcript']).nullable(),
  silenceShare: z.number().min(0).max(1).nullable(),
  longestSilenceSec: nsec,
  audio: AudioMetricsSummary.nullable(),
  conversation: ConversationMetricsView.nullable(),
  /** Set by the index step once transcript and audio metrics are in; null before. */
  transcriptQuality: TranscriptQualityView.nullable(),
  status: z.object({ audio: LocalStatus, conversation: LocalStatus }),
});
export type RecordingMetrics = z.infer<typeof RecordingMetrics>;

export const PiiFindingView = z.object({
  category: z.string(),
  /** The exact words as transcribed (this endpoint is the place that shows them; exports redact). */
  text: z.string(),
  segmentIndex: z.number().int().nonnegative(),
  charStart: z.number().int().nonnegative(),
  charEnd: z.number().int().nonnegative(),
  start: sec,
  end: sec,
  confidence: z.number().min(0).max(1),
});
export type PiiFindingView = z.infer<typeof PiiFindingView>;

export const RecordingPii = z.object({
  recordingId: z.number().int().positive(),
  status: LocalStatus,
  findings: z.array(PiiFindingView),
  /** Categories the redactCategories setting masks (redacted transcript, exports, muted audio). */
  redactCategories: z.array(z.string()),
});
export type RecordingPii = z.infer<typeof RecordingPii>;

export const RecordingLocalChecks = z.object({
  recordingId: z.number().int().positive(),
  status: LocalStatus,
  rules: z.array(RuleResult),
  sentiment: SegmentSentimentView.nullable(),
});
export type RecordingLocalChecks = z.infer<typeof RecordingLocalChecks>;

export const RecordingWaveform = z.object({
  recordingId: z.number().int().positive(),
  durationSec: sec,
  waveform: AudioMetrics.shape.waveform,
});
export type RecordingWaveform = z.infer<typeof RecordingWaveform>;

export const TranscriptAttachResult = z.object({
  recordingId: z.number().int().positive(),
  format: z.string(),
  segments: z.number().int().nonnegative(),
  contentHash: z.string(),
  /** Steps queued again because the transcript changed (local_analysis, analyze, index...). */
  rerun: z.array(z.string()),
});
export type TranscriptAttachResult = z.infer<typeof TranscriptAttachResult>;
