import type { NormalizedTranscript, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import { orderedSegments, speakerLabeler } from './speakers.js';

/**
 * SRT and WebVTT with speakers. Long turns are cut into cues of at most ~7 s / 90 characters at word
 * boundaries (word times exist for every provider), so captions stay readable under the player.
 * Cue start times never go backwards and every cue lasts at least 0.1 s.
 */
const MAX_CUE_SEC = 7;
const MAX_CUE_CHARS = 90;

export interface Cue {
  start: number;
  end: number;
  speaker: string;
  text: string;
}

function splitSegment(seg: TranscriptSegment): { start: number; end: number; text: string }[] {
  const text = seg.text.trim();
  if (seg.end - seg.start <= MAX_CUE_SEC && text.length <= MAX_CUE_CHARS) return [{ start: seg.start, end: seg.end, text }];
  if (!seg.words.length) return [{ start: seg.start, end: seg.end, text }];
  const out: { start: number; end: number; text: string }[] = [];
  let cur: { start: number; end: number; words: string[] } | null = null;
  for (const w of seg.words) {
    const wt = w.text.trim();
    if (!wt) continue;
    if (cur && (w.end - cur.start > MAX_CUE_SEC || [...cur.words, wt].join(' ').length > MAX_CUE_CHARS)) {
      out.push({ start: cur.start, end: cur.end, text: cur.words.join(' ') });
      cur = null;
    }
    cur ??= { start: w.start, end: w.end, words: [] };
    cur.words.push(wt);
    cur.end = w.end;
  }
  if (cur) out.push({ start: cur.start, end: cur.end, text: cur.words.join(' ') });
  return out;
}

export function transcriptCues(t: NormalizedTranscript): Cue[] {
  const label = speakerLabeler(t);
  const cues: Cue[] = [];
  let last = 0;
  for (const seg of orderedSegments(t)) {
    const speaker = label(seg).name;
    for (const part of splitSegment(seg)) {
      if (!part.text) continue;
      const start = Math.max(part.start, last);
      const end = Math.max(part.end, start + 0.1);
      cues.push({ start, end, speaker, text: part.text });
      last = start;
    }
  }
  return cues;
}

function stamp(sec: number, sep: ',' | '.'): string {
  const ms = Math.round(Math.max(0, sec) * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}${sep}${pad(ms % 1000, 3)}`;
}

/** A cue's text must not contain a blank line (it would end the cue) nor, in SRT, a bare "-->". */
const oneBlock = (s: string) => s.replace(/\r?\n\s*\r?\n/g, '\n').replace(/-->/g, '->');

export function transcriptSrt(t: NormalizedTranscript): string {
  return transcriptCues(t)
    .map((c, i) => `${i + 1}\n${stamp(c.start, ',')} --> ${stamp(c.end, ',')}\n${oneBlock(`${c.speaker}: ${c.text}`)}\n`)
    .join('\n');
}

const vttEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** WebVTT voice spans (`<v Dana>`) carry the speaker so players can style or announce it. */
export function transcriptVtt(t: NormalizedTranscript): string {
  const cues = transcriptCues(t).map(
    (c, i) => `${i + 1}\n${stamp(c.start, '.')} --> ${stamp(c.end, '.')}\n<v ${vttEscape(c.speaker)}>${oneBlock(vttEscape(c.text))}</v>\n`,
  );
  return `WEBVTT\n\n${cues.join('\n')}`;
}
