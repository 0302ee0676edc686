import type { NormalizedTranscript, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import { UNLABELLED, cueSegment, parseTimestamp, speakerFromLabel, splitLabel, type Speaker } from './cues.js';
import { invalid, transcriptOf } from './shared.js';

/**
 * SubRip (.srt): numbered cues "1 / 00:00:01,000 --> 00:00:04,000 / text". Speakers come from a label at
 * the start of the text ("Agent: ..."); a cue without one continues the previous speaker.
 */
const TIMING_RE = /^\s*(\S+)\s*-->\s*(\S+)/;

export function parseSrt(fileName: string, content: string): NormalizedTranscript {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  const segments: TranscriptSegment[] = [];
  const names = new Map<string, string | null>();
  let speaker: Speaker = UNLABELLED;
  let i = 0;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    // The cue number is optional in the wild; the timing line is not.
    if (/^\d+$/.test(lines[i]!.trim())) i++;
    const lineNo = i + 1;
    const timing = TIMING_RE.exec(lines[i] ?? '');
    if (!timing) throw invalid(fileName, lineNo, `expected a timing line like "00:00:01,000 --> 00:00:04,000", found "${(lines[i] ?? '').slice(0, 60)}"`);
    const start = parseTimestamp(timing[1]!);
    const end = parseTimestamp(timing[2]!);
    if (start === null) throw invalid(fileName, lineNo, `"${timing[1]}" is not a timestamp (HH:MM:SS,mmm)`);
    if (end === null) throw invalid(fileName, lineNo, `"${timing[2]}" is not a timestamp (HH:MM:SS,mmm)`);
    if (end < start) throw invalid(fileName, lineNo, `the cue ends (${timing[2]}) before it starts (${timing[1]})`);
    i++;
    const text: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') text.push(lines[i++]!);
    const joined = text.join(' ').replace(/<\/?[a-z][^>]*>/gi, '');
    const { label, rest } = splitLabel(joined);
    if (label) {
      speaker = speakerFromLabel(label);
      names.set(speaker.id, speaker.name);
    }
    if (rest.trim() !== '') segments.push(cueSegment(speaker, start, end, rest));
  }
  return transcriptOf(segments, null, null, names);
}
