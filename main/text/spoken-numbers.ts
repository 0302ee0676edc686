import { MONTHS, MONTH_NAMES, ORDINAL_UNITS, isNumberWord } from './number-words.js';
import { parseDate } from './spoken-dates.js';
import { parseNumber, tokenize } from './number-grammar.js';

/**
 * Spoken-number normalisation. Speech-to-text writes what people say ("four five five six", "twelfth
 * of March"), while detectors and rules want digits and dates. We rewrite number words into digits and
 * spoken dates into "12 March 1985", and keep a piece map from the normalised text back to the
 * original so a span found in the normalised text can be highlighted, redacted or timed in the
 * original transcript.
 */

/** One stretch of the output: either copied verbatim (identity) or a replacement for a whole span. */
export interface OffsetPiece {
  normStart: number;
  normEnd: number;
  origStart: number;
  origEnd: number;
  identity: boolean;
}

export interface SpokenDate {
  normStart: number;
  normEnd: number;
  origStart: number;
  origEnd: number;
  day: number;
  month: number;
  year: number | null;
}

export interface NormalizedText {
  original: string;
  text: string;
  pieces: OffsetPiece[];
  dates: SpokenDate[];
}

const mayStartNumberOrDate = (w: string) => w === 'a' || isNumberWord(w) || ORDINAL_UNITS.has(w) || MONTHS.has(w) || (w.charCodeAt(0) >= 48 && w.charCodeAt(0) <= 57);

/** Normalise spoken numbers and dates in one string (a segment's text). Linear in the text length. */
export function normalizeSpokenNumbers(original: string): NormalizedText {
  const toks = tokenize(original);
  const pieces: OffsetPiece[] = [];
  const dates: SpokenDate[] = [];
  let out = '';
  let copiedTo = 0;

  const replace = (origStart: number, origEnd: number, value: string): { normStart: number; normEnd: number } => {
    if (origStart > copiedTo) {
      pieces.push({
        normStart: out.length,
        normEnd: out.length + (origStart - copiedTo),
        origStart: copiedTo,
        origEnd: origStart,
        identity: true,
      });
      out += original.slice(copiedTo, origStart);
    }
    const normStart = out.length;
    out += value;
    pieces.push({ normStart, normEnd: out.length, origStart, origEnd, identity: false });
    copiedTo = origEnd;
    return { normStart, normEnd: out.length };
  };

  let i = 0;
  while (i < toks.length) {
    // Most words start neither a number nor a date: one lookup instead of both parsers.
    if (!mayStartNumberOrDate(toks[i]!.lower)) {
      i += 1;
      continue;
    }
    const date = parseDate(toks, original, i);
    if (date) {
      const origStart = toks[i]!.start;
      const origEnd = toks[date.next - 1]!.end;
      const value = `${date.day} ${MONTH_NAMES[date.month - 1]}${date.year ? ` ${date.year}` : ''}`;
      const span = replace(origStart, origEnd, value);
      dates.push({ ...span, origStart, origEnd, day: date.day, month: date.month, year: date.year });
      i = date.next;
      continue;
    }
    const num = parseNumber(toks, original, i);
    if (num) {
      replace(toks[i]!.start, toks[num.next - 1]!.end, num.value);
      i = num.next;
      continue;
    }
    i += 1;
  }
  if (copiedTo < original.length) {
    pieces.push({
      normStart: out.length,
      normEnd: out.length + (original.length - copiedTo),
      origStart: copiedTo,
      origEnd: original.length,
      identity: true,
    });
    out += original.slice(copiedTo);
  }
  return { original, text: out, pieces, dates };
}

function pieceAt(pieces: OffsetPiece[], pos: number): OffsetPiece | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const p = pieces[mid]!;
    if (pos < p.normStart) hi = mid - 1;
    else if (pos >= p.normEnd) lo = mid + 1;
    else return p;
  }
  return undefined;
}

/**
 * Map a [normStart, normEnd) span of the normalised text back to the original text. A span that
 * touches part of a replacement ("4556" out of "four five five six") widens to the whole spoken phrase,
 * because the original has no finer boundary to offer.
 */
export function toOriginalSpan(nt: NormalizedText, normStart: number, normEnd: number): { start: number; end: number } {
  if (nt.pieces.length === 0) return { start: 0, end: 0 };
  const a = pieceAt(nt.pieces, Math.min(normStart, nt.text.length - 1));
  const b = pieceAt(nt.pieces, Math.max(normEnd - 1, 0));
  const start = !a ? nt.original.length : a.identity ? a.origStart + (normStart - a.normStart) : a.origStart;
  const end = !b ? nt.original.length : b.identity ? b.origStart + (normEnd - b.normStart) : b.origEnd;
  return { start, end: Math.max(start, end) };
}
