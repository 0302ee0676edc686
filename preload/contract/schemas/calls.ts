import { z } from 'zod';
import { Outcome } from './analysis.js';

/**
 * The Calls list as it crosses the boundary: filters (also what a saved filter stores), sort, the row
 * the table shows, search snippets as parts (never HTML: the UI renders each part as text and marks the
 * hits itself), facet values for the filter dropdowns.
 */

export const callSorts = ['date', 'agent', 'queue', 'duration', 'status', 'score', 'sentiment', 'quality'] as const;
export const CallSort = z.enum(callSorts);
export type CallSort = z.infer<typeof CallSort>;

export const callStatuses = ['imported', 'queued', 'processing', 'waiting', 'failed', 'cancelled', 'done'] as const;
export const CallStatus = z.enum(callStatuses);
export type CallStatus = z.infer<typeof CallStatus>;

/** needs_review: the AI's result waits for a person (low transcript quality, or unsupported answers by setting). */
export const callFlags = ['compliance', 'pii', 'escalation', 'needs_review'] as const;
export const CallFlag = z.enum(callFlags);
export type CallFlag = z.infer<typeof CallFlag>;

export const callOutcomes = Outcome.options;
/** How a call fared on one scorecard criterion (its final answer: the reviewer's when overridden). */
export const criterionResults = ['pass', 'fail', 'overridden', 'unsupported'] as const;
export const CriterionResult = z.enum(criterionResults);
export type CriterionResult = z.infer<typeof CriterionResult>;

/** YYYY-MM-DD (the end date is inclusive). */
const day = z.iso.date();
/** GET query values arrive as strings: numbers are coerced. Clients leave out filters they do not use. */
const score = z.coerce.number().min(0).max(100).optional();
const opt = <T extends z.ZodType>(t: T) => t.optional();

// Each field documents itself (.meta): the OpenAPI document of every route that takes a filter is generated from here.
const doc = <T extends z.ZodType>(t: T, description: string, example: string) => t.meta({ description, example });
/** "1,2,3" or repeated ids=1&ids=2: an explicit set of calls (the list's selection, a problem's calls). */
export const idList = z.preprocess(
  (v) => (v === undefined || v === '' ? undefined : (Array.isArray(v) ? v : typeof v === 'string' || typeof v === 'number' ? String(v).split(',') : [v]).map((x) => Number(String(x).trim()))),
  z.array(z.number().int().positive()).max(100_000).optional(),
);

export const CallFilter = z.object({
  ids: idList.meta({ description: 'Only these calls: comma-separated recording ids.', example: '12,15,18' }),
  /** Forced for a reviewer scoring calls blind in calibration (main/contract/blindness.ts): those calls are left out. */
  exceptIds: idList.meta({ description: 'Leave these calls out: comma-separated recording ids.', example: '13,14' }),
  from: doc(opt(day), 'First day (YYYY-MM-DD), inclusive.', '2024-05-01'),
  to: doc(opt(day), 'Last day (YYYY-MM-DD), inclusive.', '2024-05-31'),
  agent: doc(opt(z.string().max(200)), 'Agent name, exact.', 'Dana Ruiz'),
  queue: doc(opt(z.string().max(200)), 'Queue name, exact.', 'billing'),
  minScore: doc(score, 'Lowest final score (0–100).', '50'),
  maxScore: doc(score, 'Highest final score (0–100).', '90'),
  status: doc(opt(CallStatus), 'Pipeline status.', 'done'),
  reviewed: doc(opt(z.enum(['reviewed', 'unreviewed'])), 'Reviewed by a person or not yet.', 'reviewed'),
  flag: doc(opt(CallFlag), 'Calls carrying this flag.', 'compliance'),
  outcome: doc(opt(Outcome), "The call's final outcome: a reviewer's override, else the AI's.", 'resolved'),
  minQuality: doc(score, 'Lowest transcript quality score (0–100).', '60'),
  maxQuality: doc(score, 'Highest transcript quality score (0–100): the calls below the threshold are maxQuality = threshold − 1.', '59'),
  reason: doc(opt(z.string().max(200)), "The analysis' call reason, matched whole (case and surrounding spaces ignored, as the Dashboard groups them).", 'Billing dispute'),
  criterion: doc(opt(z.string().max(100)), 'Calls scored on this criterion id; with criterionResult, only those that passed, failed or were overridden on it.', 'greeting'),
  criterionResult: doc(opt(CriterionResult), 'pass / fail (the final answer; N/A is neither), overridden (a reviewer changed the AI\'s answer) or unsupported (the AI cited no evidence in the call). Alone: on any criterion.', 'fail'),
  q: doc(opt(z.string().max(500)), 'Full-text search over transcripts (any text is accepted: it is sanitised into an FTS5 phrase).', 'refund'),
});
export type CallFilter = z.infer<typeof CallFilter>;

