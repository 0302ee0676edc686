import { describe, expect, it } from 'vitest';
import { parseTranscriptFile } from '../../../main/transcripts/detect.js';
import { TRANSCRIPT_LIMITS } from '../../../main/transcripts/limits.js';
import { jsonTooDeepAt } from '../../../main/util/json-depth.js';
import { safeFileName } from '../../../main/util/safe-file-name.js';

const srt = (cues: number) =>
  Array.from({ length: cues }, (_, i) => {
    const t = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},000`;
    return `${i + 1}\n${t(i * 3)} --> ${t(i * 3 + 2)}\n${i % 2 ? 'Customer' : 'Agent'}: line ${i}\n`;
  }).join('\n');

describe('transcript limits', () => {
  it('a 12-hour call (15,000 cues) is inside them', () => {
    expect(parseTranscriptFile('long.srt', srt(15_000)).segments).toHaveLength(15_000);
  });

  it('one cue over the limit is refused before parsing, naming the limit', () => {
    expect(() => parseTranscriptFile('big.srt', srt(TRANSCRIPT_LIMITS.maxSegments + 1))).toThrow(/more than 50,000 cues/);
  });

  it('a segment of 100,001 characters and a 1,001-character word are refused; 1,000 is kept', () => {
    expect(() => parseTranscriptFile('a.txt', `Agent: ${'ab '.repeat(33_334)}`)).toThrow(/segment 1 is 100,00\d characters long; the limit is 100,000/);
    expect(() => parseTranscriptFile('a.txt', `Agent: hello ${'x'.repeat(1001)} there`)).toThrow(/"word" of 1,001 characters/);
    expect(parseTranscriptFile('a.txt', `Agent: hello ${'x'.repeat(1000)} there`).segments[0]!.text).toContain('x'.repeat(1000));
  });

  it('JSON nested past 64 levels is refused with its line, brackets inside strings do not count', () => {
    const deep = `{"words":\n${'['.repeat(70)}${']'.repeat(70)}}`;
    expect(() => parseTranscriptFile('deep.json', deep)).toThrow(/deep\.json, line 2: the JSON nests deeper than 64 levels/);
    expect(jsonTooDeepAt(`{"text":"${'['.repeat(500)}\\"["}`, 2)).toBeNull();
    expect(jsonTooDeepAt('[[[1]]]', 3)).toBeNull();
    expect(jsonTooDeepAt('[[[[1]]]]', 3)).toBe(3);
  });
});

describe('safeFileName', () => {
  it('keeps the last path segment, drops control and bidi characters, keeps UTF-8 and the extension', () => {
    expect(safeFileName('C:\\calls\\..\\a.wav', 'x')).toBe('a.wav');
    expect(safeFileName('../../etc/passwd', 'x')).toBe('passwd');
    expect(safeFileName('rtl\u202Evaw.exe.wav', 'x')).toBe('rtlvaw.exe.wav');
    expect(safeFileName('a\u0000\u0085\u2066b.wav', 'x')).toBe('ab.wav');
    expect(safeFileName('Müller 通話.wav', 'x')).toBe('Müller 通話.wav');
    expect(safeFileName(`${'n'.repeat(500)}.wav`, 'x')).toMatch(/^n{196}\.wav$/);
    expect(safeFileName('\u202E', 'upload')).toBe('upload');
  });
});
