import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineOperation } from '../define.js';
import { AnalysisView, PriceEntry, type CallAnalysis } from '../schemas/analysis.js';

const RecordingId = PathId;

const exampleAnalysis: CallAnalysis = {
  summary: 'The customer was double-charged for May. The agent verified them, confirmed the duplicate payment and refunded it.',
  callReason: 'Duplicate charge on the monthly bill', outcome: 'resolved',
  sentiment: { start: 'negative', end: 'positive', segments: [{ start: 6.2, end: 9.8, sentiment: 'negative', quote: 'I was charged twice this month' }] },
  behaviours: [{ behaviour: 'Apologised for the error', observed: true, evidence: [{ quote: 'I am sorry about that', start: 14.1, end: 15.3 }] }],
  compliance: [{ item: 'Recording disclosure', status: 'met', evidence: [{ quote: 'this call is recorded', start: 2.2, end: 3.4 }] }],
  actionItems: [{ owner: 'company', text: 'Refund arrives in 3–5 working days' }],
  coachingNotes: ['Offer to set up a payment alert to prevent repeats.'], topics: ['billing', 'refund'],
  scorecard: {
    rubricId: 1, rubricName: 'Standard call review', rubricVersion: 1, earned: 15, possible: 15, scorePct: 100, autoFailed: false, autoFailedBy: [],
    criteria: [{
      id: 'recording_disclosure', section: 'Compliance', question: 'Did the agent tell the caller the call is recorded or monitored?', type: 'yes_no',
      answer: 'yes', score: 15, weight: 15, autoFail: true, source: 'rule', rationale: 'The agent said "this call is recorded" at 2.2 s in the first 30.0 s.',
      evidence: [{ quote: 'this call is recorded', start: 2.2, end: 3.4 }],
    }],
  },
  flags: [],
};
const exampleView = {
  id: 7, recordingId: 12, model: 'gpt-4.1-mini', promptVersion: 'qa-2025.1', transcriptHash: '9c1e…', inputTokens: 2140, outputTokens: 612,
  costUsd: 0.001835, createdAt: '2024-05-03T09:13:20.000Z', cached: false, analysis: exampleAnalysis,
};

export const analysisOperations = {
  'analysis.get': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/analysis', tag: 'analysis', role: 'agent', scope: 'recording',
    summary: 'The current analysis: summary, sentiment, compliance, coaching notes and the scorecard (criteria with answer, score, weight, source, rationale, evidence quotes with times).',
    input: z.object({ id: RecordingId }),
    output: AnalysisView,
    example: { input: { id: 12 }, output: exampleView },
  }),
  'analysis.run': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/analyze', tag: 'analysis', role: 'reviewer',
    summary: 'Analyse the transcript now, with the default rubric or the one named. Cached: with nothing changed it answers from the stored analysis without calling the provider.',
    input: z.object({ id: RecordingId, rubricId: z.coerce.number().int().positive().optional() }),
    output: AnalysisView,
    example: { input: { id: 12, rubricId: 1 }, output: { ...exampleView, cached: true } },
  }),
  'prices.list': defineOperation({
    method: 'GET', path: '/api/v1/prices', tag: 'analysis', role: 'reviewer', blind: 'safe',
    summary: 'USD prices per model used for cost figures (defaults plus your edits).',
    input: z.object({}),
    output: z.array(PriceEntry),
    example: { input: {}, output: [{ model: 'gpt-4.1-mini', provider: 'openai', perAudioMinute: null, perMInput: 0.4, perMOutput: 1.6 }] },
  }),
  'prices.update': defineOperation({
    method: 'PUT', path: '/api/v1/prices/{model}', tag: 'analysis', role: 'admin', blind: 'safe',
    summary: 'Set the price of one model (e.g. your negotiated rate, or a local server at 0).',
    input: PriceEntry,
    output: z.array(PriceEntry),
    example: { input: { model: 'scribe_v2', provider: 'elevenlabs', perAudioMinute: 0.005, perMInput: null, perMOutput: null }, output: [] },
  }),
};
