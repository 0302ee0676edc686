import { ORDINAL_UNITS } from './number-words.js';
import { normalizeSpokenNumbers, toOriginalSpan } from './spoken-numbers.js';

/**
 * Words of a quote or a transcript line in one canonical form, each tied to its characters in the
 * original text. Both sides of the evidence check go through this, so "I've refunded £84 on the 3rd
 * of October" and "I have refunded eighty-four pounds on the third of October" become the same token
 * list: case and punctuation dropped, contractions expanded, spoken numbers and dates as numerals
 * (main/text's spoken-number grammar, whose offset map ties "84" back to "eighty-four"), currency
 * symbols as words, ordinals as numbers, fillers (um, uh, er) gone.
 */
export interface QuoteToken {
  /** Canonical form: what matching compares. */
  norm: string;
  /** The characters of the original text this token came from (a spoken number: the whole phrase). */
  start: number;
  end: number;
}

const FILLERS = new Set(['um', 'umm', 'uh', 'uhh', 'uhm', 'er', 'erm', 'ah', 'eh', 'hmm', 'hm', 'mm', 'mmm']);

/** Whole-word contractions whose expansion is not "stem + suffix" (won't → will not). */
const IRREGULAR: ReadonlyMap<string, readonly string[]> = new Map([
  ["won't", ['will', 'not']], ["can't", ['can', 'not']], ["shan't", ['shall', 'not']], ["ain't", ['is', 'not']],
  ["let's", ['let', 'us']], ["y'all", ['you', 'all']], ['cannot', ['can', 'not']], ['gonna', ['going', 'to']],
  ['wanna', ['want', 'to']], ["o'clock", ['oclock']],
]);
/** "'s" is "is" after these; elsewhere it is a possessive and is dropped ("customer's" → customer). */
const IS_BEFORE_S = new Set(['it', 'that', 'there', 'here', 'what', 'who', 'he', 'she', 'where', 'how', 'this', 'everything', 'nothing', 'something']);
const SUFFIXES: readonly [string, string][] = [["n't", 'not'], ["'re", 'are'], ["'ve", 'have'], ["'ll", 'will'], ["'m", 'am'], ["'d", 'would']];

const CURRENCY: Readonly<Record<string, string>> = { '£': 'pound', $: 'dollar', '€': 'euro' };
/** Unit words in one form: "pounds"/"quid" and "£" meet at "pound". */
const UNIT_WORDS: ReadonlyMap<string, string> = new Map([
  ['pounds', 'pound'], ['quid', 'pound'], ['gbp', 'pound'], ['dollars', 'dollar'], ['usd', 'dollar'], ['bucks', 'dollar'],
  ['euros', 'euro'], ['eur', 'euro'], ['pence', 'p'], ['cents', 'cent'],
]);

function expandWord(w: string): readonly string[] {
  const irregular = IRREGULAR.get(w);
  if (irregular) return irregular;
  if (!w.includes("'")) return [w];
  if (w.endsWith("'s")) {
    const stem = w.slice(0, -2);
    return IS_BEFORE_S.has(stem) ? [stem, 'is'] : [stem];
  }
  for (const [suffix, word] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length > suffix.length) return [w.slice(0, -suffix.length), word];
  }
  return [w.replace(/'/g, '')];
}

function canonicalWord(w: string): string {
  const ordinal = ORDINAL_UNITS.get(w);
  return ordinal !== undefined ? String(ordinal) : UNIT_WORDS.get(w) ?? w;
}

// A money amount, a number (thousands commas, decimals, ordinal suffix, percent) or a word.
const TOKEN_RE = /([£$€])?(\d[\d,]*(?:\.\d+)?)(st|nd|rd|th)?(%)?|[\p{L}]+(?:'[\p{L}]+)*/gu;

/** Canonical tokens of a text, in order, each with its span in the original text. */
export function quoteTokens(original: string): QuoteToken[] {
  // Curly apostrophes and dashes first (same length, so offsets are unchanged), then spoken numbers.
  const plain = original.replace(/[’‘`]/g, "'").replace(/[‐‑‒–—]/g, '-');
  const nt = normalizeSpokenNumbers(plain);
  const out: QuoteToken[] = [];
  const identical = nt.pieces.every((p) => p.identity);
  for (const m of nt.text.matchAll(TOKEN_RE)) {
    // Without spoken numbers the normalised text is the original: no offset map to consult.
    const span = identical ? { start: m.index, end: m.index + m[0].length } : toOriginalSpan(nt, m.index, m.index + m[0].length);
    if (m[2] !== undefined) {
      const n = m[2].replace(/,/g, '').replace(/\.0+$/, '');
      pushDigits(original, n, span, out);
      if (m[4]) out.push({ norm: 'percent', ...span });
      if (m[1]) out.push({ norm: CURRENCY[m[1]]!, ...span });
      continue;
    }
    const lower = m[0].toLowerCase();
    const parts = lower.includes("'") || IRREGULAR.has(lower) ? expandWord(lower) : null;
    if (!parts) {
      // The common case: a plain word, one token.
      if (!FILLERS.has(lower)) out.push({ norm: canonicalWord(lower), start: span.start, end: span.end });
      continue;
    }
    for (const part of parts) if (part !== '' && !FILLERS.has(part)) out.push({ norm: canonicalWord(part), start: span.start, end: span.end });
  }
  // "per cent" is one word in the canonical form.
  for (let i = out.length - 2; i >= 0; i--) {
    if (out[i]!.norm === 'per' && out[i + 1]!.norm === 'cent') out.splice(i, 2, { norm: 'percent', start: out[i]!.start, end: out[i + 1]!.end });
  }
  return out;
}

/**
 * A whole number is one token per digit, so a quote of part of a read-out code ("four four seven")
 * still lines up with the call's "four four seven one two", and "84" meets "eighty four" digit by
 * digit. When the call spoke one word per digit, each digit keeps its own word's span.
 */
function pushDigits(original: string, n: string, span: { start: number; end: number }, out: QuoteToken[]): void {
  if (!/^\d+$/.test(n)) {
    out.push({ norm: n, ...span });
    return;
  }
  const phrase = original.slice(span.start, span.end);
  const spoken = [...phrase.matchAll(/[A-Za-z]+/g)];
  const perWord = spoken.length === n.length && !/\d/.test(phrase);
  for (let i = 0; i < n.length; i++) {
    const w = perWord ? spoken[i]! : null;
    out.push(w ? { norm: n[i]!, start: span.start + w.index, end: span.start + w.index + w[0].length } : { norm: n[i]!, ...span });
  }
}

/** The old, strict form of a word: lower case, letters, digits and apostrophes only. */
export const strictWord = (w: string) => w.toLowerCase().replace(/[’‘]/g, "'").replace(/[^\p{L}\p{N}']+/gu, '').replace(/^'+|'+$/g, '');
export const strictWords = (text: string) => text.split(/\s+/).map(strictWord).filter((w) => w !== '');
