import type { Scorecard } from '../../preload/contract/schemas/analysis.js';

/**
 * The score after reviewer overrides. The AI's total is stored; an override changes one criterion's
 * answer, so the report recomputes points the same way analysis does: yes = full weight, no = 0,
 * a 1–5 scale is linear (1 → 0, 5 → full), N/A leaves the criterion out; an auto-fail criterion
 * answered no (or 1) makes the call 0.
 */
export function answerValue(answer: string): number | null {
  if (answer === 'yes') return 1;
  if (answer === 'no') return 0;
  if (answer === 'n/a') return null;
  const n = Number(answer);
  return Number.isInteger(n) && n >= 1 && n <= 5 ? (n - 1) / 4 : null;
}

export const isFailingAnswer = (answer: string) => answer === 'no' || answer === '1';

export interface FinalScore {
  earned: number;
  possible: number;
  scorePct: number | null;
  autoFailed: boolean;
}

export function finalScore(scorecard: Scorecard, overrides: ReadonlyMap<string, string>): FinalScore {
  let earned = 0;
  let possible = 0;
  let autoFailed = false;
  for (const c of scorecard.criteria) {
    const answer = overrides.get(c.id) ?? c.answer;
    const v = answerValue(answer);
    if (c.autoFail && isFailingAnswer(answer)) autoFailed = true;
    if (v === null) continue;
    earned += v * c.weight;
    possible += c.weight;
  }
  const scorePct = possible === 0 ? null : autoFailed ? 0 : Math.round((earned / possible) * 1000) / 10;
  return { earned, possible, scorePct, autoFailed };
}
