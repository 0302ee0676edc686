import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { normalizeSpokenNumbers, type NormalizedText } from '../spoken-numbers.js';

/**
 * The whole call as one normalised string, so detectors can use plain regexes and look back across
 * turns ("what is your date of birth?" / "twelfth of March"). Segments are joined with a blank line;
 * a finding that would straddle two segments is dropped by the index.
 */
export interface PiiDocument {
  text: string;
  /** Lower-cased copy of `text`, for keyword context checks. */
  lower: string;
  segStarts: number[];
  norms: NormalizedText[];
  transcript: NormalizedTranscript;
}

export const SEGMENT_SEPARATOR = '\n\n';

export function buildDocument(transcript: NormalizedTranscript): PiiDocument {
  const norms = transcript.segments.map((s) => normalizeSpokenNumbers(s.text));
  const segStarts: number[] = [];
  let pos = 0;
  for (const n of norms) {
    segStarts.push(pos);
    pos += n.text.length + SEGMENT_SEPARATOR.length;
  }
  const text = norms.map((n) => n.text).join(SEGMENT_SEPARATOR);
  return { text, lower: text.toLowerCase(), segStarts, norms, transcript };
}

/** Index of the segment containing document offset `pos` (binary search). */
export function segmentAt(doc: PiiDocument, pos: number): number {
  let lo = 0;
  let hi = doc.segStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (doc.segStarts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Up to `n` lower-case characters before `pos` (crossing turns on purpose). */
export function before(doc: PiiDocument, pos: number, n: number): string {
  return doc.lower.slice(Math.max(0, pos - n), pos);
}

export function after(doc: PiiDocument, pos: number, n: number): string {
  return doc.lower.slice(pos, pos + n);
}

/** A run of digit groups: "4556, 7375, 8689, 9855" or "07700 900 123" or "12-34-56". */
export interface DigitRun {
  start: number;
  end: number;
  groups: { start: number; end: number; digits: string }[];
  digits: string;
}

// Groups may be separated by spaces, one hyphen/dot/comma/slash, a comma and a space ("four five, six")
// or a closing parenthesis ("(555) 234-5678").
const RUN_RE = /\d+(?:(?:\)?[ \t]*[-.,/]?[ \t]*)\d+)*/g;

export function digitRuns(doc: PiiDocument): DigitRun[] {
  const runs: DigitRun[] = [];
  for (const m of doc.text.matchAll(RUN_RE)) {
    const groups: DigitRun['groups'] = [];
    for (const g of m[0].matchAll(/\d+/g)) {
      groups.push({ start: m.index + g.index, end: m.index + g.index + g[0].length, digits: g[0] });
    }
    runs.push({ start: m.index, end: m.index + m[0].length, groups, digits: groups.map((g) => g.digits).join('') });
  }
  return runs;
}

/** "84 pounds", "£120", "$5.50": amounts are never card numbers, PINs or CVVs. */
export function isMoney(doc: PiiDocument, start: number, end: number): boolean {
  if (/[£$€]\s*$/.test(doc.text.slice(Math.max(0, start - 2), start))) return true;
  return /^\s*(pounds?|quid|pence|p\b|dollars?|bucks|cents?|euros?|gbp|usd|eur|percent|%)/.test(after(doc, end, 12));
}
