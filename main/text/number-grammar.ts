import { REPEATERS, SCALES, TEENS, TENS, UNITS, isNumberWord } from './number-words.js';

/**
 * The grammar of spoken numbers over word tokens: cardinals with scale words ("one hundred and twenty")
 * and digit runs the way people read out codes ("four five five six", "double four", "oh seven").
 */

export interface Token {
  start: number;
  end: number;
  raw: string;
  lower: string;
}

const TOKEN_RE = /[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:st|nd|rd|th)?/g;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const start = m.index;
    out.push({ start, end: start + m[0].length, raw: m[0], lower: m[0].toLowerCase() });
  }
  return out;
}

/** Tokens i and j (j = i+1) belong to one spoken phrase when only spaces or a hyphen separate them. */
export function joined(text: string, a: Token, b: Token, allowComma = false): boolean {
  const sep = text.slice(a.end, b.start);
  return allowComma ? /^[ \t]*[,-]?[ \t]*$/.test(sep) : /^[ \t]*-?[ \t]*$/.test(sep);
}

export interface Parsed {
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
export function parseNumber(toks: Token[], text: string, i: number, limit = toks.length): Parsed | null {
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
