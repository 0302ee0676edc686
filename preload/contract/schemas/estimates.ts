import { z } from 'zod';
import { StepName } from './queue.js';

/**
 * What a batch will cost and take before anything is spent: per paid step, the calls that will reach
 * the provider, those that will not (a transcript already there, an analysis cache hit), the model,
 * the price and the time. `basis` says where the figures come from: this app's own recent requests
 * with that model (`history`) or the price table and typical speeds (`price_table`).
 */
export const StepEstimate = z.object({
  step: z.enum(['transcribe', 'analyze']),
  provider: z.string(),
  model: z.string(),
  /** Calls that will send a request for this step. */
  calls: z.number().int(),
  /** Calls that will not: transcript already attached (transcribe) or cached analysis (analyze). */
  skipped: z.number().int(),
  audioSec: z.number(),
  /** USD for the calls that will reach the provider; null when the model has no price. */
  usd: z.number().nullable(),
  /** USD the skipped calls would have cost (what the analysis cache saves). */
  savedUsd: z.number(),
  /** Provider time summed over the calls (divide by the concurrency for wall time). */
  providerSec: z.number(),
  basis: z.enum(['history', 'price_table']),
});
export type StepEstimate = z.infer<typeof StepEstimate>;

export const CostEstimate = z.object({
  recordings: z.number().int(),
  audioSec: z.number(),
  steps: z.array(StepEstimate),
  /** Known costs summed; models without a price are listed in `unpriced` instead. */
  totalUsd: z.number(),
  savedUsd: z.number(),
  unpriced: z.array(z.string()),
  /** Estimated wall time for the paid steps at the configured concurrency, seconds. */
  seconds: z.number(),
  /** What is left of this month's budget (CCA_MONTHLY_BUDGET_USD); null when no budget is set. */
  budgetLeftUsd: z.number().nullable(),
});
export type CostEstimate = z.infer<typeof CostEstimate>;

export const EstimateRequest = z.object({
  recordingIds: z.array(z.number().int().positive()).min(1).max(10_000),
  /** A re-run from this step (it and the steps after it run again); omitted: the pipeline as after import. */
  step: StepName.optional().meta({ description: 'Re-run from this step; omitted: what a fresh import would run.', example: 'analyze' }),
});
export type EstimateRequest = z.infer<typeof EstimateRequest>;

/** What a batch really cost and took so far, from the egress ledger and its jobs. */
export const BatchActual = z.object({
  usd: z.number(),
  requests: z.number().int(),
  /** Paid steps finished (done) and still to go, over the batch's recordings. */
  stepsDone: z.number().int(),
  stepsLeft: z.number().int(),
  /** From the batch's import to its last paid step finishing; null while steps are left. */
  seconds: z.number().nullable(),
});

export const ImportBatchReport = z.object({
  id: z.string(),
  createdAt: z.number().int(),
  files: z.number().int(),
  recordings: z.number().int(),
  estimate: CostEstimate,
  actual: BatchActual,
});
export type ImportBatchReport = z.infer<typeof ImportBatchReport>;

export const ImportBatchList = z.object({ batches: z.array(ImportBatchReport) });
export type ImportBatchList = z.infer<typeof ImportBatchList>;
