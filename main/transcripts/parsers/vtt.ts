import type { NormalizedTranscript, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import { UNLABELLED, cueSegment, parseTimestamp, speakerFromLabel, splitLabel, type Speaker } from './cues.js';
import { invalid, transcriptOf } from './shared.js';

/**
 * WebVTT (.vtt): "WEBVTT" header, optional NOTE/STYLE/REGION blocks, cues with optional identifiers.
 * Speakers come from voice tags (<v Dana Ruiz>text</v>); one cue may hold several voices.
 */
const TIMING_RE = /^\s*(\S+)\s+-->\s+(\S+)/;
const VOICE_RE = /<v(?:\.[^\s>]*)?\s+([^>]+)>/g;

const decode = (s: string) =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&nbsp;/g, ' ').replace(/&lrm;|&rlm;/g, '').replace(/&amp;/g, '&');

/** Split a cue payload into (voice, text) runs, dropping every other tag. */
function voices(payload: string): { voice: string | null; text: string }[] {
  const out: { voice: string | null; text: string }[] = [];
  let last = 0;
  let voice: string | null = null;
  for (const m of payload.matchAll(VOICE_RE)) {
    out.push({ voice, text: payload.slice(last, m.index) });
    voice = m[1]!.trim();
    last = m.index + m[0].length;
  }
  out.push({ voice, text: payload.slice(last) });
  return out
    .map((r) => ({ voice: r.voice, text: decode(r.text.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim() }))
    .filter((r) => r.text !== '');
}

export function parseVtt(fileName: string, content: string): NormalizedTranscript {
  const lines = content.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? '')) throw invalid(fileName, 1, 'a WebVTT file must start with "WEBVTT"');
  const segments: TranscriptSegment[] = [];
  const names = new Map<string, string | null>();
  let speaker: Speaker = UNLABELLED;
  let i = 1;
  // Header lines run until the first blank line.
  while (i < lines.length && lines[i]!.trim() !== '') i++;
  while (i < lines.length) {
    if (lines[i]!.trim() === '') {
      i++;
      continue;
    }
    if (/^(NOTE|STYLE|REGION)\b/.test(lines[i]!)) {
      while (i < lines.length && lines[i]!.trim() !== '') i++;
      continue;
    }
    if (!lines[i]!.includes('-->')) i++; // cue identifier
    const lineNo = i + 1;
    const timing = TIMING_RE.exec(lines[i] ?? '');
    if (!timing) throw invalid(fileName, lineNo, `expected a cue timing line like "00:01.000 --> 00:04.000", found "${(lines[i] ?? '').slice(0, 60)}"`);
    const start = parseTimestamp(timing[1]!);
    const end = parseTimestamp(timing[2]!);
    if (start === null || !timing[1]!.includes('.')) throw invalid(fileName, lineNo, `"${timing[1]}" is not a WebVTT timestamp (MM:SS.mmm)`);
    if (end === null || !timing[2]!.includes('.')) throw invalid(fileName, lineNo, `"${timing[2]}" is not a WebVTT timestamp (MM:SS.mmm)`);
    if (end < start) throw invalid(fileName, lineNo, `the cue ends (${timing[2]}) before it starts (${timing[1]})`);
    i++;
    const payload: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== '') payload.push(lines[i++]!);
    const runs = voices(payload.join('\n'));
    const total = runs.reduce((a, r) => a + r.text.length, 0) || 1;
    let t = start;
    for (const r of runs) {
      let text = r.text;
      if (r.voice) {
        speaker = speakerFromLabel(r.voice, true);
        names.set(speaker.id, speaker.name);
      } else {
        const { label, rest } = splitLabel(text);
        if (label) {
          speaker = speakerFromLabel(label);
          text = rest;
        }
      }
      // Several voices in one cue share its time in proportion to how much each says.
      const d = ((end - start) * r.text.length) / total;
      if (text.trim() !== '') segments.push(cueSegment(speaker, t, Math.min(end, t + d), text));
      t += d;
    }
  }
  return transcriptOf(segments, null, null, names);
}
