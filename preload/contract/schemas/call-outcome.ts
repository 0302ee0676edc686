import type { CallAnalysis, Outcome } from './analysis.js';

/**
 * The call's outcome (resolved, escalated, callback, unresolved) and its reason for the call: the AI's
 * reading of how the whole call went, from the transcript — not derived from any scorecard answer, so
 * overriding "Was the issue resolved?" does not change it by itself. A reviewer overrides the outcome
 * and reason like any answer (with a comment, audited); every view, export and figure reads
 * `finalOutcome`, the reviewer's values where they overrode, else the AI's.
 *
 * Stored in the overrides table under these keys (criterion ids cannot contain ':').
 */
export const outcomeKey = 'call:outcome';
export const reasonKey = 'call:reason';
export const isCallKey = (key: string) => key.startsWith('call:');

export const outcomeSource = 'The AI’s reading of how the whole call ended, from the transcript — not from the scorecard’s answers. Override it if the reviewer reads the call differently.';

export const outcomeLabels: Record<Outcome, string> = { resolved: 'Resolved', escalated: 'Escalated', callback: 'Callback', unresolved: 'Unresolved' };

export const outcomeLabel = (o: string | null | undefined) => (o ? (outcomeLabels[o as Outcome] ?? o) : '');

export interface FinalOutcome {
  outcome: Outcome;
  callReason: string;
  /** True when a reviewer's value replaces the AI's (outcome or reason). */
  overridden: boolean;
}

export function finalOutcome(a: Pick<CallAnalysis, 'outcome' | 'callReason'>, finalAnswers: ReadonlyMap<string, string>): FinalOutcome {
  const outcome = (finalAnswers.get(outcomeKey) as Outcome | undefined) ?? a.outcome;
  const callReason = finalAnswers.get(reasonKey) ?? a.callReason;
  return { outcome, callReason, overridden: outcome !== a.outcome || callReason !== a.callReason };
}
