import { describe, expect, it } from 'vitest';
import { finalScoreWithAnswers } from '../../../main/analysis/final-score.js';
import type { Scorecard } from '../../../preload/contract/schemas/analysis.js';

/** The one final-score function (issue 12 item 2), as every export, PDF and the call page use it. */
const c = (id: string, type: 'yes_no' | 'scale_1_5', answer: string, weight: number, autoFail = false) =>
  ({ id, section: 's', question: id, type, answer, score: null, weight, autoFail, source: 'ai', rationale: '', evidence: [] }) as Scorecard['criteria'][number];
const card = (criteria: Scorecard['criteria']) =>
  ({ rubricId: 1, rubricName: 'r', rubricVersion: 1, earned: 0, possible: 0, scorePct: 0, autoFailed: false, autoFailedBy: [], criteria }) satisfies Scorecard;
const sc = card([c('a', 'yes_no', 'yes', 10), c('b', 'yes_no', 'no', 10, true), c('c', 'scale_1_5', '3', 20), c('d', 'yes_no', 'n/a', 10)]);

describe('final score after overrides', () => {
  it('auto-fail criterion answered no → 0', () => expect(finalScoreWithAnswers(sc, new Map()).scorePct).toBe(0));
  it('override lifts the auto-fail and recomputes (N/A left out)', () => {
    const f = finalScoreWithAnswers(sc, new Map([['b', 'yes']]));
    expect(f.autoFailed).toBe(false);
    expect(f.scorePct).toBe(75); // (10 + 10 + 0.5×20) / 40
    expect(f.overridden).toBe(1);
  });
  it('two of three yes/no answers is 66.67 everywhere (the exports used to say 66.7)', () => {
    const three = card([c('a', 'yes_no', 'yes', 1), c('b', 'yes_no', 'yes', 1), c('c', 'yes_no', 'yes', 1)]);
    expect(finalScoreWithAnswers(three, new Map([['c', 'no']])).scorePct).toBe(66.67);
  });
});
