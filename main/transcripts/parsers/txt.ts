import type { NormalizedTranscript, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import { parseTimestamp, speakerFromLabel, splitLabel, type Speaker } from './cues.js';
import { interpolateWords, invalid, transcriptOf } from './shared.js';

/**
 * Plain text transcripts: one turn per line, "Agent: ..." / "Customer: ..." (also "Caller", "Rep",
 * "Speaker 1"), optionally starting with a time "[mm:ss]" or "[hh:mm:ss]". A line without a label
 * continues the previous turn. Missing times are estimated from speaking rate between known times.
 */
const TIME_RE = /^\s*[[(](\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?)[\])]\s*/;
const WORDS_PER_SEC = 2.5;

interface Turn {
  line: number;
  speaker: Speaker;
  text: string;
  start: number | null;
}

function readTurns(fileName: string, content: string): Turn[] {
  const turns: Turn[] = [];
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, idx) => {
    const line = idx + 1;
    if (raw.trim() === '') return;
    let rest = raw;
    let start: number | null = null;
    const tm = TIME_RE.exec(rest);
    if (tm) {
      start = parseTimestamp(tm[1]!);
      if (start === null) throw invalid(fileName, line, `"${tm[1]}" is not a time (use [mm:ss] or [hh:mm:ss])`);
      rest = rest.slice(tm[0].length);
    }
    const { label, rest: said } = splitLabel(rest);
    if (!label) {
      const prev = turns[turns.length - 1];
      if (!prev || start !== null) {
        throw invalid(fileName, line, `expected a speaker label such as "Agent:" or "Customer:" at the start of the line`, 'Start each turn with "Agent:" or "Customer:" (optionally after a [mm:ss] time).');
      }
      prev.text += ` ${rest.trim()}`;
      return;
    }
    const prevTimed = [...turns].reverse().find((t) => t.start !== null);
    if (start !== null && prevTimed && start < prevTimed.start!) {
      throw invalid(fileName, line, `time ${tm![1]} is earlier than the previous turn's time (line ${prevTimed.line})`);
    }
    turns.push({ line, speaker: speakerFromLabel(label), text: said.trim(), start });
  });
  return turns;
}

/** Fill missing starts: between two known times, share the span by word count; after the last, by rate. */
function fillTimes(turns: Turn[]): { start: number; end: number }[] {
  const n = turns.map((t) => Math.max(1, t.text.split(/\s+/).filter((w) => w !== '').length));
  const starts: number[] = new Array<number>(turns.length).fill(0);
  const anchors = turns.map((t, i) => (t.start !== null ? i : -1)).filter((i) => i >= 0);
  if (anchors[0] !== 0) anchors.unshift(-1); // an implicit anchor at 0 s before the first line
  for (let a = 0; a < anchors.length; a++) {
    const from = anchors[a]!;
    const to = anchors[a + 1];
    const t0 = from < 0 ? 0 : turns[from]!.start!;
    const first = Math.max(from, 0);
    if (from >= 0) starts[from] = t0;
    if (to === undefined) {
      let t = t0 + (from >= 0 ? n[from]! / WORDS_PER_SEC : 0);
      for (let i = from + 1; i < turns.length; i++) {
        starts[i] = t;
        t += n[i]! / WORDS_PER_SEC;
      }
      continue;
    }
    const t1 = turns[to]!.start!;
    const total = n.slice(first, to).reduce((x, y) => x + y, 0) || 1;
    let acc = 0;
    for (let i = first; i < to; i++) {
      starts[i] = t0 + ((t1 - t0) * acc) / total;
      acc += n[i]!;
    }
  }
  return turns.map((_, i) => {
    const start = starts[i]!;
    const next = i + 1 < turns.length ? starts[i + 1]! : Number.POSITIVE_INFINITY;
    return { start, end: Math.max(start, Math.min(next, start + n[i]! / WORDS_PER_SEC)) };
  });
}

export function parseTxt(fileName: string, content: string): NormalizedTranscript {
  const turns = readTurns(fileName, content);
  if (turns.length === 0) throw invalid(fileName, 1, 'the file has no transcript lines');
  const times = fillTimes(turns);
  const segments: TranscriptSegment[] = turns
    .map((t, i) => ({ t, time: times[i]! }))
    .filter(({ t }) => t.text !== '')
    .map(({ t, time }) => ({
      speaker: t.speaker.id,
      role: t.speaker.role,
      start: time.start,
      end: time.end,
      text: t.text,
      words: interpolateWords(t.text, time.start, time.end, t.speaker.id),
    }));
  return transcriptOf(segments, null, null);
}
