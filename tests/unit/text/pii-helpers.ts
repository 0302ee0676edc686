import { expect, it } from 'vitest';
import { detectPii, type PiiCategory } from '../../../main/text/pii/index.js';
import { scriptToTranscript } from '../../helpers/truth-transcript.js';

/** One table row: what the agent asked (optional), what the customer said, the exact text to flag. */
export interface PiiCase {
  q?: string;
  a: string;
  hit: string | null;
}

const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** "4556737586899855" → "four five five six, seven three seven five, ..." (groups of `size`). */
export function spell(digits: string, size = 4, sep = ', '): string {
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += size) {
    groups.push([...digits.slice(i, i + size)].map((d) => DIGIT_WORDS[Number(d)]).join(' '));
  }
  return groups.join(sep);
}

export function group(digits: string, size = 4, sep = ' '): string {
  return digits.match(new RegExp(`.{1,${size}}`, 'g'))!.join(sep);
}

export function findingsFor(c: PiiCase, category: PiiCategory) {
  const turns: ['agent' | 'customer', string][] = [];
  if (c.q) turns.push(['agent', c.q]);
  turns.push(['customer', c.a]);
  const t = scriptToTranscript(turns);
  return { t, found: detectPii(t).filter((f) => f.category === category) };
}

/** Table-driven check: positives must produce exactly the expected span, negatives nothing of the category. */
export function runCases(category: PiiCategory, cases: readonly PiiCase[]): void {
  it.each(cases.map((c) => [c.hit === null ? 'no' : 'yes', c.q ?? '-', c.a, c]))(
    `${category} %s | %s | %s`,
    (_kind, _q, _a, c) => {
      const { t, found } = findingsFor(c, category);
      if (c.hit === null) {
        expect(found).toEqual([]);
        return;
      }
      expect(found.map((f) => f.text)).toEqual([c.hit]);
      const f = found[0]!;
      const seg = t.segments[f.segmentIndex]!;
      expect(seg.text.slice(f.charStart, f.charEnd)).toBe(c.hit);
      expect(f.start).toBeGreaterThanOrEqual(seg.start);
      expect(f.end).toBeLessThanOrEqual(seg.end + 1e-9);
      expect(f.end).toBeGreaterThan(f.start);
      expect(f.confidence).toBeGreaterThan(0);
      expect(f.confidence).toBeLessThanOrEqual(1);
    },
  );
}

export function assertCaseCount(cases: readonly PiiCase[]): void {
  it('has at least 40 cases with both positives and negatives', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(cases.some((c) => c.hit === null)).toBe(true);
    expect(cases.some((c) => c.hit !== null)).toBe(true);
  });
}
