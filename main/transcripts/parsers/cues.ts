import type { SpeakerRole, TranscriptSegment } from '../../../preload/contract/schemas/transcript.js';
import { interpolateWords, roleFromLabel } from './shared.js';

/** What subtitle formats (SRT, VTT) share: timestamps, speaker labels in cue text, cue → segment. */

/** "00:01:02,500" / "01:02.500" / "1:02:03.5" → seconds; null when it is not a timestamp. */
export function parseTimestamp(s: string): number | null {
  const m = /^(?:(\d+):)?([0-5]?\d):([0-5]\d)(?:[.,](\d{1,3}))?$/.exec(s.trim());
  if (!m) return null;
  const frac = m[4] ? Number(m[4].padEnd(3, '0')) / 1000 : 0;
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]) + frac;
}

/** "Agent: hi", "[Customer] hi", "SPEAKER_01: hi", "Speaker 2: hi" → label + rest. */
const LABEL_RE = /^\s*(?:\[([^\]]{1,40})\]|([A-Za-z][A-Za-z0-9 _.'-]{0,30}?)\s*:)\s*(.*)$/s;
const SPEAKERISH = /^(?:speaker[ _-]?\w{1,3}|spk[ _-]?\d{1,2}|[A-Z])$/i;

export function splitLabel(text: string): { label: string | null; rest: string } {
  const m = LABEL_RE.exec(text);
  if (!m) return { label: null, rest: text };
  const label = (m[1] ?? m[2] ?? '').trim();
  if (roleFromLabel(label) === 'unknown' && !SPEAKERISH.test(label)) return { label: null, rest: text };
  return { label, rest: m[3] ?? '' };
}

export interface Speaker {
  id: string;
  role: SpeakerRole;
  name: string | null;
}

/** A role label becomes the role as id ("agent"); "Speaker 1" → "speaker_1"; a voice name stays a name. */
export function speakerFromLabel(label: string, isName = false): Speaker {
  const role = roleFromLabel(label);
  if (role !== 'unknown') return { id: role, role, name: null };
  if (isName && !SPEAKERISH.test(label)) return { id: label, role: 'unknown', name: label };
  return { id: label.toLowerCase().replace(/[\s-]+/g, '_'), role: 'unknown', name: null };
}

export function cueSegment(speaker: Speaker, start: number, end: number, text: string): TranscriptSegment {
  const clean = text.replace(/\s+/g, ' ').trim();
  return { speaker: speaker.id, role: speaker.role, start, end, text: clean, words: interpolateWords(clean, start, end, speaker.id) };
}

export const UNLABELLED: Speaker = { id: 'speaker_0', role: 'unknown', name: null };
