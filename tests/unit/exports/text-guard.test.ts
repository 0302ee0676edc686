import { describe, expect, it } from 'vitest';
import { breakLongTokens, prepareText } from '../../../main/exports/text-guard.js';

const ZW = '\u200B';

describe('text guard', () => {
  it('leaves ordinary text alone', () => {
    expect(prepareText('Thanks for calling, how can I help?')).toBe('Thanks for calling, how can I help?');
  });
  it('puts a zero-width break every 40 characters of a long run, nowhere else', () => {
    const out = breakLongTokens(`hi ${'a'.repeat(100)} there`, 40);
    expect(out.split(ZW).map((p) => p.length)).toEqual([43, 40, 26]);
    expect(out.replaceAll(ZW, '')).toBe(`hi ${'a'.repeat(100)} there`);
    expect(breakLongTokens('a'.repeat(40), 40)).toBe('a'.repeat(40));
  });
  it('truncates with a visible marker naming the omitted characters', () => {
    const out = prepareText('b'.repeat(100_000), { maxChars: 20_000 });
    expect(out).toContain('… (truncated, 80,000 characters omitted)');
    expect(out.replaceAll(ZW, '').startsWith('b'.repeat(20_000) + ' …')).toBe(true);
  });
  it('never splits a surrogate pair when cutting', () => {
    const out = prepareText('😀'.repeat(10), { maxChars: 5 });
    expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
  it('is fast on a million-character word', () => {
    const t0 = performance.now();
    prepareText('z'.repeat(1_000_000));
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
