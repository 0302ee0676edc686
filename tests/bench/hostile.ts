import type { NormalizedTranscript } from '../../preload/contract/schemas/transcript.js';
import { detectPii } from '../../main/text/pii/index.js';
import { parseTranscriptFile } from '../../main/transcripts/detect.js';
import { median, type BenchRow } from './bench-row.js';

/**
 * Issue 11: hostile shapes must cost about what ordinary input of the same size costs. PII detection
 * on one 40,000-character "word" against 40,000 characters of ordinary speech (it was quadratic: 1.5 s);
 * refusing a million-cue SRT against parsing a real 12-hour one (15,000 cues).
 */
const oneSegment = (text: string): NormalizedTranscript => ({
  language: 'en', durationSec: 600, speakers: [{ id: 'a', role: 'agent', name: null, roleConfidence: 1, roleSource: 'import' }],
  segments: [{ speaker: 'a', role: 'agent', start: 0, end: 600, text, words: [] }],
});

const timeMs = (fn: () => unknown, runs = 5): number => {
  fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
};

const srt = (cues: number): string => {
  const t = (s: number) => `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(s % 60).padStart(2, '0')},000`;
  return Array.from({ length: cues }, (_, i) => `${i + 1}\n${t(i)} --> ${t(i)}\nAgent: hi\n`).join('\n');
};

export async function benchHostile(): Promise<BenchRow[]> {
  const speech = 'i can see two payments of eighty four pounds on the third of october '.repeat(600).slice(0, 40_000);
  const word = 'a'.repeat(40_000);
  const pii = timeMs(() => detectPii(oneSegment(word)));
  const piiBase = timeMs(() => detectPii(oneSegment(speech)));
  const million = srt(1_000_000);
  const real = srt(15_000);
  const refuse = timeMs(() => {
    try {
      parseTranscriptFile('cues.srt', million);
    } catch {
      // refused: what is timed
    }
  }, 3);
  const parse = timeMs(() => parseTranscriptFile('real.srt', real), 3);
  return [
    { name: 'PII detection, one 40,000-character word', value: pii, unit: 'ms', baselineName: '40,000 characters of speech', baseline: piiBase, ratio: pii / piiBase, target: '≤ 3×', pass: pii / piiBase <= 3 },
    { name: 'refusing a 1,000,000-cue SRT', value: refuse, unit: 'ms', baselineName: 'parsing a 15,000-cue SRT (12-hour call)', baseline: parse, ratio: refuse / parse, target: '≤ 1×', pass: refuse <= parse },
  ];
}
