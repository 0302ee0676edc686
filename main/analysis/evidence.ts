import type { Evidence } from '../../preload/contract/schemas/rules.js';
import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import type { ModelEvidence } from './model-schema.js';

/**
 * Checks the model's quotes against the transcript. A quote counts when, ignoring case, punctuation
 * and spacing, it is a run of words inside one segment. The stored evidence then carries the words'
 * own times from the transcript (the model's times are only a hint to pick between repeats). A quote
 * found nowhere is fabricated: it is dropped and reported, never shown as evidence.
 */
const norm = (w: string) => w.toLowerCase().replace(/[^\p{L}\p{N}']+/gu, '').replace(/^'+|'+$/g, '');
const tokens = (text: string) => text.split(/\s+/).map(norm).filter((w) => w !== '');

interface Located extends Evidence {
  distance: number;
}

export class EvidenceChecker {
  private readonly segs: { words: string[]; times: { start: number; end: number }[]; raw: string[] }[];

  constructor(transcript: NormalizedTranscript) {
    this.segs = transcript.segments.map((s) => {
      const raw = s.text.split(/\s+/).filter((w) => norm(w) !== '');
      // Word times when the word list lines up with the text; otherwise the segment's span.
      const aligned = s.words.length === raw.length;
      return {
        raw,
        words: raw.map(norm),
        times: raw.map((_, i) => (aligned ? { start: s.words[i]!.start, end: s.words[i]!.end } : { start: s.start, end: s.end })),
      };
    });
  }

  /** The quote as evidence with transcript times, or null when it is not in the transcript. */
  locate(e: ModelEvidence): Evidence | null {
    const q = tokens(e.quote);
    if (q.length === 0) return null;
    let best: Located | null = null;
    for (const seg of this.segs) {
      for (let i = 0; i + q.length <= seg.words.length; i++) {
        if (!q.every((w, j) => seg.words[i + j] === w)) continue;
        const start = seg.times[i]!.start;
        const end = seg.times[i + q.length - 1]!.end;
        const distance = Math.abs(start - (Number.isFinite(e.start) ? e.start : start));
        if (!best || distance < best.distance) best = { quote: seg.raw.slice(i, i + q.length).join(' '), start, end, distance };
      }
    }
    return best ? { quote: best.quote, start: best.start, end: best.end } : null;
  }

  /** Validated evidence plus the quotes that were dropped. */
  check(list: readonly ModelEvidence[]): { evidence: Evidence[]; fabricated: string[] } {
    const evidence: Evidence[] = [];
    const fabricated: string[] = [];
    for (const e of list) {
      const found = this.locate(e);
      if (found) {
        if (!evidence.some((x) => x.start === found.start && x.quote === found.quote)) evidence.push(found);
      } else if (e.quote.trim() !== '') fabricated.push(e.quote);
    }
    return { evidence, fabricated };
  }
}
