import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import type { NormalizedTranscript, TranscriptWord } from '../../preload/contract/schemas/transcript.js';
import { segmentsFromWords } from './segments.js';

/**
 * ElevenLabs Speech-to-Text (SDK camelCase models) → normalized transcript.
 *  - multichannel: `transcripts[i]` is channel i; speakers are "channel_<i>" (channel 0 = agent line);
 *  - diarized mono: speakers are the provider's "speaker_<n>".
 * Spacing tokens are dropped (we join words ourselves); audio events ("(laughter)") are kept as words
 * so the reviewer sees them in place, with the confidence the provider gave.
 */
type Chunk = ElevenLabs.SpeechToTextChunkResponseModel;

function wordsOf(chunk: Chunk, speakerFor: (w: ElevenLabs.SpeechToTextWordResponseModel) => string): TranscriptWord[] {
  return chunk.words
    .filter((w) => w.type !== 'spacing' && w.text.trim() !== '' && w.start !== undefined)
    .map((w) => ({
      text: w.text.trim(),
      start: w.start!,
      end: Math.max(w.end ?? w.start!, w.start!),
      confidence: Number.isFinite(w.logprob) ? Math.min(1, Math.max(0, Math.exp(w.logprob))) : null,
      speaker: speakerFor(w),
    }));
}

export function fromElevenLabsChunk(chunk: Chunk, durationSec: number | null): NormalizedTranscript {
  const words = wordsOf(chunk, (w) => w.speakerId ?? 'speaker_0');
  return build(words, chunk.languageCode ?? null, durationSec ?? chunk.audioDurationSecs ?? null);
}

export function fromElevenLabsMultichannel(res: ElevenLabs.MultichannelSpeechToTextResponseModel, durationSec: number | null): NormalizedTranscript {
  const words = res.transcripts.flatMap((chunk, i) => wordsOf(chunk, (w) => `channel_${w.channelIndex ?? chunk.channelIndex ?? i}`));
  return build(words, res.transcripts[0]?.languageCode ?? null, durationSec ?? res.audioDurationSecs ?? null);
}

function build(words: TranscriptWord[], language: string | null, durationSec: number | null): NormalizedTranscript {
  const segments = segmentsFromWords(words);
  const ids = [...new Set(segments.map((s) => s.speaker))].sort();
  return {
    language,
    durationSec,
    speakers: ids.map((id) => ({ id, role: 'unknown' as const, name: null, roleConfidence: 0, roleSource: 'content' as const })),
    segments,
  };
}
