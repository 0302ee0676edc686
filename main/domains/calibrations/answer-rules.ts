import type { CalibrationAnswerValue } from '../../../preload/contract/schemas/calibrations.js';
import type { RubricCriterion } from '../../../preload/contract/schemas/rubrics.js';

/**
 * Whether an answer fits its criterion, said the way a reviewer can fix it: yes/no criteria take yes or
 * no, 1–5 criteria 1 to 5, and n/a only where the rubric allows it. Null when it fits.
 */
export function answerProblem(c: Pick<RubricCriterion, 'type' | 'allowNa'>, answer: CalibrationAnswerValue): string | null {
  if (answer === 'n/a') return c.allowNa ? null : 'this criterion does not allow n/a';
  const scale = /^[1-5]$/.test(answer);
  if (c.type === 'yes_no' && scale) return `a yes/no criterion takes yes or no, not ${answer}`;
  if (c.type === 'scale_1_5' && !scale) return `a 1–5 criterion takes 1 to 5, not ${answer}`;
  return null;
}
