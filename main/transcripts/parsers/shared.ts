import { AppError } from '../../errors.js';
import type {
  NormalizedTranscript,
  SpeakerInfo,
  SpeakerRole,
  TranscriptSegment,
  TranscriptWord,
} from '../../../preload/contract/schemas/transcript.js';

/** Building blocks every transcript parser shares: errors that name the line, word timing, speakers. */

export function invalid(fileName: string, line: number, problem: string, hint?: string): AppError {
  return new AppError(
    'invalid_input',
    `${fileName}, line ${line}: ${problem}`,
    hint ?? 'Fix that line of the file (or export the transcript again from its source) and import it again.',
    { details: { fileName, line } },
  );
}

/** 1-based line number of a character offset. */
export function lineAt(content: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, content.length);
  for (let i = 0; i < end; i++) if (content.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Words for a text that came without word times: spread over [start, end] in proportion to each word's
 * length (long words take longer to say than "a").
 */
export function interpolateWords(text: string, start: number, end: number, speaker: string): TranscriptWord[] {
  const tokens = text.split(/\s+/).filter((w) => w !== '');
  const weights = tokens.map((w) => w.length + 1);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const dur = Math.max(0, end - start);
  let t = start;
  return tokens.map((w, i) => {
    const d = (dur * weights[i]!) / total;
    const word = { text: w, start: t, end: i === tokens.length - 1 ? Math.max(t, end) : t + d, confidence: null, speaker };
    t += d;
    return word;
  });
}

/** A role a file states for a speaker label ("Agent", "customer", "Caller"), or unknown. */
export function roleFromLabel(label: string): SpeakerRole {
  const l = label.trim().toLowerCase();
  if (/^(agent|rep|representative|advisor|adviser|operator|csr|support)\b/.test(l)) return 'agent';
  if (/^(customer|caller|client|member|consumer)\b/.test(l)) return 'customer';
  return 'unknown';
}

/** Speakers in order of first appearance; roles stated by the file are marked as from the import. */
export function speakersOf(segments: readonly TranscriptSegment[], names: Map<string, string | null> = new Map()): SpeakerInfo[] {
  const seen = new Map<string, SpeakerInfo>();
  for (const s of segments) {
    if (seen.has(s.speaker)) continue;
    seen.set(s.speaker, {
      id: s.speaker,
      role: s.role,
      name: names.get(s.speaker) ?? null,
      roleConfidence: s.role === 'unknown' ? 0 : 1,
      roleSource: 'import',
    });
  }
  return [...seen.values()];
}

export function transcriptOf(
  segments: TranscriptSegment[],
  language: string | null,
  durationSec: number | null,
  names?: Map<string, string | null>,
): NormalizedTranscript {
  const end = segments.reduce((a, s) => Math.max(a, s.end), 0);
  return { language, durationSec: durationSec ?? (segments.length ? end : null), speakers: speakersOf(segments, names), segments };
}

/** A segment from timed words: text joined with single spaces unless the provider gave spacing. */
export function segmentFromWords(speaker: string, role: SpeakerRole, words: TranscriptWord[], text?: string): TranscriptSegment {
  return {
    speaker,
    role,
    start: words[0]?.start ?? 0,
    end: words.reduce((a, w) => Math.max(a, w.end), 0),
    text: (text ?? words.map((w) => w.text).join(' ')).trim(),
    words,
  };
}
