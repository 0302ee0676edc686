import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import { alignWords, timeOfSpan, type WordSpan } from '../align.js';
import { toOriginalSpan } from '../spoken-numbers.js';
import { detectAddresses } from './address.js';
import { detectBank } from './bank.js';
import { detectCards, detectCvv } from './cards.js';
import { detectDatesOfBirth } from './dob.js';
import { buildDocument, segmentAt, type PiiDocument } from './document.js';
import { detectEmails } from './email.js';
import { detectNationalIds } from './national-id.js';
import { detectPhones } from './phone.js';
import { detectPins } from './pin.js';
import { piiCategories, type PiiCategory, type PiiFinding, type RawFinding } from './types.js';

export { piiCategories, type PiiCategory, type PiiFinding } from './types.js';
export { luhnValid } from './cards.js';

export interface DetectPiiOptions {
  /** Only these categories (default: all). */
  categories?: readonly PiiCategory[];
  /** Drop findings below this confidence (default 0: keep all, the caller decides). */
  minConfidence?: number;
}

/** When two findings overlap with about the same confidence, the earlier category wins. */
const PRIORITY: readonly PiiCategory[] = [
  'card_number',
  'cvv',
  'bank_account',
  'sort_code',
  'national_id',
  'email',
  'date_of_birth',
  'phone',
  'pin',
  'postcode',
  'address',
];

function runDetectors(doc: PiiDocument): RawFinding[] {
  const cards = detectCards(doc);
  return [
    ...cards,
    ...detectCvv(doc, cards),
    ...detectBank(doc),
    ...detectNationalIds(doc),
    ...detectEmails(doc),
    ...detectDatesOfBirth(doc),
    ...detectPhones(doc),
    ...detectPins(doc),
    ...detectAddresses(doc),
  ];
}

/**
 * Keep the strongest of overlapping findings. Confidence decides; the category priority only breaks
 * near-ties, so a sure date of birth beats a context-free "12-03-85" sort code, and a card beats a phone.
 */
function resolveOverlaps(raws: RawFinding[]): RawFinding[] {
  const score = (r: RawFinding) => r.confidence - 0.02 * PRIORITY.indexOf(r.category);
  const ranked = [...raws].sort((a, b) => score(b) - score(a));
  const kept: RawFinding[] = [];
  for (const r of ranked) {
    if (kept.every((k) => r.docEnd <= k.docStart || r.docStart >= k.docEnd)) kept.push(r);
  }
  return kept.sort((a, b) => a.docStart - b.docStart);
}

/**
 * Find personal data in a transcript. Findings index the original segment text (exact substrings) and
 * carry audio times from the word timings, ready for redaction and muting.
 */
export function detectPii(transcript: NormalizedTranscript, options: DetectPiiOptions = {}): PiiFinding[] {
  const wanted = new Set(options.categories ?? piiCategories);
  const min = options.minConfidence ?? 0;
  const doc = buildDocument(transcript);
  const raws = runDetectors(doc).filter(
    (r) => wanted.has(r.category) && r.confidence >= min && segmentAt(doc, r.docStart) === segmentAt(doc, r.docEnd - 1),
  );
  const alignCache = new Map<number, WordSpan[]>();
  return resolveOverlaps(raws).map((r) => {
    const segmentIndex = segmentAt(doc, r.docStart);
    const segment = transcript.segments[segmentIndex]!;
    const base = doc.segStarts[segmentIndex]!;
    const span = toOriginalSpan(doc.norms[segmentIndex]!, r.docStart - base, r.docEnd - base);
    let spans = alignCache.get(segmentIndex);
    if (!spans) {
      spans = alignWords(segment);
      alignCache.set(segmentIndex, spans);
    }
    const time = timeOfSpan(segment, spans, span.start, span.end);
    return {
      category: r.category,
      text: segment.text.slice(span.start, span.end),
      charStart: span.start,
      charEnd: span.end,
      segmentIndex,
      start: time.start,
      end: time.end,
      confidence: r.confidence,
    };
  });
}
