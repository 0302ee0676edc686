import { z } from 'zod';
import { defineOperation } from '../define.js';
import { BatchId } from '../schemas/recordings.js';
import { CostEstimate, EstimateRequest, ImportBatchList, ImportBatchReport } from '../schemas/estimates.js';

const estimate: CostEstimate = {
  recordings: 12, audioSec: 2_040, totalUsd: 0.2512, savedUsd: 0, unpriced: [], seconds: 95, budgetLeftUsd: null,
  steps: [
    { step: 'transcribe', provider: 'elevenlabs', model: 'scribe_v2', calls: 12, skipped: 0, audioSec: 2_040, usd: 0.2267, savedUsd: 0, providerSec: 310, basis: 'history' },
    { step: 'analyze', provider: 'openai', model: 'gpt-4.1-mini', calls: 12, skipped: 0, audioSec: 2_040, usd: 0.0245, savedUsd: 0, providerSec: 96, basis: 'price_table' },
  ],
};
const batch: ImportBatchReport = {
  id: 'b-m3x9-4kq1', createdAt: 1_714_730_000_000, files: 13, recordings: 12, estimate,
  actual: { usd: 0.2391, requests: 24, stepsDone: 24, stepsLeft: 0, seconds: 104 },
};

export const estimateOperations = {
  'estimates.forRecordings': defineOperation({
    method: 'POST', path: '/api/v1/estimates', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: 'Provider cost and time before they are spent: for these recordings (a fresh pipeline, or a re-run from `step`), per paid step the calls that will reach the provider, the model, the USD from the price table or recent history, what the analysis cache saves, and the wall time at the configured concurrency. Sends nothing anywhere.',
    input: EstimateRequest, output: CostEstimate,
    example: { input: { recordingIds: [3, 4], step: 'analyze' }, output: estimate },
  }),
  'importBatches.list': defineOperation({
    method: 'GET', path: '/api/v1/import-batches', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: 'Recent import batches, newest first: the estimate made when each batch was in (before any provider step ran) beside what it really cost and took.',
    input: z.object({ limit: z.coerce.number().int().min(1).max(200).default(20).meta({ description: 'How many batches.', example: '20' }) }),
    output: ImportBatchList,
    example: { input: { limit: 20 }, output: { batches: [batch] } },
  }),
  'importBatches.get': defineOperation({
    method: 'GET', path: '/api/v1/import-batches/{id}', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: "One import batch's estimate and its actual cost and time so far.",
    input: z.object({ id: BatchId }), output: ImportBatchReport,
    example: { input: { id: 'b-m3x9-4kq1' }, output: batch },
  }),
};
