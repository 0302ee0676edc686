import { describe, expect, it } from 'vitest';
import { filterChips, filterInWords, formatCallAt, formatDuration, scoreBand } from '../../../renderer/src/views/calls/format.js';

describe('Calls table formats', () => {
  it('call time', () => {
    expect(formatCallAt('2024-05-02T10:14:33')).toBe('2024-05-02 10:14');
    expect(formatCallAt('2024-05-02')).toBe('2024-05-02');
    expect(formatCallAt('2024-05-03T09:12:44.120Z')).toBe('2024-05-03 09:12');
    expect(formatCallAt('yesterday')).toBe('yesterday');
  });
  it('duration', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(184.2)).toBe('3:04');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
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
