import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { AppError } from '../errors.js';
import { jsonTooDeepAt } from '../util/json-depth.js';
import { invalid, lineAt } from './parsers/shared.js';

/**
 * What a transcript file may hold. Real calls sit far inside these (a 12-hour call has about 15,000
 * cues and 150,000 words; an hour of ElevenLabs JSON is ~5 MB); a file beyond them is not a call's
 * transcript, and refusing it up front keeps parsing, analysis and exports bounded. README "Limits".
 */
export const TRANSCRIPT_LIMITS = {
  maxBytes: 64 * 1024 * 1024,
  /** Provider JSON nests 4 levels; the tree walkers after JSON.parse recurse. */
  maxJsonDepth: 64,
  maxSegments: 50_000,
  /** About three hours of one speaker without a pause. */
  maxSegmentChars: 100_000,
  /** Longer than any word; breaks layout and matching (pdf, redaction) otherwise. */
  maxWordChars: 1_000,
} as const;

const fmt = (n: number) => n.toLocaleString('en-GB');

function tooBig(fileName: string, what: string, hint = 'Attach the transcript export of this call, not another file; split very long calls.'): AppError {
  return new AppError('invalid_input', `${fileName}: ${what}.`, hint, { details: { fileName } });
}

/** File size, before it is read. */
export function checkTranscriptSize(fileName: string, bytes: number): void {
  if (bytes > TRANSCRIPT_LIMITS.maxBytes) throw tooBig(fileName, `is too large to be a transcript (${fmt(Math.round(bytes / 1048576))} MB; the limit is ${TRANSCRIPT_LIMITS.maxBytes / 1048576} MB)`);
}

function count(content: string, needle: string, stopAfter: number): number {
  let n = 0;
  for (let i = content.indexOf(needle); i !== -1 && n <= stopAfter; i = content.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Before JSON.parse: the depth check (provider JSON nests about 4 levels). */
export function checkJsonDepth(fileName: string, content: string): void {
  const at = jsonTooDeepAt(content, TRANSCRIPT_LIMITS.maxJsonDepth);
  if (at !== null) throw invalid(fileName, lineAt(content, at), `the JSON nests deeper than ${TRANSCRIPT_LIMITS.maxJsonDepth} levels (transcript JSON nests about 4)`, 'Export the transcript again from its provider.');
}

/** Before a text parser runs (SRT, WebVTT, plain text): the cue or line count, counted cheaply. */
export function checkCueCount(fileName: string, content: string, format: string): void {
  const limit = format === 'txt' ? 2 * TRANSCRIPT_LIMITS.maxSegments : TRANSCRIPT_LIMITS.maxSegments;
  const unit = format === 'txt' ? 'lines' : 'cues';
  if (count(content, format === 'txt' ? '\n' : '-->', limit) > limit) throw tooBig(fileName, `has more than ${fmt(limit)} ${unit} (the limit; a 12-hour call has about 15,000)`);
}

/** Checks on the parsed result: segment count, the longest segment and word. */
export function checkParsedTranscript(fileName: string, t: NormalizedTranscript): void {
  const { maxSegments, maxSegmentChars, maxWordChars } = TRANSCRIPT_LIMITS;
  const longWord = new RegExp(`\\S{${maxWordChars + 1},}`);
  if (t.segments.length > maxSegments) throw tooBig(fileName, `has ${fmt(t.segments.length)} segments; the limit is ${fmt(maxSegments)}`);
  t.segments.forEach((s, i) => {
    if (s.text.length > maxSegmentChars) throw tooBig(fileName, `segment ${i + 1} is ${fmt(s.text.length)} characters long; the limit is ${fmt(maxSegmentChars)}`, 'Split that turn into shorter lines, or export the transcript again from its source.');
    const word = s.words.find((w) => w.text.length > maxWordChars)?.text ?? longWord.exec(s.text)?.[0];
    if (word) throw tooBig(fileName, `segment ${i + 1} has a "word" of ${fmt(word.length)} characters with no space; the limit is ${fmt(maxWordChars)}`, 'This is not speech: check the file, or export the transcript again from its source.');
  });
}
