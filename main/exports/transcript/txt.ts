import type { NormalizedTranscript } from '../../../preload/contract/schemas/transcript.js';
import type { CallMeta } from '../call-record.js';
import { orderedSegments, speakerLabeler } from './speakers.js';
import { clock, dateTime } from '../../../preload/contract/time-format.js';

/** Plain-text transcript: a short header, then "[mm:ss] Name (Role): text" per turn. */
export function transcriptTxt(t: NormalizedTranscript, meta: CallMeta, opts: { redacted: boolean }): string {
  const label = speakerLabeler(t);
  const lines = [
    `Call: ${meta.fileName}`,
    `Date: ${dateTime(meta.callAt)}`,
    ...(meta.agent ? [`Agent: ${meta.agent}`] : []),
    `Duration: ${clock(meta.durationSec)}`,
    `Redaction: ${opts.redacted ? 'personal data masked' : 'NOT redacted'}`,
    '',
  ];
  for (const seg of orderedSegments(t)) {
    const { name, role } = label(seg);
    const who = name === role ? name : `${name} (${role})`;
    lines.push(`[${clock(seg.start)}] ${who}: ${seg.text.trim()}`);
  }
  return `${lines.join('\n')}\n`;
}
