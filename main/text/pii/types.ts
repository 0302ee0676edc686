import type { PiiDocument } from './document.js';

/** Every kind of personal data the detectors know. Redaction labels and settings key on these. */
export const piiCategories = [
  'card_number',
  'cvv',
  'bank_account',
  'sort_code',
  'national_id',
  'phone',
  'email',
  'date_of_birth',
  'pin',
  'postcode',
  'address',
] as const;
export type PiiCategory = (typeof piiCategories)[number];

/** A finding in a transcript: spans index the ORIGINAL segment text, times come from word times. */
export interface PiiFinding {
  category: PiiCategory;
  /** Exact substring of the segment's text. */
  text: string;
  charStart: number;
  charEnd: number;
  segmentIndex: number;
  start: number;
  end: number;
  confidence: number;
}

/** What a detector reports: a span of the normalised document text. */
export interface RawFinding {
  category: PiiCategory;
  docStart: number;
  docEnd: number;
  confidence: number;
}

export type Detector = (doc: PiiDocument) => RawFinding[];
