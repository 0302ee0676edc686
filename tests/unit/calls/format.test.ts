import { describe, expect, it } from 'vitest';
import { filterChips, filterInWords, scoreBand } from '../../../renderer/src/views/calls/format.js';

describe('Calls table formats', () => {
  it('score band', () => {
    expect(scoreBand(null, false)).toBe('none');
    expect(scoreBand(95, true)).toBe('poor');
    expect(scoreBand(59.9, false)).toBe('poor');
    expect(scoreBand(70, false)).toBe('fair');
    expect(scoreBand(80, false)).toBe('good');
  });
  it('chips for the filters without a control of their own, each clearing exactly its part', () => {
    expect(filterChips({ agent: 'dana', q: 'refund' })).toEqual([]);
    const chips = filterChips({ outcome: 'escalated', reason: 'double charge', criterion: 'greeting', criterionResult: 'fail' });
    expect(chips.map((c) => `${c.label}: ${c.value}`)).toEqual(['Outcome: Escalated', 'Reason: double charge', 'Criterion: greeting · failed']);
    expect(chips[2]!.clear).toEqual({ criterion: undefined, criterionResult: undefined });
    expect(filterChips({ criterionResult: 'overridden' })[0]!.value).toBe('any criterion · overridden');
  });
  it('every filter in words for an export: "minScore 0, maxScore 9.99" reads as a score range', () => {
    const words = filterInWords({ minScore: 0, maxScore: 9.99, agent: 'dana', q: 'refund', flag: 'needs_review', maxQuality: 59, reviewed: 'unreviewed', outcome: 'escalated' });
    expect(words.map((c) => `${c.label}: ${c.value}`)).toEqual([
      'Transcript says: “refund”', 'Agent: dana', 'Score: 0–9.99', 'Transcript quality: up to 59', 'Review: not reviewed', 'Flag: Needs review', 'Outcome: Escalated',
    ]);
    expect(words.find((c) => c.key === 'score')!.clear).toEqual({ minScore: undefined, maxScore: undefined });
    expect(filterInWords({})).toEqual([]);
  });
});
