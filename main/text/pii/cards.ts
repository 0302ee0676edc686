import { before, digitRuns, isMoney, type DigitRun, type PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/**
 * Payment cards and their security codes. A card number is 13-19 digits (spoken or written, in groups),
 * passes the Luhn check and starts like a real card scheme (2-6). Reference, order and account numbers
 * that happen to pass Luhn are rejected when the words just before them name them as such.
 */

const CARD_CONTEXT = /\b(card|long number|visa|master ?card|amex|american express|maestro|debit|credit|expiry|expires)\b/;
const REFERENCE_CONTEXT =
  /\b(order|reference|ref|invoice|tracking|booking|policy|case|ticket|confirmation|membership|account|customer number|meter|serial|mpan|mprn|parcel|claim)\b/;
const CVV_CONTEXT =
  /(security code|security number|\bcvv|\bcvc|\bcv2|\bcsc\b|three digits|3 digits|digits on the back|back of the card|card verification)/;

export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** Card schemes start with 2 (Mastercard 2-series), 3 (Amex, Diners, JCB), 4 (Visa), 5 (Mastercard), 6. */
const plausiblePrefix = (digits: string): boolean => /^[2-6]/.test(digits);

interface CardCandidate {
  start: number;
  end: number;
  digits: string;
  luhn: boolean;
}

/** Most cards are 16 digits, then 15 (Amex); a valid 16 beats a 19 that swallowed the CVV read after it. */
const LENGTH_PREFERENCE = [16, 15, 13, 14, 17, 18, 19];
/** After the card, the same run may carry an expiry and a security code, but not a whole other number. */
const MAX_TRAILING_DIGITS = 7;

/** The card number at the start of a run of digit groups, if any. */
function cardInRun(run: DigitRun): CardCandidate | null {
  const found: CardCandidate[] = [];
  let digits = '';
  for (let e = 0; e < run.groups.length; e++) {
    digits += run.groups[e]!.digits;
    if (digits.length > 19) break;
    if (digits.length < 13 || !plausiblePrefix(digits)) continue;
    if (run.digits.length - digits.length > MAX_TRAILING_DIGITS) continue;
    found.push({ start: run.groups[0]!.start, end: run.groups[e]!.end, digits, luhn: luhnValid(digits) });
  }
  const rank = (c: CardCandidate) => LENGTH_PREFERENCE.indexOf(c.digits.length);
  const valid = found.filter((c) => c.luhn).sort((a, b) => rank(a) - rank(b));
  if (valid[0]) return valid[0];
  return found.find((c) => c.digits.length === 16 || c.digits.length === 15) ?? null;
}

export function detectCards(doc: PiiDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of digitRuns(doc)) {
    if (run.digits.length < 13) continue;
    const cand = cardInRun(run);
    if (!cand || isMoney(doc, cand.start, cand.end)) continue;
    const near = before(doc, cand.start, 60);
    const wide = before(doc, cand.start, 250);
    const cardNear = CARD_CONTEXT.test(near);
    // "your order number is 4111..." names the number as something else: not a card.
    if (REFERENCE_CONTEXT.test(near) && !cardNear) continue;
    if (cand.luhn) {
      out.push({ category: 'card_number', docStart: cand.start, docEnd: cand.end, confidence: CARD_CONTEXT.test(wide) ? 0.95 : 0.75 });
    } else if (CARD_CONTEXT.test(before(doc, cand.start, 120))) {
      // One misheard digit breaks Luhn; with the card asked for just before, still treat it as a card.
      out.push({ category: 'card_number', docStart: cand.start, docEnd: cand.end, confidence: 0.45 });
    }
  }
  return out;
}

/**
 * CVV: a lone 3-4 digit number after "security code / CVV / three digits on the back", or right after a
 * card number (people read it out straight after the long number).
 */
export function detectCvv(doc: PiiDocument, cards: readonly RawFinding[]): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of digitRuns(doc)) {
    // "4556 7375 8689 9855 123": the code read straight on after the card, in the same run of digits.
    const last = run.groups[run.groups.length - 1]!;
    const prev = run.groups[run.groups.length - 2];
    if (prev && last.digits.length >= 3 && last.digits.length <= 4 && cards.some((c) => c.docEnd === prev.end)) {
      out.push({ category: 'cvv', docStart: last.start, docEnd: last.end, confidence: 0.7 });
      continue;
    }
    if (run.groups.length !== 1 || run.digits.length < 3 || run.digits.length > 4) continue;
    if (isMoney(doc, run.start, run.end)) continue;
    const ctx = before(doc, run.start, 80);
    if (CVV_CONTEXT.test(ctx)) {
      out.push({ category: 'cvv', docStart: run.start, docEnd: run.end, confidence: 0.9 });
      continue;
    }
    const prevCard = cards.find((c) => c.docEnd <= run.start && run.start - c.docEnd <= 40);
    if (prevCard) {
      const between = doc.lower.slice(prevCard.docEnd, run.start);
      if (!/\d/.test(between) && !/expir|valid|until|date/.test(between)) {
        out.push({ category: 'cvv', docStart: run.start, docEnd: run.end, confidence: 0.7 });
      }
    }
  }
  return out;
}
