import {
  MONTHS,
  MONTH_NAMES,
  ORDINAL_UNITS,
  REPEATERS,
  SCALES,
  TEENS,
  TENS,
  UNITS,
  isNumberWord,
} from './number-words.js';

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

interface Token {
  start: number;
  end: number;
  raw: string;
  lower: string;
}

const TOKEN_RE = /[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:st|nd|rd|th)?/g;

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, raw: m[0], lower: m[0].toLowerCase() });
  }
  return out;
}

/** Tokens i and j (j = i+1) belong to one spoken phrase when only spaces or a hyphen separate them. */
function joined(text: string, a: Token, b: Token, allowComma = false): boolean {
  const sep = text.slice(a.end, b.start);
  return allowComma ? /^[ \t]*[,-]?[ \t]*$/.test(sep) : /^[ \t]*-?[ \t]*$/.test(sep);
}

interface Parsed {
  /** Index of the first token after the phrase. */
  next: number;
  value: string;
}

/**
 * A cardinal with a scale word: "one hundred and twenty", "two thousand and five", "a hundred".
 * Returns null when the tokens at i do not start one.
 */
function parseCardinal(toks: Token[], text: string, i: number, limit: number): Parsed | null {
  let total = 0;
  let current = 0;
  let last: 'none' | 'unit' | 'teen' | 'tens' | 'scale' | 'and' = 'none';
  let sawScale = false;
  let k = i;
  let lastGood = -1;
  let lastGoodValue = 0;
  for (; k < limit; k++) {
    const w = toks[k]!.lower;
    if (k > i && !joined(text, toks[k - 1]!, toks[k]!)) break;
    if (w === 'a' && k === i) {
      current = 1;
      last = 'unit';
      continue;
    }
    if (w === 'and') {
      if (last !== 'scale') break;
      last = 'and';
      continue;
    }
    const unit = UNITS.get(w);
    const teen = TEENS.get(w);
    const tens = TENS.get(w);
    const scale = SCALES.get(w);
    if (unit !== undefined && (last === 'none' || last === 'scale' || last === 'and' || last === 'tens')) {
      current += unit;
      last = 'unit';
    } else if (teen !== undefined && (last === 'none' || last === 'scale' || last === 'and')) {
      current += teen;
      last = 'teen';
    } else if (tens !== undefined && (last === 'none' || last === 'scale' || last === 'and')) {
      current += tens;
      last = 'tens';
    } else if (scale === 100 && current > 0 && current < 100 && last !== 'scale') {
      current *= 100;
      last = 'scale';
      sawScale = true;
    } else if (scale !== undefined && scale >= 1000 && last !== 'and' && last !== 'none') {
      total += (current || 1) * scale;
      current = 0;
      last = 'scale';
      sawScale = true;
    } else {
      break;
    }
    // Only a number word ends a good parse: "one hundred and" stops before the dangling "and".
    lastGood = k;
    lastGoodValue = total + current;
  }
  if (!sawScale || lastGood < 0) return null;
  return { next: lastGood + 1, value: String(lastGoodValue) };
}

/**
 * A run of number words without scale words, read the way people read codes: each item is a digit
 * ("four"), a repeated digit ("double four"), a teen or a tens pair ("nineteen", "eighty five"); items
 * are concatenated ("nineteen eighty five" → 1985, "four five five six" → 4556). "oh" is a zero only
 * inside such a run, and a run that only has "oh" plus one digit is left alone ("oh two" is not 02).
 */
function parseDigitRun(toks: Token[], text: string, i: number, limit: number): Parsed | null {
  let k = i;
  let digits = '';
  let sawOh = false;
  while (k < limit) {
    if (k > i && !joined(text, toks[k - 1]!, toks[k]!)) break;
    const w = toks[k]!.lower;
    const next = toks[k + 1];
    const rep = REPEATERS.get(w);
    if (rep !== undefined) {
      const d = next && joined(text, toks[k]!, next) ? digitOf(next.lower) : null;
      if (d === null) break;
      digits += d.repeat(rep);
      k += 2;
      continue;
    }
    if (w === 'oh') {
      sawOh = true;
      digits += '0';
      k += 1;
      continue;
    }
    const unit = UNITS.get(w);
    if (unit !== undefined) {
      digits += String(unit);
      k += 1;
      continue;
    }
    const teen = TEENS.get(w);
    if (teen !== undefined) {
      digits += String(teen);
      k += 1;
      continue;
    }
    const tens = TENS.get(w);
    if (tens !== undefined) {
      const u = next && joined(text, toks[k]!, next) ? UNITS.get(next.lower) : undefined;
      if (u !== undefined && u > 0) {
        digits += String(tens + u);
        k += 2;
      } else {
        digits += String(tens);
        k += 1;
      }
      continue;
    }
    break;
  }
  if (k === i || digits === '') return null;
  // A run opening with "oh" needs three digits ("oh two" stays words); after a digit it is a zero ("four oh").
  if (sawOh && digits.length < 3 && toks[i]!.lower === 'oh') return null;
  return { next: k, value: digits };
}

function digitOf(w: string): string | null {
  if (w === 'oh') return '0';
  const u = UNITS.get(w);
  return u === undefined ? null : String(u);
}

