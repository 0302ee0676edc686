import type { CallAnalysis, CriterionAnswer } from './analysis.js';
import type { RubricCriterion } from './rubrics.js';

/**
 * Why a call carries each flag, in words, from one definition per flag. The Compliance flag is set
 * exactly when `complianceReasons` is not empty: the stored flag, the Calls list's hover and the call
 * page all come from it. Final answers count: a reviewer who overrides an auto-fail criterion or a
 * compliance item changes the reasons (and so the flag).
 */

/** An auto-fail criterion fails on "no" (yes/no) or 1 (1–5). The scoring function uses this too. */
export const failsAutoFail = (type: RubricCriterion['type'], answer: CriterionAnswer) =>
  type === 'yes_no' ? answer === 'no' : answer === '1';

/** Compliance items are overridden by a reviewer under this key in the overrides table. */
export const complianceKey = (item: string) => `compliance:${item}`;

export type ComplianceStatus = CallAnalysis['compliance'][number]['status'];

export function complianceReasons(
  a: Pick<CallAnalysis, 'scorecard' | 'compliance'>,
  finalAnswers: ReadonlyMap<string, string> = new Map(),
): string[] {
  const reasons: string[] = [];
  for (const c of a.scorecard.criteria) {
    const answer = (finalAnswers.get(c.id) ?? c.answer) as CriterionAnswer;
    if (c.autoFail && failsAutoFail(c.type, answer)) reasons.push(`Auto-fail: “${c.question}” answered ${answer === 'no' ? 'No' : answer}`);
  }
  for (const item of a.compliance) {
    const status = finalAnswers.get(complianceKey(item.item)) ?? item.status;
    if (status === 'not_met') reasons.push(`Not met: ${item.item}`);
  }
  return reasons;
}

/** The other flags' reasons need nothing stored: they follow from the row. */
export const flagWhy = {
  pii: 'Personal data (card numbers, dates of birth…) was found in the transcript: see Personal data on the call page.',
  escalation: 'The call ended escalated (its outcome: the AI\'s reading of the call, or the reviewer\'s where they overrode it).',
} as const;
