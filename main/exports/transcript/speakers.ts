import type { NormalizedTranscript, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';

const roleLabel = { agent: 'Agent', customer: 'Customer', unknown: 'Speaker' } as const;

/**
 * The label a person reads for a segment's speaker: the name the reviewer gave ("Dana"), else the
 * role ("Agent"), else the provider's label. A named speaker keeps the role beside it in TXT.
 */
export function speakerLabeler(t: NormalizedTranscript): (s: TranscriptSegment) => { name: string; role: string } {
  const byId = new Map(t.speakers.map((s) => [s.id, s]));
  return (seg) => {
    const info = byId.get(seg.speaker);
    const role = info?.role ?? seg.role;
    const fallback = role === 'unknown' ? seg.speaker : roleLabel[role];
    return { name: info?.name?.trim() || fallback, role: roleLabel[role] };
  };
}

/** Segments in time order (providers may interleave overlapping speech). */
export const orderedSegments = (t: NormalizedTranscript) => [...t.segments].sort((a, b) => a.start - b.start || a.end - b.end);
