import type { TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import type { ChunkPlan } from './plan.js';

/**
 * Puts chunk transcripts back together: times shifted to the whole recording, each segment kept by
 * the one chunk that owns its start time (the overlap is heard twice, kept once), and speaker labels
 * made consistent. Diarization labels restart in every chunk ("A" is whoever speaks first), so chunk
 * k's labels are mapped to the global speakers by the overlap: the tail both chunks heard is the same
 * voice, so the label that speaks there in chunk k is the global speaker who spoke there before.
 */
export interface ChunkTranscript {
  plan: ChunkPlan;
  /** Segments with chunk-local times and the chunk's own labels. */
  segments: TranscriptSegment[];
}

export interface StitchResult {
  segments: TranscriptSegment[];
  /** Chunks whose labels could not be matched through the overlap (mapped by order instead). */
  unmatchedChunks: number;
}

const overlapOf = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

function shift(seg: TranscriptSegment, by: number): TranscriptSegment {
  const r = (n: number) => Math.round((n + by) * 1000) / 1000;
  return { ...seg, start: r(seg.start), end: r(seg.end), words: seg.words.map((w) => ({ ...w, start: r(w.start), end: r(w.end) })) };
}

export function stitchChunks(chunks: readonly ChunkTranscript[]): StitchResult {
  const out: TranscriptSegment[] = [];
  const globalIds: string[] = [];
  let unmatchedChunks = 0;
  for (const [k, chunk] of chunks.entries()) {
    const shifted = chunk.segments.map((s) => shift(s, chunk.plan.start));
    const map = new Map<string, string>();
    if (k === 0) {
      for (const s of shifted) if (!map.has(s.speaker)) map.set(s.speaker, s.speaker);
    } else {
      // Votes: seconds each local label overlaps each already-kept global segment in the shared tail.
      const tail = out.filter((g) => g.end > chunk.plan.start);
      const votes = new Map<string, Map<string, number>>();
      for (const s of shifted.filter((x) => x.start < chunk.plan.ownFrom)) {
        for (const g of tail) {
          const o = overlapOf(s, g);
          if (o <= 0) continue;
          const v = votes.get(s.speaker) ?? new Map<string, number>();
          v.set(g.speaker, (v.get(g.speaker) ?? 0) + o);
          votes.set(s.speaker, v);
        }
      }
      const ranked = [...votes.entries()].flatMap(([local, v]) => [...v.entries()].map(([global, sec]) => ({ local, global, sec }))).sort((a, b) => b.sec - a.sec);
      for (const { local, global } of ranked) {
        if (!map.has(local) && ![...map.values()].includes(global)) map.set(local, global);
      }
      if (map.size === 0) unmatchedChunks++;
      // Labels not heard in the overlap: the remaining global speakers in order, then new ones.
      for (const s of shifted) {
        if (map.has(s.speaker)) continue;
        const free = globalIds.find((g) => ![...map.values()].includes(g));
        map.set(s.speaker, free ?? nextLabel(globalIds, map));
      }
    }
    for (const id of map.values()) if (!globalIds.includes(id)) globalIds.push(id);
    const from = k === 0 ? -Infinity : chunk.plan.ownFrom;
    const until = chunks[k + 1]?.plan.ownFrom ?? Infinity;
    for (const s of shifted) {
      const owned = ownedPart(s, from, until);
      if (!owned) continue;
      const speaker = map.get(s.speaker)!;
      out.push({ ...owned, speaker, words: owned.words.map((w) => ({ ...w, speaker })) });
    }
  }
  return { segments: out, unmatchedChunks };
}

function nextLabel(used: readonly string[], map: Map<string, string>): string {
  const taken = new Set([...used, ...map.values()]);
  for (let i = 0; ; i++) {
    const label = i < 26 ? String.fromCharCode(65 + i) : `S${i}`;
    if (!taken.has(label)) return label;
  }
}

/** Seconds a segment may poke across a boundary before we split it by word times. */
const EDGE_TOLERANCE = 0.25;

/**
 * The part of a segment this chunk owns: whole if it starts in [from, until); a segment cut by the
 * chunk boundary (a cut inside a turn) keeps only the words that start on this side.
 */
function ownedPart(s: TranscriptSegment, from: number, until: number): TranscriptSegment | null {
  const startsHere = s.start >= from && s.start < until;
  const crossesIn = s.start < from && s.end > from + EDGE_TOLERANCE;
  const crossesOut = startsHere && s.end > until + EDGE_TOLERANCE;
  if (!startsHere && !crossesIn) return null;
  if (!crossesIn && !crossesOut) return s;
  const words = s.words.filter((w) => w.start >= from && w.start < until);
  if (words.length === 0) return null;
  return { ...s, start: words[0]!.start, end: words.at(-1)!.end, text: words.map((w) => w.text).join(' '), words };
}
