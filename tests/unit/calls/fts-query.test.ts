import { describe, expect, it } from 'vitest';
import { snippetParts, toFtsQuery } from '../../../db/dao/fts-dao.js';
import { filterSql } from '../../../db/dao/calls-dao.js';

describe('toFtsQuery: anything typed becomes one safe quoted phrase', () => {
  it.each([
    ['refund', '"refund" *'],
    ['refund ', '"refund"'],
    ['charged twice', '"charged twice" *'],
    ['"charged twice"', '"charged twice"'],
    ['a', '"a"'],
    ['text:router', '"text router" *'],
    ['NOT parakeet', '"NOT parakeet" *'],
    ['NEAR(a b)', '"NEAR a b"'],
    ['a" OR "b', '"a OR b"'],
    ['parakeet*', '"parakeet"'],
    ['^start', '"start" *'],
    ["don't", '"don t"'],
    ['Ünïcödé 電話', '"Ünïcödé 電話" *'],
  ])('%j → %s', (input, expected) => {
    expect(toFtsQuery(input)).toBe(expected);
  });

  it.each(['', '   ', '"', '***', '()', '-+^:', '\u0000\u0001'])('%j has nothing to search → null', (input) => {
    expect(toFtsQuery(input)).toBeNull();
  });

  it('bounds the number and length of words', () => {
    const q = toFtsQuery(`${'w '.repeat(50)}${'x'.repeat(300)}`)!;
    expect(q.split(' ').length).toBeLessThanOrEqual(13);
    expect(q.length).toBeLessThan(12 * 66 + 4);
  });

  it('never lets a double quote through unescaped', () => {
    for (const s of ['"""', 'a"b', '“smart”', '"a" "b"']) {
      const q = toFtsQuery(s);
      if (q) expect(q.slice(1, q.lastIndexOf('"'))).not.toContain('"');
    }
  });
});

describe('snippetParts', () => {
  it('splits marked text into plain and hit parts', () => {
    expect(snippetParts('…I was \u0001charged\u0002 \u0001twice\u0002 this…')).toEqual([
      { text: '…I was ', hit: false },
      { text: 'charged', hit: true },
      { text: ' ', hit: false },
      { text: 'twice', hit: true },
      { text: ' this…', hit: false },
    ]);
  });
  it('keeps markup-looking text as text and survives an unclosed marker', () => {
    expect(snippetParts('<b>x</b> \u0001y')).toEqual([{ text: '<b>x</b> ', hit: false }, { text: 'y', hit: true }]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('filterSql', () => {
  it('puts every user value in a parameter, never in the SQL text', () => {
    const f = filterSql({ agent: "x' OR 1=1 --", queue: 'q', from: '2024-01-01', to: '2024-01-31', minScore: 10, reviewed: 'unreviewed', flag: 'pii' });
    expect(f.where).not.toContain("x'");
    expect(f.params).toEqual({ from: '2024-01-01', to: '2024-01-31\uffff', agent: "x' OR 1=1 --", queue: 'q', minScore: 10 });
    expect(f.where).toContain('s.reviewed_at IS NULL');
    expect(f.where).toContain('s.flag_pii = 1');
  });
});
