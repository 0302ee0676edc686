import { z } from 'zod';
import { CallFilter } from './calls.js';

/** Team QA: calls given to reviewers — by a lead's selection or by a sampling rule. */
export const Stratification = z.enum(['none', 'queue', 'outcome', 'scoreBand']);
export type Stratification = z.infer<typeof Stratification>;

/** open: not reviewed yet, due later or no due date · overdue: not reviewed, due date passed · done: the call is reviewed. */
export const AssignmentStatus = z.enum(['open', 'overdue', 'done']);
export type AssignmentStatus = z.infer<typeof AssignmentStatus>;

const day = z.iso.date();

export const AssignmentView = z.object({
  id: z.number().int(),
  recordingId: z.number().int(),
  fileName: z.string(),
  agent: z.string().nullable(),
  queue: z.string().nullable(),
  callAt: z.string(),
  scorePct: z.number().nullable(),
  reviewerId: z.number().int(),
  reviewer: z.string(),
  dueOn: day.nullable(),
  status: AssignmentStatus,
  source: z.enum(['selection', 'sample']),
  stratum: z.string().nullable(),
  assignedBy: z.string(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
});
export type AssignmentView = z.infer<typeof AssignmentView>;

export const AssignmentList = z.object({
  items: z.array(AssignmentView),
  /** Over every assignment the query matched (not only this page). */
  progress: z.object({ total: z.number().int(), done: z.number().int(), open: z.number().int(), overdue: z.number().int() }),
});
export type AssignmentList = z.infer<typeof AssignmentList>;

export const ReviewerLoad = z.object({
  reviewerId: z.number().int(),
  reviewer: z.string(),
  role: z.string(),
  open: z.number().int(),
  overdue: z.number().int(),
  done: z.number().int(),
  /** The oldest due date among open and overdue assignments. */
  oldestDue: day.nullable(),
});
export type ReviewerLoad = z.infer<typeof ReviewerLoad>;

export const SampleRule = z.object({
  /** The population: the Calls list's filters (e.g. a week: from/to). Only analysed calls nobody has reviewed or been given are sampled. */
  filter: CallFilter.default({}),
  perAgent: z.number().int().min(1).max(1000),
  stratifyBy: Stratification.default('none'),
  /** Any text: the same seed draws the same calls from the same population (a dry run shows what a commit will do). */
  seed: z.string().trim().min(1).max(100),
  reviewerIds: z.array(z.number().int().positive()).min(1).max(500),
  dueOn: day.nullable().default(null),
});
export type SampleRule = z.infer<typeof SampleRule>;

export const SamplePick = z.object({
  recordingId: z.number().int(),
  fileName: z.string(),
  agent: z.string(),
  callAt: z.string(),
  stratum: z.string(),
  reviewerId: z.number().int(),
  reviewer: z.string(),
});

export const SampleResult = z.object({
  committed: z.boolean(),
  /** Calls the rule could pick from (analysed, matching the filter, not reviewed, not given to anyone). */
  population: z.number().int(),
  picks: z.array(SamplePick),
  /** Picks per stratum, over all agents. */
  strata: z.array(z.object({ stratum: z.string(), population: z.number().int(), picked: z.number().int() })),
  /** Agents with fewer candidate calls than the rule asks for: all of theirs are picked. */
  shortfalls: z.array(z.object({ agent: z.string(), wanted: z.number().int(), available: z.number().int() })),
  /** Calls in the filter left out because they have no agent (a per-agent rule cannot place them). */
  withoutAgent: z.number().int(),
});
export type SampleResult = z.infer<typeof SampleResult>;

export const AssignInput = z.object({
  recordingIds: z.array(z.number().int().positive()).min(1).max(10_000),
  reviewerIds: z.array(z.number().int().positive()).min(1).max(500),
  dueOn: day.nullable().default(null),
});

export const AssignResult = z.object({
  created: z.array(AssignmentView),
  /** Calls not given: already given to someone, already reviewed, or not found. */
  skipped: z.array(z.object({ recordingId: z.number().int(), reason: z.enum(['already_assigned', 'already_reviewed', 'not_found']) })),
});

/** A sampling rule that runs by itself every Monday on the week before (its seed: "<name> <ISO week>"). */
export const WeeklyRuleInput = z.object({
  name: z.string().trim().min(1).max(80),
  /** The population's other filters (queue, score…); the dates are each run's week. */
  filter: CallFilter.omit({ from: true, to: true, ids: true }).default({}),
  perAgent: z.number().int().min(1).max(1000),
  stratifyBy: Stratification.default('none'),
  reviewerIds: z.array(z.number().int().positive()).min(1).max(500),
  /** The picks are due this many days after the run. */
  dueInDays: z.number().int().min(0).max(60).default(5),
});
export type WeeklyRuleInput = z.infer<typeof WeeklyRuleInput>;

export const WeeklyRuleView = WeeklyRuleInput.extend({
  id: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The ISO week it last sampled (e.g. "2024-W18"), null before its first run. */
  lastWeek: z.string().nullable(),
  lastRunAt: z.string().nullable(),
  lastResult: z.object({ assigned: z.number().int().optional(), shortfalls: z.number().int().optional(), error: z.string().optional() }).nullable(),
  /** The week its next run will sample. */
  nextWeek: z.string(),
});
export type WeeklyRuleView = z.infer<typeof WeeklyRuleView>;
