import { describe, expect, it } from 'vitest';
import { EvidenceChecker } from '../../../main/analysis/evidence.js';
import { totals } from '../../../main/analysis/scoring.js';
import type { ScorecardCriterion } from '../../../preload/contract/schemas/analysis.js';
import { scriptToTranscript } from '../../helpers/truth-transcript.js';

const c = (id: string, type: ScorecardCriterion['type'], answer: ScorecardCriterion['answer'], weight: number, autoFail = false): ScorecardCriterion => ({
  id, section: 's', question: 'q', type, answer, score: null, weight, autoFail, source: 'ai', rationale: '', evidence: [],
});

describe('weighted total', () => {
  it('yes earns the weight, a scale earns (n-1)/4 of it, n/a counts for nothing', () => {
    const t = totals([c('a', 'yes_no', 'yes', 10), c('b', 'yes_no', 'no', 20), c('c', 'scale_1_5', '4', 40), c('d', 'scale_1_5', 'n/a', 30)]);
    expect(t).toEqual({ earned: 40, possible: 70, scorePct: 57.14, autoFailed: false, autoFailedBy: [] });
  });
  it('an auto-fail criterion answered no (or 1) zeroes the total', () => {
    expect(totals([c('a', 'yes_no', 'yes', 50), c('b', 'yes_no', 'no', 50, true)])).toMatchObject({ scorePct: 0, autoFailed: true, autoFailedBy: ['b'] });
    expect(totals([c('a', 'scale_1_5', '1', 50, true)])).toMatchObject({ scorePct: 0, autoFailed: true });
    expect(totals([c('a', 'scale_1_5', '2', 50, true)])).toMatchObject({ scorePct: 25, autoFailed: false });
  });
  it('all n/a → no total rather than 0 %', () => {
    expect(totals([c('a', 'yes_no', 'n/a', 10)]).scorePct).toBeNull();
  });
});

describe('evidence checks', () => {
  const t = scriptToTranscript([
    ['agent', 'Thank you for calling Northwind, this call is recorded.'],
    ['customer', 'Hi, I was charged twice this month.'],
    ['agent', 'Thank you for calling back, goodbye.'],
  ]);
  const checker = new EvidenceChecker(t);
  it('finds a quote regardless of case and punctuation and times it from the words', () => {
    const e = checker.locate({ quote: 'this call is recorded', start: 0, end: 0 })!.evidence;
    expect(e).toMatchObject({ quote: 'this call is recorded', match: 'exact', speaker: 'agent' });
    expect(e.modelQuote).toBeUndefined();
    expect(e.start).toBeGreaterThan(t.segments[0]!.start);
    expect(e.end).toBeLessThanOrEqual(t.segments[0]!.end);
  });
  it('uses the model\'s time only to choose between repeats', () => {
    const late = checker.locate({ quote: 'thank you for calling', start: t.segments[2]!.start, end: 0 })!.evidence;
    expect(late.start).toBe(t.segments[2]!.start);
    expect(checker.locate({ quote: 'thank you for calling', start: 0, end: 0 })!.evidence.start).toBe(0);
  });
  it('drops paraphrases and quotes spanning speakers; keeps the transcript wording beside the model\'s', () => {
    const r = checker.check([{ quote: 'I was billed two times', start: 3, end: 4 }, { quote: 'recorded. Hi, I was', start: 2, end: 3 }, { quote: 'I was charged twice in this month', start: 4, end: 5 }]);
    expect(r.evidence.map((e) => [e.quote, e.match, e.modelQuote])).toEqual([['I was charged twice this month', 'approximate', 'I was charged twice in this month']]);
    expect(r.notFound).toEqual(['I was billed two times', 'recorded. Hi, I was']);
  });
  it('flags a quote given as the agent\'s that only the customer says', () => {
    const r = checker.check([{ quote: 'I was charged twice this month', speaker: 'agent', start: 3, end: 4 }]);
    expect(r.evidence).toHaveLength(1);
    expect(r.speakerMismatches).toEqual([{ quote: 'I was charged twice this month', claimed: 'agent', actual: 'customer' }]);
  });
});
