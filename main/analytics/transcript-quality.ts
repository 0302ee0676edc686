import type { TranscriptQuality } from '../../preload/contract/schemas/local-analytics.js';
import type { AudioMetrics } from '../../preload/contract/schemas/audio-metrics.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { sameLanguage } from './languages.js';

/**
 * How far a scorecard built on this transcript can be trusted, 0–100, from what the transcript and the
 * audio say about themselves: words the provider was unsure of, words timed where the audio has
 * nobody speaking (or both parties at once), placeholders for what could not be heard, fragments of
 * segments, and a transcript in another language than the calls are in. Each part costs points in
 * proportion to how much of the call it touches (PENALTY below); parts the inputs cannot tell (no word
 * confidences, no audio metrics, no expected language) cost nothing and are reported as unknown.
 */

/** Points per unit share (or for a mismatch): a third of the words unsure costs ~33 points. */
export const PENALTY = {
  lowConfidence: 100,
  outsideSpeech: 60,
  overtalk: 30,
  inaudible: 150,
  shortSegments: 20,
  languageMismatch: 40,
} as const;

/** A word below this confidence counts as unsure (ElevenLabs: exp(logprob); a clear word is ≥ 0.8). */
export const LOW_CONFIDENCE = 0.5;
/** A segment this short is a fragment (a diarization slip), not a backchannel. */
const SHORT_SEGMENT_SEC = 0.25;
/** Slack around the audio's speech spans: VAD frames and provider word times differ by this much. */
const SPEECH_SLACK_SEC = 0.3;
const INAUDIBLE = /^[[(<{*]*(?:inaudible|unintelligible|indiscernible|crosstalk|unk|unclear|garbled|\?+)[\])>}*]*$/i;

type Span = readonly [number, number];
/** The audio metrics it reads (the stored row has no waveform). */
type AudioFacts = Pick<AudioMetrics, 'stereoSplit' | 'channelStats'>;

/** Sorted, merged speech spans of all channels; and where two channels speak at once (stereo only). */
function speechSpans(audio: AudioFacts): { any: Span[]; both: Span[] } {
  const all = audio.channelStats.flatMap((c) => c.segments.map(([s, e]) => [s, e] as Span)).sort((a, b) => a[0] - b[0]);
  const any: [number, number][] = [];
  for (const [s, e] of all) {
    const last = any[any.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else any.push([s, e]);
  }
  const both: Span[] = [];
  if (audio.stereoSplit && audio.channelStats.length >= 2) {
    const [a, b] = [audio.channelStats[0]!.segments, audio.channelStats[1]!.segments];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const s = Math.max(a[i]![0], b[j]![0]);
      const e = Math.min(a[i]![1], b[j]![1]);
      if (s < e) both.push([s, e]);
      if (a[i]![1] < b[j]![1]) i++;
      else j++;
    }
  }
  return { any, both };
}

/** Is t inside one of the sorted spans (widened by slack)? Binary search. */
function inside(spans: readonly Span[], t: number, slack: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = spans[mid]!;
    if (t < s - slack) hi = mid - 1;
    else if (t > e + slack) lo = mid + 1;
    else return true;
  }
  return false;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

export function transcriptQuality(t: NormalizedTranscript, audio: AudioFacts | null, expectedLanguage: string): TranscriptQuality {
  const words = t.segments.flatMap((s) => s.words.filter((w) => w.text.trim() !== ''));
  const tokens = t.segments.flatMap((s) => s.text.split(/\s+/).filter(Boolean));
  const confident = words.filter((w) => w.confidence !== null);
  const lowConfidenceShare = confident.length ? confident.filter((w) => w.confidence! < LOW_CONFIDENCE).length / confident.length : null;
  const meanConfidence = confident.length ? confident.reduce((n, w) => n + w.confidence!, 0) / confident.length : null;

  let outsideSpeechShare: number | null = null;
  let overtalkShare: number | null = null;
  if (audio && words.length) {
    const spans = speechSpans(audio);
    const mids = words.map((w) => (w.start + w.end) / 2);
    outsideSpeechShare = mids.filter((m) => !inside(spans.any, m, SPEECH_SLACK_SEC)).length / mids.length;
    if (audio.stereoSplit) overtalkShare = mids.filter((m) => inside(spans.both, m, 0)).length / mids.length;
  }
  const inaudibleShare = tokens.length ? tokens.filter((x) => INAUDIBLE.test(x)).length / tokens.length : 0;
  const shortSegmentShare = t.segments.length ? t.segments.filter((s) => s.end - s.start < SHORT_SEGMENT_SEC).length / t.segments.length : 0;
  const languageMismatch = expectedLanguage && t.language ? !sameLanguage(expectedLanguage, t.language) : null;

  const parts = [
    { key: 'lowConfidence', share: lowConfidenceShare, why: (p: number) => `${Math.round(p * 100)}% of words transcribed with low confidence` },
    { key: 'outsideSpeech', share: outsideSpeechShare, why: (p: number) => `${Math.round(p * 100)}% of words where the audio has nobody speaking` },
    { key: 'overtalk', share: overtalkShare, why: (p: number) => `${Math.round(p * 100)}% of words while both parties talk at once` },
    { key: 'inaudible', share: inaudibleShare, why: (p: number) => `${Math.round(p * 100)}% of the transcript marked inaudible` },
    { key: 'shortSegments', share: shortSegmentShare, why: (p: number) => `${Math.round(p * 100)}% of segments are fragments under ${SHORT_SEGMENT_SEC} s` },
  ] as const;
  let penalty = 0;
  const reasons: string[] = [];
  for (const p of parts) {
    if (p.share === null) continue;
    const points = p.share * PENALTY[p.key];
    penalty += points;
    if (points >= 2) reasons.push(p.why(p.share));
  }
  if (languageMismatch) {
    penalty += PENALTY.languageMismatch;
    reasons.push(`transcript is in "${t.language}", calls are expected in "${expectedLanguage}"`);
  }
  const score = Math.max(0, Math.min(100, Math.round(100 - penalty)));
  return {
    score,
    reasons,
    words: words.length,
    lowConfidenceShare: lowConfidenceShare === null ? null : round3(lowConfidenceShare),
    meanConfidence: meanConfidence === null ? null : round3(meanConfidence),
    outsideSpeechShare: outsideSpeechShare === null ? null : round3(outsideSpeechShare),
    overtalkShare: overtalkShare === null ? null : round3(overtalkShare),
    inaudibleShare: round3(inaudibleShare),
    shortSegmentShare: round3(shortSegmentShare),
    language: t.language,
    expectedLanguage: expectedLanguage || null,
    languageMismatch,
  };
}
