import { before, digitRuns, type PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/**
 * National identifiers: UK National Insurance numbers ("AB 12 34 56 C", letters often spelled out with
 * spaces) and US Social Security numbers ("123-45-6789", or nine digits after "social security").
 */

const NI_CONTEXT = /national insurance|\bn ?i number|\bni\b/;
const SSN_CONTEXT = /social security|\bssn\b|\bs s n\b|\bsocial\b/;
// HMRC never issues these prefixes, and D, F, I, Q, U, V never appear as either prefix letter.
const NI_BAD_PREFIX = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);
const NI_RE = /\b([A-CEGHJ-PR-TW-Z]) ?([A-CEGHJ-NPR-TW-Z]) ?((?:\d ?){5}\d) ?([A-D])\b/gi;

export function validSsn(d: string): boolean {
  if (!/^\d{9}$/.test(d)) return false;
  const area = d.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && d.slice(3, 5) !== '00' && d.slice(5) !== '0000';
}

export function detectNationalIds(doc: PiiDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of doc.text.matchAll(NI_RE)) {
    const prefix = `${m[1]}${m[2]}`.toUpperCase();
    if (NI_BAD_PREFIX.has(prefix)) continue;
    const ctx = NI_CONTEXT.test(before(doc, m.index, 120));
    // Lower-case letters are ordinary words far more often than a spelled-out NI number.
    const upper = m[0] === m[0].toUpperCase();
    if (!upper && !ctx) continue;
    out.push({ category: 'national_id', docStart: m.index, docEnd: m.index + m[0].length, confidence: ctx ? 0.95 : 0.75 });
  }
  for (const run of digitRuns(doc)) {
    if (run.digits.length !== 9 || !validSsn(run.digits)) continue;
    const raw = doc.text.slice(run.start, run.end);
    const ctx = SSN_CONTEXT.test(before(doc, run.start, 100));
    const shaped = /^\d{3}[- ]\d{2}[- ]\d{4}$/.test(raw);
    if (!ctx && !shaped) continue;
    if (!ctx && !raw.includes('-')) continue; // "123 45 6789" alone could be anything
    out.push({ category: 'national_id', docStart: run.start, docEnd: run.end, confidence: ctx ? 0.9 : 0.75 });
  }
  return out;
}