/** Parse any number phrase at i: cardinals with scales first, then digit runs. */
function parseNumber(toks: Token[], text: string, i: number, limit = toks.length): Parsed | null {
  const w = toks[i]!.lower;
  if (!isNumberWord(w) && w !== 'a') return null;
  if (w === 'oh') {
    // "Oh great" is an interjection; only a zero when another number word follows directly.
    const n = toks[i + 1];
    if (!n || !joined(text, toks[i]!, n) || !isNumberWord(n.lower) || n.lower === 'oh') return null;
  }
  const cardinal = parseCardinal(toks, text, i, limit);
  const run = w === 'a' ? null : parseDigitRun(toks, text, i, limit);
  // Prefer whichever consumed more: "one hundred and twenty" (cardinal) vs "four five five six" (run).
  if (cardinal && (!run || cardinal.next >= run.next)) {
    // A run continuing after the cardinal ("one hundred two three") keeps the cardinal's reading.
    return cardinal;
  }
  return run;
}

/** Day of month from "twelfth", "twenty first", "twenty-first", "12th". */
function parseOrdinalDay(toks: Token[], text: string, i: number): Parsed | null {
  const t = toks[i];
  if (!t) return null;
  const num = /^(\d{1,2})(st|nd|rd|th)$/.exec(t.lower);
  if (num) {
    const d = Number(num[1]);
    return d >= 1 && d <= 31 ? { next: i + 1, value: String(d) } : null;
  }
  const ord = ORDINAL_UNITS.get(t.lower);
  if (ord !== undefined) return { next: i + 1, value: String(ord) };
  const tens = TENS.get(t.lower);
  const n = toks[i + 1];
  if ((tens === 20 || tens === 30) && n && joined(text, t, n)) {
    const u = ORDINAL_UNITS.get(n.lower);
    if (u !== undefined && u < 10 && tens + u <= 31) return { next: i + 2, value: String(tens + u) };
  }
  return null;
}

/** A plain day number ("12 March", "March twelve"). */
function parsePlainDay(toks: Token[], text: string, i: number): Parsed | null {
  const t = toks[i];
  if (!t) return null;
  if (/^\d{1,2}$/.test(t.lower)) {
    const d = Number(t.lower);
    return d >= 1 && d <= 31 ? { next: i + 1, value: String(d) } : null;
  }
  // Only one or two words ("twelve", "twenty one"): a longer run is a code or a year, not a day.
  const single = UNITS.get(t.lower) ?? TEENS.get(t.lower);
  if (single !== undefined) return single >= 1 ? { next: i + 1, value: String(single) } : null;
  const tens = TENS.get(t.lower);
  if (tens === 20 || tens === 30) {
    const n = toks[i + 1];
    const u = n && joined(text, t, n) ? UNITS.get(n.lower) : undefined;
    if (u !== undefined && u > 0 && tens + u <= 31) return { next: i + 2, value: String(tens + u) };
    return { next: i + 1, value: String(tens) };
  }
  return null;
}

/** "May", "Mar", "Dec"... double as ordinary words, so short or ambiguous names must be capitalised. */
function monthAt(toks: Token[], i: number): number | null {
  const t = toks[i];
  if (!t) return null;
  const m = MONTHS.get(t.lower);
  if (m === undefined) return null;
  const ambiguous = t.lower.length <= 4 && t.lower !== 'june' && t.lower !== 'july';
  if (ambiguous && !/^[A-Z]/.test(t.raw)) return null;
  return m;
}

function parseYear(toks: Token[], text: string, i: number): Parsed | null {
  const t = toks[i];
  if (!t) return null;
  if (/^(19|20)\d\d$/.test(t.lower)) return { next: i + 1, value: t.lower };
  const p = parseNumber(toks, text, i);
  return p && /^(19|20)\d\d$/.test(p.value) ? p : null;
}

interface DateMatch {
  next: number;
  day: number;
  month: number;
  year: number | null;
}

function parseDate(toks: Token[], text: string, i: number): DateMatch | null {
  const withYear = (next: number, day: number, month: number): DateMatch => {
    const y = toks[next] && joined(text, toks[next - 1]!, toks[next]!, true) ? parseYear(toks, text, next) : null;
    return { next: y ? y.next : next, day, month, year: y ? Number(y.value) : null };
  };
  const link = (a: number, b: number): boolean => !!toks[a] && !!toks[b] && joined(text, toks[a], toks[b], true);

  // DAY [of] MONTH [YEAR]: "twelfth of March nineteen eighty five", "3rd October", "12 March".
  const day = parseOrdinalDay(toks, text, i) ?? parsePlainDay(toks, text, i);
  if (day && link(day.next - 1, day.next)) {
    let k = day.next;
    if (toks[k]?.lower === 'of' && link(k, k + 1)) k += 1;
    const month = monthAt(toks, k);
    const plain = !parseOrdinalDay(toks, text, i);
    // A plain cardinal day needs the month right after it ("12 March"), not "twelve of March".
    if (month !== null && !(plain && k !== day.next)) return withYear(k + 1, Number(day.value), month);
  }
  // MONTH [the] DAY [YEAR]: "March the twelfth", "March 12th, 1985", "March twelve".
  const month = monthAt(toks, i);
  if (month !== null && link(i, i + 1)) {
    let k = i + 1;
    const hasThe = toks[k]?.lower === 'the' && link(k, k + 1);
    if (hasThe) k += 1;
    const d = parseOrdinalDay(toks, text, k) ?? (hasThe ? null : parsePlainDay(toks, text, k));
    if (d) return withYear(d.next, Number(d.value), month);
  }
  return null;
}

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
