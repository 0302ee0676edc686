import { before, digitRuns, isMoney, type PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/**
 * Bank details: UK sort codes (6 digits, "12-34-56"), account numbers (UK 8 digits, US 6-17 digits with
 * checking/savings/routing words) and IBANs. A bare "account number" in a call centre is usually the
 * customer's account with the company, which is not bank data, so account numbers need bank words.
 */

const SORT_CONTEXT = /sort ?-?code/;
const BANK_CONTEXT = /\b(bank|banking|sort ?code|direct debit|building society|iban|routing|checking|savings|standing order)\b/;
const ACCOUNT_CONTEXT = /\b(account number|account no|acc no|account)\b/;
const US_ACCOUNT_CONTEXT = /\b(routing|checking|savings)\b/;

/** ISO 13616 mod-97 check, so "GB82 WEST..." is an IBAN and a random code is not. */
export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const moved = s.slice(4) + s.slice(0, 4);
  let rem = 0;
  for (const ch of moved) {
    const v = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rem = (rem * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rem === 1;
}

export function detectBank(doc: PiiDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const run of digitRuns(doc)) {
    if (isMoney(doc, run.start, run.end)) continue;
    const near = before(doc, run.start, 60);
    const wide = before(doc, run.start, 250);
    let rest = run.groups;
    if (SORT_CONTEXT.test(near)) {
      // The sort code may be followed straight away by the account number in the same run of digits.
      let digits = '';
      let k = 0;
      while (k < run.groups.length && digits.length < 6) digits += run.groups[k++]!.digits;
      if (digits.length === 6) {
        out.push({ category: 'sort_code', docStart: run.start, docEnd: run.groups[k - 1]!.end, confidence: 0.9 });
        rest = run.groups.slice(k);
      }
    } else if (/^\d\d-\d\d-\d\d$/.test(doc.text.slice(run.start, run.end))) {
      out.push({ category: 'sort_code', docStart: run.start, docEnd: run.end, confidence: BANK_CONTEXT.test(wide) ? 0.85 : 0.6 });
      continue;
    }
    if (rest.length === 0) continue;
    const digits = rest.map((g) => g.digits).join('');
    const start = rest[0]!.start;
    const end = rest[rest.length - 1]!.end;
    if (digits.length === 8 && BANK_CONTEXT.test(wide) && (ACCOUNT_CONTEXT.test(before(doc, start, 120)) || rest !== run.groups)) {
      out.push({ category: 'bank_account', docStart: start, docEnd: end, confidence: 0.85 });
    } else if (digits.length >= 6 && digits.length <= 17 && US_ACCOUNT_CONTEXT.test(before(doc, start, 80)) && ACCOUNT_CONTEXT.test(before(doc, start, 80))) {
      out.push({ category: 'bank_account', docStart: start, docEnd: end, confidence: 0.7 });
    }
  }
  for (const m of doc.text.matchAll(/\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g)) {
    if (ibanValid(m[0])) out.push({ category: 'bank_account', docStart: m.index, docEnd: m.index + m[0].length, confidence: 0.95 });
  }
  return out;
}
