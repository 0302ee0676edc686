import { z } from 'zod';
import type { NormalizedTranscript, TranscriptSegment, TranscriptWord } from '../../../preload/contract/schemas/transcript.js';
import { parseJsonSource, validateJson, type JsonSource } from './json-source.js';
import { segmentFromWords, transcriptOf } from './shared.js';

/**
 * ElevenLabs speech-to-text JSON: SpeechToTextChunkResponseModel (one transcript, words with
 * speaker_id when diarized) and MultichannelSpeechToTextResponseModel (one transcript per channel).
 */

const Word = z.object({
  text: z.string(),
  start: z.number().nonnegative().nullish(),
  end: z.number().nonnegative().nullish(),
  type: z.enum(['word', 'spacing', 'audio_event']),
  speaker_id: z.string().nullish(),
  logprob: z.number().optional(),
  channel_index: z.number().int().nullish(),
});
const Chunk = z.object({
  language_code: z.string(),
  language_probability: z.number().optional(),
  text: z.string(),
  words: z.array(Word),
  channel_index: z.number().int().nullish(),
  audio_duration_secs: z.number().nullish(),
});
const Multichannel = z.object({
  transcripts: z.array(Chunk).min(1),
  audio_duration_secs: z.number().nullish(),
});

/** A pause this long starts a new segment even when the same person goes on talking. */
const SPLIT_PAUSE_SEC = 1.5;

function segmentsOf(chunk: z.infer<typeof Chunk>, speakerFor: (w: z.infer<typeof Word>) => string): TranscriptSegment[] {
  const segments: TranscriptSegment[] = [];
  let words: TranscriptWord[] = [];
  let text = '';
  let speaker: string | null = null;
  let lastEnd = 0;
  const flush = () => {
    if (words.length > 0 && speaker !== null) segments.push(segmentFromWords(speaker, 'unknown', words, text));
    words = [];
    text = '';
  };
  for (const w of chunk.words) {
    if (w.type === 'audio_event') continue; // "(laughter)" is not speech; keep it out of text and rules
    if (w.type === 'spacing') {
      if (words.length > 0) text += w.text;
      continue;
    }
    // Missing times happen on some words: borrow the neighbour's so the timeline stays monotonic.
    const start = w.start ?? lastEnd;
    const end = Math.max(start, w.end ?? start);
    const who = speakerFor(w);
    if (who !== speaker || (words.length > 0 && start - lastEnd >= SPLIT_PAUSE_SEC)) {
      flush();
      speaker = who;
    }
    const confidence = w.logprob === undefined ? null : Math.min(1, Math.max(0, Math.exp(w.logprob)));
    words.push({ text: w.text, start, end, confidence, speaker: who });
    text += w.text;
    lastEnd = end;
  }
  flush();
  return segments;
}

export function parseElevenLabsJson(fileName: string, content: string, src?: JsonSource): NormalizedTranscript {
  const source = src ?? parseJsonSource(fileName, content);
  const data = validateJson(source, Chunk, 'ElevenLabs transcript');
  const segments = segmentsOf(data, (w) => w.speaker_id ?? 'speaker_0');
  return transcriptOf(segments, data.language_code || null, data.audio_duration_secs ?? null);
}

export function parseElevenLabsMultichannelJson(fileName: string, content: string, src?: JsonSource): NormalizedTranscript {
  const source = src ?? parseJsonSource(fileName, content);
  const data = validateJson(source, Multichannel, 'ElevenLabs multichannel transcript');
  const segments = data.transcripts
    .flatMap((chunk, i) => {
      const channel = chunk.channel_index ?? i;
      return segmentsOf(chunk, (w) => `channel_${w.channel_index ?? channel}`);
    })
    .sort((a, b) => a.start - b.start);
  return transcriptOf(segments, data.transcripts[0]!.language_code || null, data.audio_duration_secs ?? null);
}
