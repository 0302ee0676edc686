import type { NormalizedTranscript, SpeakerRole } from '../../preload/contract/schemas/transcript.js';

export interface Interval {
  start: number;
  end: number;
}

/**
 * Each party's speech as sorted, non-overlapping intervals: word times merged when the pause between
 * them is at most `mergeGapSec` (a breath inside a sentence is still talking). Segments without words
 * count as one interval. Also returns the word count per party.
 */
export function speechIntervals(
  t: NormalizedTranscript,
  partyOf: (speaker: string, role: SpeakerRole) => string,
  mergeGapSec: number,
): { byParty: Map<string, Interval[]>; words: Map<string, number> } {
  const raw = new Map<string, Interval[]>();
  const words = new Map<string, number>();
  for (const seg of t.segments) {
    const party = partyOf(seg.speaker, seg.role);
    const list = raw.get(party) ?? [];
    raw.set(party, list);
    if (seg.words.length === 0) {
      if (seg.end > seg.start) list.push({ start: seg.start, end: seg.end });
      words.set(party, (words.get(party) ?? 0) + seg.text.split(/\s+/).filter((w) => w !== '').length);
      continue;
    }
    for (const w of seg.words) {
      if (w.end > w.start) list.push({ start: w.start, end: w.end });
      if (/\w/.test(w.text)) words.set(party, (words.get(party) ?? 0) + 1);
    }
  }
  const byParty = new Map<string, Interval[]>();
  for (const [party, list] of raw) {
    list.sort((a, b) => a.start - b.start);
    const merged: Interval[] = [];
    for (const x of list) {
      const last = merged[merged.length - 1];
      if (last && x.start - last.end <= mergeGapSec) last.end = Math.max(last.end, x.end);
      else merged.push({ ...x });
    }
    byParty.set(party, merged);
  }
  return { byParty, words };
}
