import type { TranscriptSegment, TranscriptWord } from '../../preload/contract/schemas/transcript.js';

/**
 * Shared shaping of provider output into normalized segments: turns are runs of words by one speaker,
 * broken where that speaker pauses for long; providers that only give segment times get words spread
 * evenly inside the segment (good enough to seek to, marked with null confidence).
 */

/** A pause this long inside one speaker's run starts a new segment (a new thought in the UI). */
export const SEGMENT_PAUSE_SEC = 1.5;

export function segmentsFromWords(words: readonly TranscriptWord[], pauseSec = SEGMENT_PAUSE_SEC): TranscriptSegment[] {
  const sorted = [...words].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: TranscriptSegment[] = [];
  let cur: TranscriptSegment | null = null;
  for (const w of sorted) {
    if (!cur || cur.speaker !== w.speaker || w.start - cur.end > pauseSec) {
      cur = { speaker: w.speaker, role: 'unknown', start: w.start, end: w.end, text: '', words: [] };
      out.push(cur);
    }
    cur.words.push(w);
    cur.end = Math.max(cur.end, w.end);
  }
  for (const s of out) s.text = joinWords(s.words.map((w) => w.text));
  return out;
}

/** Words as a sentence: no space before closing punctuation a provider sent as its own token. */
export function joinWords(texts: readonly string[]): string {
  return texts.reduce((acc, t) => (acc === '' ? t : /^[.,!?;:%)\]]/.test(t) ? acc + t : `${acc} ${t}`), '').trim();
}

/** Words for a segment that only has start/end: spread by character count, confidence unknown. */
export function spreadWords(text: string, start: number, end: number, speaker: string): TranscriptWord[] {
  const tokens = text.split(/\s+/).filter((t) => t !== '');
  const total = tokens.reduce((n, t) => n + t.length + 1, 0);
  let at = start;
  return tokens.map((t, i) => {
    const share = ((t.length + 1) / total) * (end - start);
    const w = { text: t, start: round3(at), end: round3(i === tokens.length - 1 ? end : at + share), confidence: null, speaker };
    at += share;
    return w;
  });
}

export const round3 = (n: number) => Math.round(n * 1000) / 1000;
