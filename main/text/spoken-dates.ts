import { MONTHS, ORDINAL_UNITS, TEENS, TENS, UNITS } from './number-words.js';
import { joined, parseNumber, type Parsed, type Token } from './number-grammar.js';

/** Spoken dates over word tokens: "twelfth of March nineteen eighty five", "March the twelfth". */

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

export interface DateMatch {
  next: number;
  day: number;
  month: number;
  year: number | null;
}

export function parseDate(toks: Token[], text: string, i: number): DateMatch | null {
  const withYear = (next: number, day: number, month: number): DateMatch => {
    const y = toks[next] && joined(text, toks[next - 1]!, toks[next], true) ? parseYear(toks, text, next) : null;
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
