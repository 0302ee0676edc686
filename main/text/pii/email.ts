import { before, type PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/**
 * Email addresses, written ("maria.lopez@example.com") or spoken ("maria dot lopez at gmail dot com",
 * "j o h n at outlook dot co dot uk"). A spoken one needs email words nearby or an unmistakable shape
 * (dots or digits in the local part), because "look at amazon dot com" is not an address.
 */
// The local part starts where its run of address characters starts (the lookbehind) and is at most 64
// characters (RFC 5321): without both, a long run with no "@" is rescanned from every position (quadratic).
const WRITTEN_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const CONNECTOR = String.raw`(?:dot|underscore|dash|hyphen|point)`;
const LOCAL = String.raw`(?:(?:[a-z0-9]\s+){1,30}[a-z0-9]\b|[a-z0-9]+(?:\s+${CONNECTOR}\s+[a-z0-9]+)*)`;
const DOMAIN = String.raw`[a-z0-9]+(?:\s+(?:dot|dash|hyphen)\s+[a-z0-9]+)*?`;
// Two-part endings first: the alternation takes the first that fits, and "org dot uk" must beat "org".
const TLD = String.raw`(?:co\s+dot\s+uk|org\s+dot\s+uk|ac\s+dot\s+uk|gov\s+dot\s+uk|com|net|org|uk|io|ie|edu|gov|info|biz|me|de|fr|es|us|ca|au)`;
const SPOKEN_RE = new RegExp(String.raw`\b(${LOCAL})\s+(?:at|at sign|at symbol)\s+${DOMAIN}\s+dot\s+${TLD}\b`, 'g');
const EMAIL_CONTEXT = /e-?mail|\baddress\b|contact/;

export function detectEmails(doc: PiiDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of doc.text.matchAll(WRITTEN_RE)) {
    out.push({ category: 'email', docStart: m.index, docEnd: m.index + m[0].length, confidence: 0.95 });
  }
  for (const m of doc.lower.matchAll(SPOKEN_RE)) {
    const local = m[1]!;
    const shaped = new RegExp(String.raw`\s${CONNECTOR}\s|\d|^(?:[a-z0-9]\s+)+[a-z0-9]$`).test(local);
    const ctx = EMAIL_CONTEXT.test(before(doc, m.index, 150));
    if (!shaped && !ctx) continue;
    out.push({ category: 'email', docStart: m.index, docEnd: m.index + m[0].length, confidence: ctx ? 0.85 : 0.65 });
  }
  return out;
}
