import { z } from 'zod';
import { defineOperation } from '../define.js';
import { PathId } from '../schemas/ids.js';
import { EgressReport, ProblemList, ProblemRetry, ProblemRetryResult, RecordingEgress, SystemMetrics, SystemMetricsQuery, TimeRange, type EgressItem, type ProblemGroup } from '../schemas/observability.js';

const exampleItem: EgressItem = {
  id: 41, at: 1_714_730_000_000, step: 'transcribe', provider: 'elevenlabs', operation: 'speech_to_text', endpoint: 'POST /v1/speech-to-text',
  model: 'scribe_v2', bytesSent: 1_048_932, bytesReceived: 18_220, audioSec: 32.7, charsSent: null, status: 200, error: null,
  requestId: 'req_7f3a', costUsd: 0.0022, traceId: null, durationMs: 2_410,
};
const totals = { requests: 1, bytesSent: 1_048_932, bytesReceived: 18_220, audioSec: 32.7, charsSent: 0, costUsd: 0.0022 };
const exampleGroup: ProblemGroup = {
  category: 'rate_limit', step: 'analyze', provider: 'openai', fingerprint: 'The provider asked us to slow down (<n>).',
  message: 'The provider asked us to slow down (429).', hint: 'Nothing to do: the step retries by itself.', count: 14, recordings: 9,
  failedNow: 0, firstSeen: 1_714_720_000_000, lastSeen: 1_714_730_000_000, sampleTraceId: null, recordingIds: [12, 15, 19],
};

export const observabilityOperations = {
  'egress.forRecording': defineOperation({
    method: 'GET', path: '/api/v1/recordings/{id}/egress', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: 'What of this call left the machine: every request to a provider (when, endpoint, model, bytes each way, audio seconds or characters, status, request id, cost) and the totals.',
    input: z.object({ id: PathId }), output: RecordingEgress,
    example: { input: { id: 12 }, output: { leftMachine: true, items: [exampleItem], totals } },
  }),
  'egress.report': defineOperation({
    method: 'GET', path: '/api/v1/egress', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: 'Requests, bytes, audio seconds, characters and cost sent to providers, per provider and UTC day, in a time range.',
    input: TimeRange, output: EgressReport,
    example: { input: { from: '2024-05-01' }, output: { from: '2024-05-01T00:00:00.000Z', to: '2024-05-08T00:00:00.000Z', days: [{ ...totals, day: '2024-05-03', provider: 'elevenlabs' }], providers: [{ ...totals, provider: 'elevenlabs' }] } },
  }),
  'problems.list': defineOperation({
    method: 'GET', path: '/api/v1/problems', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: 'Failed step attempts in a time range, grouped by category × step × provider × normalised message, with counts, first and last seen, affected recordings and a sample trace id.',
    input: TimeRange, output: ProblemList,
    example: { input: {}, output: { from: '2024-05-01T00:00:00.000Z', to: '2024-05-08T00:00:00.000Z', groups: [exampleGroup], total: 1 } },
  }),
  'system.metrics': defineOperation({
    method: 'GET', path: '/api/v1/system/metrics', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: 'The System view: throughput, provider latency and errors, queue depth, cost, imports, event-loop lag, memory and circuit breakers over the last hour, day or week, from the per-minute rollups the app stores (no Prometheus needed).',
    input: SystemMetricsQuery, output: SystemMetrics,
    example: { input: { range: '1h' }, output: { range: '1h', bucketSec: 60, times: [1_714_730_000_000, 1_714_730_060_000], series: [{ name: 'steps_done', key: 'transcribe', values: [4, 6] }] } },
  }),
  'problems.retry': defineOperation({
    method: 'POST', path: '/api/v1/problems/retry', tag: 'observability', role: 'reviewer', blind: 'safe',
    summary: "Retry every recording of one problem group whose step is failed now (the step starts again with a fresh attempt budget). Recordings that recovered are left alone.",
    input: ProblemRetry, output: ProblemRetryResult,
    example: { input: { category: 'provider', step: 'transcribe', provider: 'elevenlabs', fingerprint: 'The transcription service is unavailable (<n>).' }, output: { recordings: 3, changed: 3 } },
  }),
};
