import { parseBuffer } from 'music-metadata';
import type { CallTruth, TruthTurn } from '../helpers/fixtures.js';

/**
 * Turns a truth file into what a speech-to-text service would have heard: words with timings spread
 * evenly inside each turn. Both fakes build their provider-specific bodies from this.
 */
export interface TimedWord {
  /** The word as written in the truth, punctuation included. */
  text: string;
  start: number;
  end: number;
  speaker: TruthTurn['speaker'];
  /** Index of the turn the word belongs to. */
  turn: number;
}

const round = (n: number): number => Math.round(n * 1000) / 1000;

export function turnWords(turn: TruthTurn, index: number): TimedWord[] {
  const words = turn.text.split(/\s+/).filter(Boolean);
  const step = (turn.end - turn.start) / Math.max(1, words.length);
  return words.map((text, i) => ({
    text,
    start: round(turn.start + i * step),
    end: round(turn.start + (i + 1) * step),
    speaker: turn.speaker,
    turn: index,
  }));
}

export function callWords(truth: CallTruth, only?: TruthTurn['speaker']): TimedWord[] {
  return truth.turns.flatMap((t, i) => (only && t.speaker !== only ? [] : turnWords(t, i)));
}

/** The transcript text a test compares against: the turns' text joined by single spaces. */
export function truthText(truth: CallTruth, only?: TruthTurn['speaker']): string {
  return truth.turns
    .filter((t) => !only || t.speaker === only)
    .map((t) => t.text)
    .join(' ');
}

/** Whisper-style word: no surrounding punctuation. */
export function bareWord(text: string): string {
  return text.replace(/^[^\p{L}\p{N}']+|[^\p{L}\p{N}']+$/gu, '') || text;
}

/**
 * Stand-in for audio the fake does not know (when the fake is told not to refuse it). `channels` 2
 * makes it a stereo call (agent left, customer right) so a multichannel request gets a multichannel
 * answer; the turns stay inside `durationS`, as a real service's timings would.
 */
export function genericTruth(durationS = 6, channels = 1): CallTruth {
  const half = durationS / 2;
  return {
    id: 'unknown-audio',
    agent: 'unknown',
    expect: {},
    duration_s: durationS,
    channels,
    turns: [
      { speaker: 'agent', text: 'Hello, thank you for calling, how can I help you?', start: 0, end: round(half - 0.4) },
      { speaker: 'customer', text: 'Hi, I have a question about my account.', start: round(half), end: round(durationS - 0.4) },
    ],
  };
}

/** Rough token count (4 characters a token), enough for usage numbers that scale with the input. */
export function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/**
 * The generic transcript shaped to the uploaded audio: its real duration and channel count (read from
 * the container header, like the service's decoder would), so a user's own stereo file gets two
 * channels and no word ends after the audio does. Undecodable bytes fall back to 6 s mono.
 */
export async function genericTruthFor(data: Buffer | undefined): Promise<CallTruth> {
  if (!data) return genericTruth();
  try {
    const { format } = await parseBuffer(data, undefined, { duration: true, skipCovers: true });
    const duration = format.duration && Number.isFinite(format.duration) && format.duration > 1 ? round(format.duration) : 6;
    return genericTruth(duration, (format.numberOfChannels ?? 1) >= 2 ? 2 : 1);
  } catch {
    return genericTruth();
  }
}
