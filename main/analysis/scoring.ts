import type { CriterionAnswer, ScorecardCriterion } from '../../preload/contract/schemas/analysis.js';
import { failsAutoFail } from '../../preload/contract/schemas/flags.js';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';

/**
 * The weighted total, computed by the app and never by the model. A yes/no criterion earns its whole
 * weight for "yes"; a 1–5 criterion earns (score − 1) / 4 of it. "n/a" leaves the criterion out of both
 * earned and possible. An auto-fail criterion answered "no" (or 1) sets the total to 0.
 */
export function fractionOf(type: RubricCriterion['type'], answer: CriterionAnswer): number | null {
  if (answer === 'n/a') return null;
  if (type === 'yes_no') return answer === 'yes' ? 1 : answer === 'no' ? 0 : null;
  const n = Number(answer);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? (n - 1) / 4 : null;
}

export { failsAutoFail };

/**
 * Whether a final answer counts as a pass (the Dashboard's pass rate, the Calls list's pass/fail
 * filter): yes or 3–5 passes, no or 1–2 fails, n/a (or anything else) is neither.
 */
export function passOf(answer: string): boolean | null {
  if (answer === 'yes' || answer === '3' || answer === '4' || answer === '5') return true;
  if (answer === 'no' || answer === '1' || answer === '2') return false;
  return null;
}

export interface Totals {
  earned: number;
  possible: number;
  scorePct: number | null;
  autoFailed: boolean;
  autoFailedBy: string[];
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function pointsFor(c: Pick<ScorecardCriterion, 'type' | 'answer' | 'weight'>): number | null {
  const f = fractionOf(c.type, c.answer);
  return f === null ? null : round2(f * c.weight);
}

export function totals(criteria: readonly ScorecardCriterion[]): Totals {
  let earned = 0;
  let possible = 0;
  const autoFailedBy: string[] = [];
  for (const c of criteria) {
    const f = fractionOf(c.type, c.answer);
    if (f === null) continue;
    earned += f * c.weight;
    possible += c.weight;
    if (c.autoFail && failsAutoFail(c.type, c.answer)) autoFailedBy.push(c.id);
  }
  const autoFailed = autoFailedBy.length > 0;
  const scorePct = possible === 0 ? null : autoFailed ? 0 : round2((earned / possible) * 100);
  return { earned: round2(earned), possible: round2(possible), scorePct, autoFailed, autoFailedBy };
}
