import { before, type PiiDocument } from './document.js';
import type { RawFinding } from './types.js';

/**
 * Where people live: full UK postcodes ("SW1A 1AA", or spelled "S W 1 A 1 A A"), US ZIP codes next to
 * "zip" or a state code, and street addresses ("12 Baker Street"). An outward code alone ("SW1A") names a
 * district of thousands of homes, so it is not flagged.
 */
// Spelled out, a pause (comma) often separates the outward and inward halves: "S W 1 A, 1 A A".
const POSTCODE_RE = /\b[A-Z](?: ?[A-Z])? ?\d(?: ?[A-Z\d])?,? ?\d ?[A-Z] ?[A-Z]\b/g;
const POSTCODE_SHAPE = /^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/;
const POSTCODE_CONTEXT = /post ?code|postal code|\baddress\b|\blive\b/;
const ZIP_RE = /\b\d{5}(?:-\d{4})?\b/g;
const STATE_BEFORE = /,?\s[A-Z]{2},?\s$/;
const SUFFIX =
  'street|st|road|rd|avenue|ave|lane|ln|drive|dr|close|court|ct|crescent|way|place|pl|boulevard|blvd|terrace|gardens|grove|square|sq|mews|row|walk|hill|parade|highway|hwy';
const STREET_RE = new RegExp(String.raw`\b(\d{1,5}[A-Za-z]?),?[ \t]+((?:[A-Za-z][A-Za-z'-]*[ \t]+){1,3}?)(?:${SUFFIX})\b\.?`, 'gi');
const ADDRESS_CONTEXT = /\baddress\b|live at|living at|first line|house number|moved to|flat|deliver(?:ed|y)? to/;
const NOT_A_NAME = new Set([
  'the', 'a', 'an', 'of', 'to', 'down', 'up', 'on', 'in', 'at', 'my', 'your', 'our', 'for', 'and', 'or', 'this', 'that',
  'miles', 'mile', 'minutes', 'minute', 'hours', 'yards', 'metres', 'meters', 'km', 'times', 'days', 'weeks', 'is', 'was',
  'are', 'be', 'way', 'pounds', 'dollars', 'people', 'cars', 'houses', 'across', 'along', 'over', 'off', 'from', 'by',
]);

export function detectAddresses(doc: PiiDocument): RawFinding[] {
  const out: RawFinding[] = [];
  for (const m of doc.text.matchAll(POSTCODE_RE)) {
    const compact = m[0].replace(/[ ,]/g, '');
    if (!POSTCODE_SHAPE.test(compact)) continue;
    const ctx = POSTCODE_CONTEXT.test(before(doc, m.index, 150));
    // Written the usual way ("SW1A 1AA") it is unmistakable; spelled out letter by letter it needs context.
    const usual = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(m[0]);
    if (!usual && !ctx) continue;
    out.push({ category: 'postcode', docStart: m.index, docEnd: m.index + m[0].length, confidence: usual ? (ctx ? 0.95 : 0.85) : 0.8 });
  }
  for (const m of doc.text.matchAll(ZIP_RE)) {
    const zipWord = /\bzip\b|zip ?code/.test(before(doc, m.index, 60));
    const state = STATE_BEFORE.test(doc.text.slice(Math.max(0, m.index - 6), m.index));
    if (!zipWord && !state) continue;
    out.push({ category: 'postcode', docStart: m.index, docEnd: m.index + m[0].length, confidence: zipWord ? 0.85 : 0.8 });
  }
  for (const m of doc.text.matchAll(STREET_RE)) {
    const names = m[2]!.trim().split(/[ \t]+/);
    if (names.some((n) => NOT_A_NAME.has(n.toLowerCase()))) continue;
    const capitalised = names.every((n) => /^[A-Z]/.test(n));
    const ctx = ADDRESS_CONTEXT.test(before(doc, m.index, 150));
    if (!capitalised && !ctx) continue;
    const end = m.index + m[0].replace(/\.$/, '').length;
    out.push({ category: 'address', docStart: m.index, docEnd: end, confidence: capitalised ? (ctx ? 0.9 : 0.75) : 0.65 });
  }
  return out;
}
