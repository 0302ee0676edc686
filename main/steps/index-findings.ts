import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import type { TranscriptQuality } from '../../preload/contract/schemas/local-analytics.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { transcriptQuality } from '../analytics/transcript-quality.js';
import { detectPii } from '../text/pii/index.js';

/** PII findings below this confidence do not flag a call (the redaction view still shows them). */
const PII_FLAG_MIN_CONFIDENCE = 0.6;

export interface IndexInput {
  transcript: NormalizedTranscript | null;
  /** What the quality score needs of the audio metrics (not the waveform). */
  audio: Pick<AudioMetrics, 'stereoSplit' | 'channelStats'> | null;
  callLanguage: string;
}

export interface IndexFindings {
  piiFound: boolean;
  quality: TranscriptQuality | null;
}

/**
 * `index`: what is too costly to recompute on every change of a call — whether the transcript holds
 * personal data, and the transcript's quality (it needs the transcript and the audio metrics, which
 * only meet here).
 */
export function indexFindings(input: IndexInput): Promise<IndexFindings> {
  const t = input.transcript;
  return Promise.resolve({
    piiFound: t ? detectPii(t, { minConfidence: PII_FLAG_MIN_CONFIDENCE }).length > 0 : false,
    quality: t ? transcriptQuality(t, input.audio, input.callLanguage) : null,
  });
}
