import { z } from 'zod';
import type { NormalizedTranscript, TranscriptSegment, TranscriptWord } from '../../../preload/contract/schemas/transcript.js';
import { parseJsonSource, validateJson, type JsonSource } from './json-source.js';
import { interpolateWords, roleFromLabel, segmentFromWords, transcriptOf } from './shared.js';

/**
 * OpenAI transcription JSON: verbose_json (CreateTranscriptionResponseVerboseJson: segments and/or
 * words, no speakers) and diarized_json (CreateTranscriptionResponseDiarizedJson: speaker segments).
 */

const Word = z.object({ word: z.string(), start: z.number().nonnegative(), end: z.number().nonnegative() });
const Segment = z.object({ start: z.number().nonnegative(), end: z.number().nonnegative(), text: z.string() });
const Verbose = z.object({
  language: z.string(),
  duration: z.number().nonnegative(),
  text: z.string(),
  words: z.array(Word).optional(),
  segments: z.array(Segment).optional(),
});
const DiarizedSegment = Segment.extend({ speaker: z.string().min(1), id: z.string().optional(), type: z.string().optional() });
const Diarized = z.object({
  task: z.literal('transcribe').optional(),
  duration: z.number().nonnegative(),
  text: z.string(),
  segments: z.array(DiarizedSegment),
});

const SPEAKER = 'speaker_0';
const SPLIT_PAUSE_SEC = 1.5;

export function parseOpenAiVerboseJson(fileName: string, content: string, src?: JsonSource): NormalizedTranscript {
  const data = validateJson(src ?? parseJsonSource(fileName, content), Verbose, 'OpenAI verbose_json transcript');
  const words: TranscriptWord[] = (data.words ?? []).map((w) => ({ text: w.word.trim(), start: w.start, end: Math.max(w.start, w.end), confidence: null, speaker: SPEAKER }));
  const segments: TranscriptSegment[] = [];
  if (data.segments && data.segments.length > 0) {
    // Hand each word to the segment it starts in (both lists are in time order: one pass).
    let wi = 0;
    data.segments.forEach((s, i) => {
      const next = data.segments![i + 1]?.start ?? Number.POSITIVE_INFINITY;
      const own: TranscriptWord[] = [];
      while (wi < words.length && words[wi]!.start < next) own.push(words[wi++]!);
      const text = s.text.trim();
      segments.push({ speaker: SPEAKER, role: 'unknown', start: s.start, end: Math.max(s.start, s.end), text, words: own.length ? own : interpolateWords(text, s.start, s.end, SPEAKER) });
    });
  } else if (words.length > 0) {
    let cur: TranscriptWord[] = [];
    for (const w of words) {
      if (cur.length && w.start - cur[cur.length - 1]!.end >= SPLIT_PAUSE_SEC) {
        segments.push(segmentFromWords(SPEAKER, 'unknown', cur));
        cur = [];
      }
      cur.push(w);
    }
    segments.push(segmentFromWords(SPEAKER, 'unknown', cur));
  } else if (data.text.trim() !== '') {
    segments.push({ speaker: SPEAKER, role: 'unknown', start: 0, end: data.duration, text: data.text.trim(), words: interpolateWords(data.text.trim(), 0, data.duration, SPEAKER) });
  }
  return transcriptOf(segments, data.language || null, data.duration);
}

export function parseOpenAiDiarizedJson(fileName: string, content: string, src?: JsonSource): NormalizedTranscript {
  const data = validateJson(src ?? parseJsonSource(fileName, content), Diarized, 'OpenAI diarized_json transcript');
  const names = new Map<string, string | null>();
  const segments: TranscriptSegment[] = data.segments.map((s) => {
    const role = roleFromLabel(s.speaker);
    // Sequential labels ("A", "B") are ids; a known speaker name ("Dana") is also shown as the name.
    if (role === 'unknown' && !/^[A-Z]$/.test(s.speaker)) names.set(s.speaker, s.speaker);
    const text = s.text.trim();
    const end = Math.max(s.start, s.end);
    return { speaker: s.speaker, role, start: s.start, end, text, words: interpolateWords(text, s.start, end, s.speaker) };
  });
  return transcriptOf(segments, null, data.duration, names);
}
