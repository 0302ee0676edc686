import type {
  NormalizedTranscript,
  TranscriptSegment,
  TranscriptWord,
} from '../../preload/contract/schemas/transcript.js';
import { alignWords } from './align.js';
import type { PiiCategory, PiiFinding } from './pii/types.js';

/**
 * Redaction: mask PII findings in a transcript's text and words, and list the time ranges to mute in
 * an audio copy (the muting itself happens in the audio module). Pure: returns a new transcript.
 */

export const defaultRedactionLabels: Readonly<Record<PiiCategory, string>> = {
  card_number: '[CARD]',
  cvv: '[CVV]',
  bank_account: '[BANK_ACCOUNT]',
  sort_code: '[SORT_CODE]',
  national_id: '[NATIONAL_ID]',
  phone: '[PHONE]',
  email: '[EMAIL]',
  date_of_birth: '[DOB]',
  pin: '[PIN]',
  postcode: '[POSTCODE]',
  address: '[ADDRESS]',
};

export interface RedactOptions {
  /** Categories to mask (default: every category present in the findings). */
  categories?: readonly PiiCategory[];
  /** Replacement text per category (default: defaultRedactionLabels). */
  labels?: Partial<Record<PiiCategory, string>>;
  /** Ignore findings below this confidence (default 0). */
  minConfidence?: number;
  /** Seconds of audio muted either side of each finding (default 0.25: word times are approximate). */
  silencePadSec?: number;
}

export interface TimeSpan {
  start: number;
  end: number;
}

export interface RedactionResult {
  transcript: NormalizedTranscript;
  /** Sorted, merged time ranges to silence in the audio. */
  silenceSpans: TimeSpan[];
  /** The findings that were masked. */
  applied: PiiFinding[];
}

interface Mask {
  charStart: number;
  charEnd: number;
  label: string;
  start: number;
  end: number;
}

/** Overlapping findings in one segment become one mask with the first finding's label. */
function masksFor(findings: PiiFinding[], label: (c: PiiCategory) => string): Mask[] {
  const sorted = [...findings].sort((a, b) => a.charStart - b.charStart);
  const out: Mask[] = [];
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last && f.charStart < last.charEnd) {
      last.charEnd = Math.max(last.charEnd, f.charEnd);
      last.start = Math.min(last.start, f.start);
      last.end = Math.max(last.end, f.end);
    } else {
      out.push({ charStart: f.charStart, charEnd: f.charEnd, label: label(f.category), start: f.start, end: f.end });
    }
  }
  return out;
}

function redactSegment(segment: TranscriptSegment, masks: Mask[]): TranscriptSegment {
  let text = '';
  let cursor = 0;
  for (const m of masks) {
    text += segment.text.slice(cursor, m.charStart) + m.label;
    cursor = m.charEnd;
  }
  text += segment.text.slice(cursor);

  const spans = alignWords(segment);
  const words: TranscriptWord[] = [];
  let mi = 0;
  for (let i = 0; i < segment.words.length; i++) {
    const w = segment.words[i]!;
    const s = spans[i]!;
    while (mi < masks.length && masks[mi]!.charEnd <= s.charStart && s.charEnd > s.charStart) mi++;
    const m = masks[mi];
    const aligned = s.charEnd > s.charStart;
    const overlaps = m && aligned && s.charStart < m.charEnd && s.charEnd > m.charStart;
    // A word we could not place in the text is dropped if it was spoken during a masked span: a
    // provider's spelling difference must not leak the very digits we are hiding.
    const unplacedInside =
      !aligned && masks.some((mk) => (w.start + w.end) / 2 >= mk.start && (w.start + w.end) / 2 <= mk.end);
    if (unplacedInside) continue;
    if (!overlaps) {
      words.push(w);
      continue;
    }
    // Collapse every word the mask touches into one word, keeping text outside the mask ("1985." → "[DOB].").
    let j = i;
    while (j + 1 < segment.words.length && spans[j + 1]!.charStart < m.charEnd && spans[j + 1]!.charEnd > spans[j + 1]!.charStart) j++;
    const first = spans[i]!;
    const last = spans[j]!;
    const prefix = segment.text.slice(first.charStart, Math.max(first.charStart, m.charStart));
    const suffix = segment.text.slice(Math.min(last.charEnd, m.charEnd), last.charEnd);
    words.push({
      text: `${prefix}${m.label}${suffix}`,
      start: w.start,
      end: segment.words[j]!.end,
      confidence: null,
      speaker: w.speaker,
    });
    i = j;
    mi++;
  }
  return { ...segment, text, words };
}

export function mergeSpans(spans: TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: TimeSpan[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function redactTranscript(
  transcript: NormalizedTranscript,
  findings: readonly PiiFinding[],
  options: RedactOptions = {},
): RedactionResult {
  const wanted = options.categories ? new Set(options.categories) : null;
  const min = options.minConfidence ?? 0;
  const pad = options.silencePadSec ?? 0.25;
  const label = (c: PiiCategory) => options.labels?.[c] ?? defaultRedactionLabels[c];
  const applied = findings.filter(
    (f) => (!wanted || wanted.has(f.category)) && f.confidence >= min && transcript.segments[f.segmentIndex] !== undefined,
  );
  const bySegment = new Map<number, PiiFinding[]>();
  for (const f of applied) {
    const list = bySegment.get(f.segmentIndex) ?? [];
    list.push(f);
    bySegment.set(f.segmentIndex, list);
  }
  const segments = transcript.segments.map((s, i) => {
    const fs = bySegment.get(i);
    return fs ? redactSegment(s, masksFor(fs, label)) : s;
  });
  const silenceSpans = mergeSpans(applied.map((f) => ({ start: Math.max(0, f.start - pad), end: f.end + pad })));
  return { transcript: { ...transcript, segments }, silenceSpans, applied };
}
