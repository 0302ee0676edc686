import type { TranscriptSegment } from '../../preload/contract/schemas/transcript.js';

/**
 * Where each word of a segment sits in the segment's text. Providers give words and text separately
 * (and sometimes with different spacing or punctuation), so a character span found in the text is
 * tied to audio time through this alignment.
 */
export interface WordSpan {
  charStart: number;
  charEnd: number;
}

/**
 * Locate each word in order. A word we cannot find (the provider's text differs) gets an empty span at
 * the current position, so later words still align and timing degrades gracefully.
 */
export function alignWords(segment: TranscriptSegment): WordSpan[] {
  const text = segment.text;
  const lower = text.toLowerCase();
  const spans: WordSpan[] = [];
  let cursor = 0;
  for (const w of segment.words) {
    const needle = w.text.trim();
    if (needle === '') {
      spans.push({ charStart: cursor, charEnd: cursor });
      continue;
    }
    let at = text.indexOf(needle, cursor);
    if (at < 0) at = lower.indexOf(needle.toLowerCase(), cursor);
    // Do not jump far ahead for a common word that merely appears later; treat it as missing.
    if (at < 0 || at - cursor > Math.max(40, needle.length * 4)) {
      spans.push({ charStart: cursor, charEnd: cursor });
      continue;
    }
    spans.push({ charStart: at, charEnd: at + needle.length });
    cursor = at + needle.length;
  }
  return spans;
}

/**
 * Audio time of a character span of the segment's text: from the first to the last overlapping word.
 * Without word times (or no overlap) the time is interpolated linearly over the segment.
 */
export function timeOfSpan(
  segment: TranscriptSegment,
  spans: readonly WordSpan[],
  charStart: number,
  charEnd: number,
): { start: number; end: number } {
  let start = Number.POSITIVE_INFINITY;
  let end = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (s.charEnd <= charStart || s.charStart >= charEnd || s.charEnd === s.charStart) continue;
    const w = segment.words[i]!;
    start = Math.min(start, w.start);
    end = Math.max(end, w.end);
  }
  if (Number.isFinite(start) && Number.isFinite(end)) return { start, end };
  const len = Math.max(segment.text.length, 1);
  const dur = segment.end - segment.start;
  return {
    start: segment.start + (dur * charStart) / len,
    end: segment.start + (dur * Math.min(charEnd, len)) / len,
  };
}
