import type { CriterionAnswer, Support } from '../../preload/contract/schemas/analysis.js';
import type { Evidence } from '../../preload/contract/schemas/rules.js';
import type { RubricCriterion } from '../../preload/contract/schemas/rubrics.js';
import { fractionOf } from './scoring.js';

/**
 * Whether an AI answer stands on something a reviewer can check. With verified evidence it does. A
 * negative answer may rest on an absence ("the agent never gave the disclosure"), which no quote can
 * show: the rationale has to say so, and it is then shown as an absence claim. Anything else without
 * evidence is unsupported: the model asserted it and cited nothing that is in the call.
 */
const ABSENCE = /\b(?:no|not|never|none|nothing|nowhere|without|absent|missing|neither|nor|failed to|omitted|did ?n[o']t|does ?n[o']t|was ?n[o']t|were ?n[o']t|is ?n[o']t|at no point)\b/i;

export function supportOf(type: RubricCriterion['type'], answer: CriterionAnswer, evidence: readonly Evidence[], rationale: string): Support | undefined {
  const f = fractionOf(type, answer);
  if (f === null) return undefined;
  if (evidence.length > 0) return 'evidence';
  // "No", or 1–2 on a scale: the answer says something was missing or poor.
  return f <= 0.25 && ABSENCE.test(rationale) ? 'absence_claim' : 'unsupported';
}
