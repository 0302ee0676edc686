import { flagWhy } from '../../../../preload/contract/schemas/flags.js';
import { outcomeLabel } from '../../../../preload/contract/schemas/call-outcome.js';
import type { CallFilter, CallRow, CriterionResult } from '../../../../preload/contract/schemas/calls.js';

/** Display formats of the Calls table (pure: unit-tested). */


export const statusLabel: Record<CallRow['status'], string> = {
  imported: 'Imported',
  queued: 'Queued',
  processing: 'Processing',
  waiting: 'Waiting',
  failed: 'Failed',
  cancelled: 'Cancelled',
  done: 'Done',
};

export const flagLabel: Record<CallRow['flags'][number], string> = {
  compliance: 'Compliance',
  pii: 'PII',
  escalation: 'Escalated',
  needs_review: 'Needs review',
};

/** Compact chips so every flag fits the column; the full name and the reason are in the tooltip. */
export const flagShort: Record<CallRow['flags'][number], string> = { compliance: 'Compl.', pii: 'PII', escalation: 'Esc.', needs_review: 'Review' };

export function flagReason(r: CallRow, f: CallRow['flags'][number]): string {
  if (f === 'compliance') return r.complianceReasons.length ? r.complianceReasons.join('; ') : 'Compliance: an auto-fail criterion failed or a compliance item is not met.';
  if (f === 'needs_review') {
    const why = [
      r.transcriptQuality !== null ? `transcript quality ${r.transcriptQuality}/100` : null,
      r.unsupportedAnswers ? `${r.unsupportedAnswers} AI answer${r.unsupportedAnswers === 1 ? '' : 's'} without evidence` : null,
    ].filter(Boolean).join(', ');
    return `The AI's result waits for a person's review before its score counts (${why}).`;
  }
  return flagWhy[f];
}

export const criterionResultLabel: Record<CriterionResult, string> = { pass: 'passed', fail: 'failed', overridden: 'overridden', unsupported: 'without evidence' };

/**
 * The filters that have no control of their own in the bar (set by a Dashboard click-through or a
 * saved filter), as chips: a name, the value, and the part of the filter that removing it clears.
 */
/** A criterion as people read it: its question (from the facets), the id only when no rubric knows it. */
export type CriterionNames = ReadonlyMap<string, string>;
export const criterionNames = (facets: { criteria: { id: string; question: string }[] } | null): CriterionNames => new Map((facets?.criteria ?? []).map((c) => [c.id, c.question]));

export function filterChips(f: CallFilter, names: CriterionNames = new Map()): { key: string; label: string; value: string; clear: Partial<CallFilter> }[] {
  const chips: { key: string; label: string; value: string; clear: Partial<CallFilter> }[] = [];
  if (f.ids?.length) chips.push({ key: 'ids', label: 'Calls', value: `${f.ids.length} selected`, clear: { ids: undefined } });
  if (f.outcome) chips.push({ key: 'outcome', label: 'Outcome', value: outcomeLabel(f.outcome), clear: { outcome: undefined } });
  if (f.reason) chips.push({ key: 'reason', label: 'Reason', value: f.reason, clear: { reason: undefined } });
  if (f.criterion || f.criterionResult) {
    const value = [f.criterion ? names.get(f.criterion) ?? f.criterion : 'any criterion', f.criterionResult ? criterionResultLabel[f.criterionResult] : null].filter(Boolean).join(' · ');
    chips.push({ key: 'criterion', label: 'Criterion', value, clear: { criterion: undefined, criterionResult: undefined } });
  }
  return chips;
}

type Chip = { key: string; label: string; value: string; clear: Partial<CallFilter> };
const range = (lo: number | undefined, hi: number | undefined) => (lo !== undefined && hi !== undefined ? `${lo}–${hi}` : lo !== undefined ? `${lo} or more` : `up to ${hi}`);

/**
 * Every filter in force, in words (where a filter shapes something away from the Calls list, such as
 * an export): the bar's own controls first, then the ones without a control.
 */
export function filterInWords(f: CallFilter, names: CriterionNames = new Map()): Chip[] {
  const chips: Chip[] = [];
  if (f.q) chips.push({ key: 'q', label: 'Transcript says', value: `“${f.q}”`, clear: { q: undefined } });
  if (f.from || f.to) chips.push({ key: 'date', label: 'Date', value: f.from && f.to ? `${f.from} to ${f.to}` : f.from ? `from ${f.from}` : `until ${f.to}`, clear: { from: undefined, to: undefined } });
  if (f.agent) chips.push({ key: 'agent', label: 'Agent', value: f.agent, clear: { agent: undefined } });
  if (f.queue) chips.push({ key: 'queue', label: 'Queue', value: f.queue, clear: { queue: undefined } });
  if (f.minScore !== undefined || f.maxScore !== undefined) chips.push({ key: 'score', label: 'Score', value: range(f.minScore, f.maxScore), clear: { minScore: undefined, maxScore: undefined } });
  if (f.minQuality !== undefined || f.maxQuality !== undefined) chips.push({ key: 'quality', label: 'Transcript quality', value: range(f.minQuality, f.maxQuality), clear: { minQuality: undefined, maxQuality: undefined } });
  if (f.status) chips.push({ key: 'status', label: 'Status', value: statusLabel[f.status], clear: { status: undefined } });
  if (f.reviewed) chips.push({ key: 'reviewed', label: 'Review', value: f.reviewed === 'reviewed' ? 'reviewed' : 'not reviewed', clear: { reviewed: undefined } });
  if (f.flag) chips.push({ key: 'flag', label: 'Flag', value: flagLabel[f.flag], clear: { flag: undefined } });
  return [...chips, ...filterChips(f, names)];
}

/** Score band for colour: the app's one scale (preload/contract/score-band.ts). */
export { scoreBand } from '../../../../preload/contract/score-band.js';
