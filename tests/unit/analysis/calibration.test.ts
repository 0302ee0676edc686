import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from '../../../main/analysis/agreement.js';
import { answerKey, callKey, criterionResults, matchesConsensus } from '../../../main/analysis/calibration.js';
import { answerProblem } from '../../../main/domains/calibrations/answer-rules.js';
import type { CalibrationAnswerValue } from '../../../preload/contract/schemas/calibrations.js';
import type { RubricCriterion } from '../../../preload/contract/schemas/rubrics.js';

/** A calibration's statistics per criterion (main/analysis/calibration.ts) over the tested agreement.ts. */
const yesNo: RubricCriterion = { id: 'greet', section: 'Opening', question: 'Greeted?', guidance: '', type: 'yes_no', weight: 10, allowNa: true, autoFail: false };
const scale: RubricCriterion = { ...yesNo, id: 'tone', question: 'Tone 1–5', type: 'scale_1_5' };

function inputs(answers: Record<string, CalibrationAnswerValue>, ai: Record<string, CalibrationAnswerValue> = {}, consensus: Record<string, CalibrationAnswerValue> = {}) {
  return { criteria: [yesNo, scale], recordingIds: [1, 2, 3], reviewerIds: [10, 20], answers: new Map(Object.entries(answers)), ai: new Map(Object.entries(ai)), consensus: new Map(Object.entries(consensus)) };
}

describe('calibration results', () => {
  it('reads yes/no as labels (n/a one of them) and 1–5 as ordinal ranks (n/a no answer)', () => {
    const a: Record<string, CalibrationAnswerValue> = {};
    const put = (u: number, r: number, c: string, v: CalibrationAnswerValue) => void (a[answerKey(u, r, c)] = v);
    put(10, 1, 'greet', 'yes'); put(20, 1, 'greet', 'yes');
    put(10, 2, 'greet', 'no'); put(20, 2, 'greet', 'n/a');
    put(10, 3, 'greet', 'no'); put(20, 3, 'greet', 'no');
    put(10, 1, 'tone', '4'); put(20, 1, 'tone', '5');
    put(10, 2, 'tone', '1'); put(20, 2, 'tone', '2');
    put(10, 3, 'tone', 'n/a'); put(20, 3, 'tone', '3');
    const [greet, tone] = criterionResults(inputs(a, { [callKey(1, 'greet')]: 'yes', [callKey(2, 'greet')]: 'no' }));
    expect(greet!.level).toBe('nominal');
    expect(greet!.amongReviewers.percent).toBeCloseTo(2 / 3, 10);
    expect(greet!.amongReviewers.alpha).toBeCloseTo(krippendorffAlpha([['yes', 'yes'], ['no', 'n/a'], ['no', 'no']], 'nominal')!, 10);
    // The AI answered two calls: 3 of the reviewers' 4 answers there match it.
    expect(greet!.reviewersMatchAi).toBe(0.75);
    expect(tone!.level).toBe('ordinal');
    expect(tone!.amongReviewers.pairs).toBe(2);
    expect(tone!.amongReviewers.alpha).toBeCloseTo(krippendorffAlpha([[4, 5], [1, 2], [null, 3]], 'ordinal')!, 10);
    expect(tone!.calls[2]!.answers).toEqual(['n/a', '3']);
  });

  it('is ambiguous below 0.667, not when every answer is the same (alpha undefined) or nothing is compared', () => {
    const same = criterionResults(inputs({ [answerKey(10, 1, 'greet')]: 'yes', [answerKey(20, 1, 'greet')]: 'yes', [answerKey(10, 2, 'greet')]: 'yes', [answerKey(20, 2, 'greet')]: 'yes' }))[0]!;
    expect(same.amongReviewers).toEqual({ percent: 1, alpha: null, pairs: 2 });
    expect(same.ambiguous).toBe(false);
    const split = criterionResults(inputs({ [answerKey(10, 1, 'greet')]: 'yes', [answerKey(20, 1, 'greet')]: 'no', [answerKey(10, 2, 'greet')]: 'no', [answerKey(20, 2, 'greet')]: 'yes' }))[0]!;
    expect(split.amongReviewers.alpha!).toBeLessThan(0.667);
    expect(split.ambiguous).toBe(true);
    expect(criterionResults(inputs({}))[1]!).toMatchObject({ ambiguous: false, amongReviewers: { percent: null, alpha: null, pairs: 0 }, reviewersMatchAi: null });
  });

  it('scores each reviewer against the consensus where there is one', () => {
    const x = inputs(
      { [answerKey(10, 1, 'greet')]: 'yes', [answerKey(20, 1, 'greet')]: 'no', [answerKey(10, 2, 'tone')]: '3', [answerKey(20, 2, 'tone')]: '3' },
      {}, { [callKey(1, 'greet')]: 'yes', [callKey(2, 'tone')]: '3' },
    );
    expect(matchesConsensus(x)).toEqual([{ userId: 10, matches: 1, compared: 2 }, { userId: 20, matches: 0.5, compared: 2 }]);
  });

  it('checks an answer against its criterion, saying how to fix it', () => {
    expect(answerProblem(yesNo, 'yes')).toBeNull();
    expect(answerProblem(yesNo, '3')).toBe('a yes/no criterion takes yes or no, not 3');
    expect(answerProblem(scale, 'no')).toBe('a 1–5 criterion takes 1 to 5, not no');
    expect(answerProblem({ ...scale, allowNa: false }, 'n/a')).toBe('this criterion does not allow n/a');
  });
});
