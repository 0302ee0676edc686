import type { TranscriptionDiarized, TranscriptionVerbose } from 'openai/resources/audio/transcriptions';
import { z } from 'zod';
import type { TranscriptSegment, TranscriptWord } from '../../preload/contract/schemas/transcript.js';
import { round3, segmentsFromWords, spreadWords } from './segments.js';

/**
 * OpenAI transcription bodies → normalized segments (chunk-local times; stitching and roles come later).
 *  - diarized_json (gpt-4o-transcribe-diarize): segments carry speaker labels "A", "B"... in order of
 *    first appearance. Its `text` has "A: ..." prefixes, so text is taken from segments, never `text`.
 *    No word timings: words are spread inside each segment.
 *  - verbose_json (whisper-1): word and segment timings but no speakers: one speaker "speaker_0" and
 *    the role stays unknown unless the reviewer sets it.
 */
export const DiarizedBody = z.object({
  duration: z.number().optional(),
  segments: z.array(z.object({ speaker: z.string(), start: z.number(), end: z.number(), text: z.string() })),
  usage: z.object({ type: z.string() }).loose().optional(),
});

export const VerboseBody = z.object({
  duration: z.number(),
  language: z.string().optional(),
  text: z.string(),
  words: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() })).optional(),
  segments: z.array(z.object({ start: z.number(), end: z.number(), text: z.string() })).optional(),
});

export function fromDiarized(body: TranscriptionDiarized): TranscriptSegment[] {
  return body.segments
    .filter((s) => s.text.trim() !== '')
    .map((s) => ({
      speaker: s.speaker,
      role: 'unknown' as const,
      start: round3(s.start),
      end: round3(Math.max(s.end, s.start)),
      text: s.text.trim(),
      words: spreadWords(s.text.trim(), s.start, Math.max(s.end, s.start), s.speaker),
    }));
}

/** Whisper's word list carries bare words; punctuation lives in segment text, so words are re-cut from it. */
export function fromVerbose(body: TranscriptionVerbose): TranscriptSegment[] {
  const speaker = 'speaker_0';
  const words = body.words ?? [];
  if (body.segments?.length) {
    return body.segments
      .filter((s) => s.text.trim() !== '')
      .map((s) => {
        const text = s.text.trim();
        const inside = words.filter((w) => w.start >= s.start - 0.01 && w.end <= s.end + 0.01);
        const tokens = text.split(/\s+/);
        const timed: TranscriptWord[] =
          inside.length === tokens.length
            ? tokens.map((t, i) => ({ text: t, start: inside[i]!.start, end: inside[i]!.end, confidence: null, speaker }))
            : spreadWords(text, s.start, s.end, speaker);
        return { speaker, role: 'unknown' as const, start: round3(s.start), end: round3(s.end), text, words: timed };
      });
  }
  return segmentsFromWords(words.map((w) => ({ text: w.word, start: w.start, end: w.end, confidence: null, speaker })));
}

/** Billing units in our flat shape: tokens for gpt-4o models, seconds for whisper. */
export function usageOf(body: { usage?: unknown }): Record<string, number> {
  const u = body.usage as { type?: string; input_tokens?: number; output_tokens?: number; seconds?: number; input_token_details?: { audio_tokens?: number } } | undefined;
  if (!u) return {};
  if (u.type === 'duration' && typeof u.seconds === 'number') return { seconds: u.seconds };
  const out: Record<string, number> = {};
  if (typeof u.input_tokens === 'number') out.input_tokens = u.input_tokens;
  if (typeof u.output_tokens === 'number') out.output_tokens = u.output_tokens;
  if (typeof u.input_token_details?.audio_tokens === 'number') out.audio_tokens = u.input_token_details.audio_tokens;
  return out;
}
