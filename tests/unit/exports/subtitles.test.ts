import { parse } from '@plussub/srt-vtt-parser';
import { describe, expect, it } from 'vitest';
import { transcriptSrt, transcriptVtt } from '../../../main/exports/transcript/subtitles.js';
import { transcriptTxt } from '../../../main/exports/transcript/txt.js';
import type { CallMeta } from '../../../main/exports/call-record.js';
import { scriptToTranscript } from '../../helpers/truth-transcript.js';

const long = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
const t = scriptToTranscript([
  ['agent', 'Thank you for calling Northwind, you are speaking with Dana.'],
  ['customer', 'Hi, I was charged twice <really> & I want a refund.'],
  ['agent', long],
  ['customer', 'Okay --> thanks.'],
]);
t.speakers[0]!.name = 'Dana';
// Providers can return overlapping speech out of order: the exporter must sort it.
t.segments.push({ ...t.segments[1]!, start: 1, end: 2, text: 'Mm-hm.' });

const monotonic = (xs: number[]) => xs.every((x, i) => i === 0 || x >= xs[i - 1]!);

describe('subtitle exports', () => {
  it('SRT parses back with speakers and monotonic times', () => {
    const srt = transcriptSrt(t);
    const { entries } = parse(srt);
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(monotonic(entries.map((e) => e.from))).toBe(true);
    for (const e of entries) expect(e.to).toBeGreaterThan(e.from);
    expect(entries[0]!.text).toBe('Dana: Thank you for calling Northwind, you are speaking with Dana.');
    expect(entries.some((e) => e.text.startsWith('Customer: Hi, I was charged twice'))).toBe(true);
    // The 40-word turn is cut into readable cues.
    expect(entries.filter((e) => e.text.includes('word')).length).toBeGreaterThan(1);
    expect(srt).not.toMatch(/Okay -->/);
  });

  it('VTT parses back, escapes markup and carries voice spans', () => {
    const vtt = transcriptVtt(t);
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    const { entries } = parse(vtt);
    expect(entries.length).toBeGreaterThanOrEqual(5);
    expect(monotonic(entries.map((e) => e.from))).toBe(true);
    expect(vtt).toContain('<v Dana>Thank you for calling Northwind');
    expect(vtt).toContain('&lt;really&gt; &amp; I want');
    expect(entries[0]!.from).toBe(0);
  });

  it('TXT has a header, time stamps and edited speaker names', () => {
    const meta = { fileName: 'call.wav', callAt: '2024-05-02T10:15:00', agent: 'Dana', durationSec: 75 } as CallMeta;
    const txt = transcriptTxt(t, meta, { redacted: true });
    expect(txt).toContain('Call: call.wav');
    expect(txt).toContain('[0:00] Dana (Agent): Thank you for calling');
    expect(txt).toContain('Customer: Hi, I was charged twice');
    expect(txt).toContain('Redaction: personal data masked');
  });
});
