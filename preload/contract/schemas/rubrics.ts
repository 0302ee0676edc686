import { z } from 'zod';
import { RuleDefinition } from './rules.js';

/**
 * QA rubrics: what a scorecard asks. A criterion is a yes/no or 1–5 question with a weight; N/A may be
 * allowed; an auto-fail criterion answered "no" (or 1 on a scale) fails the whole call. A criterion
 * with a `rule` is decided on this machine by the deterministic rule checks (source "rule"); the rest
 * are answered by the analysis model (source "ai").
 */
export const CriterionType = z.enum(['yes_no', 'scale_1_5']);
export type CriterionType = z.infer<typeof CriterionType>;

/** Letters, digits and underscores: the id is also a property name in the model's output schema. */
export const CriterionId = z.string().regex(/^[a-z][a-z0-9_]{0,47}$/, 'use lower-case letters, digits and _ (max 48), starting with a letter');

export const RubricCriterion = z.object({
  id: CriterionId,
  section: z.string().min(1).max(60),
  question: z.string().min(3).max(500),
  /** Extra guidance for the model (what counts as yes). */
  guidance: z.string().max(1000).default(''),
  type: CriterionType,
  weight: z.number().positive().max(100),
  allowNa: z.boolean().default(false),
  autoFail: z.boolean().default(false),
  /** Decide this criterion with a local rule instead of the model. */
  rule: RuleDefinition.optional(),
});
export type RubricCriterion = z.infer<typeof RubricCriterion>;
export type RubricCriterionInput = z.input<typeof RubricCriterion>;

const uniqueIds = (cs: { id: string }[]) => new Set(cs.map((c) => c.id)).size === cs.length;

export const RubricInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().max(1000).default(''),
  criteria: z.array(RubricCriterion).min(1).max(60).refine(uniqueIds, 'criterion ids must be unique'),
  makeDefault: z.boolean().default(false),
});
export type RubricInput = z.input<typeof RubricInput>;

export const RubricView = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  version: z.number().int(),
  criteria: z.array(RubricCriterion),
  isDefault: z.boolean(),
  builtin: z.boolean(),
  updatedAt: z.string(),
});
export type RubricView = z.infer<typeof RubricView>;