export const ListCallsInput = CallFilter.extend({
  /** Mask personal data in search snippets (the screen's "hide personal data"). */
  redact: z.union([z.boolean(), z.enum(['true', 'false', '1', '0'])]).optional().transform((v) => v === true || v === 'true' || v === '1'),
  sort: CallSort.default('date'),
  dir: z.enum(['asc', 'desc']).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export type ListCallsInput = z.input<typeof ListCallsInput>;

export const SnippetPart = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

/** Where the search matched: the segment's start (the detail view can seek there) and its text. */
export const CallMatch = z.object({
  startSec: z.number().nullable(),
  role: z.string().nullable(),
  snippet: z.array(SnippetPart),
});
export type CallMatch = z.infer<typeof CallMatch>;

export const CallRow = z.object({
  id: z.number().int(),
  fileName: z.string(),
  /** Call time when known, else the import time. */
  callAt: z.string(),
  /** False when the file name and metadata gave no call time: callAt is then when the call was imported. */
  callTimeKnown: z.boolean(),
  agent: z.string().nullable(),
  queue: z.string().nullable(),
  customer: z.string().nullable(),
  externalCallId: z.string().nullable(),
  direction: z.string().nullable(),
  durationSec: z.number(),
  status: CallStatus,
  scorePct: z.number().nullable(),
  autoFailed: z.boolean(),
  /** 0–100, null until the index step scored the transcript. */
  transcriptQuality: z.number().nullable(),
  /** AI answers of the current analysis that cite no verified evidence. */
  unsupportedAnswers: z.number().int().nonnegative(),
  sentiment: z.enum(['positive', 'neutral', 'negative']).nullable(),
  outcome: z.string().nullable(),
  flags: z.array(CallFlag),
  /** Why the Compliance flag is set, one sentence each (preload/contract/schemas/flags.ts). */
  complianceReasons: z.array(z.string()),
  reviewedAt: z.string().nullable(),
  match: CallMatch.nullable(),
});
export type CallRow = z.infer<typeof CallRow>;

export const CallList = z.object({
  items: z.array(CallRow),
  total: z.number().int(),
  /** True when the search had more hits than the app reads (refine it to see the rest). */
  capped: z.boolean(),
});
export type CallList = z.infer<typeof CallList>;

export const FacetValue = z.object({ value: z.string(), count: z.number().int() });
export const CallFacets = z.object({
  total: z.number().int(),
  agents: z.array(FacetValue),
  queues: z.array(FacetValue),
  statuses: z.array(FacetValue),
  /** Each rubric criterion id with its question (the newest rubric's wording): what people read instead of the id. */
  criteria: z.array(z.object({ id: z.string(), question: z.string() })),
});
export type CallFacets = z.infer<typeof CallFacets>;

export const SavedFilter = z.object({
  id: z.string(),
  name: z.string().min(1).max(80),
  filter: CallFilter,
  sort: CallSort.optional(),
  dir: z.enum(['asc', 'desc']).optional(),
  createdAt: z.string(),
});
export type SavedFilter = z.infer<typeof SavedFilter>;

export const SaveFilterInput = z.object({
  name: z.string().trim().min(1).max(80),
  filter: CallFilter,
  sort: CallSort.optional(),
  dir: z.enum(['asc', 'desc']).optional(),
});
export type SaveFilterInput = z.input<typeof SaveFilterInput>;
