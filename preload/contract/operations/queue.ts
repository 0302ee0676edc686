import { z } from 'zod';
import { PathId } from '../schemas/ids.js';
import { defineEvent, defineOperation } from '../define.js';
import { Changed, JobFilter, JobList, JobView, ProviderStatus, QueueSummary, ServiceList, StepName } from '../schemas/queue.js';

const id = PathId;
const ids = z.array(z.number().int().positive()).min(1).max(10_000);

const exampleJob: JobView = {
  id: 12, recordingId: 3, fileName: '2024-05-02_dana_4411.wav', step: 'transcribe', state: 'waiting_retry', priority: 0,
  attempts: 2, maxAttempts: 6, nextRunAt: 1_760_000_030_000, progress: null,
  error: { category: 'rate_limit', message: 'The provider asked us to slow down (429).', hint: 'Nothing to do: the step retries by itself.' },
  costUsd: null, createdAt: 1_760_000_000_000, updatedAt: 1_760_000_010_000, startedAt: 1_760_000_005_000, finishedAt: null, durationMs: null,
};
const exampleProvider: ProviderStatus = {
  id: 'openai', configured: true, circuit: 'closed', inFlight: 3, concurrency: 4, lastError: null, nextProbeAt: null,
};
const exampleSummary: QueueSummary = {
  paused: false, counts: { queued: 40, running: 4, done: 120, failed: 1 },
  calls: { processing: 22, done: 29, failed: 1 }, activeRecordings: 22, etaSec: 540,
  throughputPerMin: 12.5, providers: [exampleProvider],
};

const exampleServices: ServiceList = {
  transport: 'redis',
  services: [
    { id: 'api-qa1-4120', role: 'api', name: 'api', host: 'qa1', pid: 4120, version: '0.1.0', steps: [], concurrency: 0, inFlight: 6, startedAt: 1_760_000_000_000, lastHeartbeat: 1_760_000_300_000, state: 'live' },
    { id: 'gpu-2-5531-a1b2c3', role: 'worker', name: 'gpu-2', host: 'gpu-2', pid: 5531, version: '0.1.0', steps: ['transcribe', 'analyze'], concurrency: 8, inFlight: 6, startedAt: 1_760_000_010_000, lastHeartbeat: 1_760_000_298_000, state: 'live' },
  ],
};

export const queueOperations = {
  'services.list': defineOperation({
    method: 'GET', path: '/api/v1/services', tag: 'queue', role: 'reviewer', blind: 'safe',
    summary: 'The processes that run the pipeline: the API (scheduler and storage) and, with CCA_QUEUE=redis, each worker service (host, pid, version, steps, concurrency, in flight, started, last heartbeat; gone after 15 s of silence).',
    input: z.object({}), output: ServiceList,
    example: { input: {}, output: exampleServices },
  }),
  'queue.summary': defineOperation({
    method: 'GET', path: '/api/v1/queue', tag: 'queue', role: 'reviewer', blind: 'safe',
    summary: 'Queue at a glance: paused or not, jobs per state, batch ETA, provider circuits and concurrency in use.',
    input: z.object({}), output: QueueSummary,
    example: { input: {}, output: exampleSummary },
  }),
  'jobs.list': defineOperation({
    method: 'GET', path: '/api/v1/jobs', tag: 'queue', role: 'reviewer', blind: 'safe',
    summary: 'Pipeline jobs (one per recording and step), filtered by state, step, recording or file name.',
    input: JobFilter, output: JobList,
    example: { input: { state: 'failed', limit: 50 }, output: { jobs: [exampleJob], total: 1 } },
  }),
  'queue.pause': defineOperation({
    method: 'POST', path: '/api/v1/queue/pause', tag: 'queue', role: 'reviewer', blind: 'safe',
    summary: 'Pause the whole queue. Running steps finish their current attempt; nothing new starts until resume.',
    input: z.object({}), output: QueueSummary,
    example: { input: {}, output: { ...exampleSummary, paused: true } },
  }),
  'queue.resume': defineOperation({
    method: 'POST', path: '/api/v1/queue/resume', tag: 'queue', role: 'reviewer', blind: 'safe',
    summary: 'Resume the queue after a pause.',
    input: z.object({}), output: QueueSummary,
    example: { input: {}, output: exampleSummary },
  }),
  'queue.cancel': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/cancel', tag: 'queue', role: 'reviewer',
    summary: "Cancel a recording's unfinished steps (a running step is stopped). Finished steps keep their results.",
    input: z.object({ id }), output: Changed,
    example: { input: { id: 3 }, output: { changed: 3 } },
  }),
  'queue.cancelAll': defineOperation({
    method: 'POST', path: '/api/v1/queue/cancel', tag: 'queue', role: 'reviewer', blind: 'safe',
    summary: 'Cancel every unfinished step of every recording.',
    input: z.object({}), output: Changed,
    example: { input: {}, output: { changed: 57 } },
  }),
  'queue.retry': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/retry', tag: 'queue', role: 'reviewer',
    summary: "Retry a recording's failed or cancelled steps now, with a fresh attempt budget.",
    input: z.object({ id }), output: Changed,
    example: { input: { id: 3 }, output: { changed: 1 } },
  }),
  'queue.retryAll': defineOperation({
    method: 'POST', path: '/api/v1/queue/retry', tag: 'queue', role: 'reviewer', blind: 'safe',
    summary: 'Retry every failed step now (waiting steps are also woken up).',
    input: z.object({}), output: Changed,
    example: { input: {}, output: { changed: 4 } },
  }),
  'queue.rerun': defineOperation({
    method: 'POST', path: '/api/v1/queue/rerun', tag: 'queue', role: 'reviewer',
    summary: 'Run one step again for the selected recordings (e.g. re-analyze after a rubric change); the steps after it run again too.',
    input: z.object({ recordingIds: ids, step: StepName }), output: Changed,
    example: { input: { recordingIds: [3, 4], step: 'analyze' }, output: { changed: 2 } },
  }),
  'queue.prioritize': defineOperation({
    method: 'POST', path: '/api/v1/queue/priority', tag: 'queue', role: 'reviewer',
    summary: 'Move recordings to the front (priority > 0) or back (< 0) of the queue.',
    input: z.object({ recordingIds: ids, priority: z.number().int().min(-1000).max(1000) }), output: Changed,
    example: { input: { recordingIds: [9], priority: 10 }, output: { changed: 5 } },
  }),
  'queue.enqueue': defineOperation({
    method: 'POST', path: '/api/v1/recordings/{id}/process', tag: 'queue', role: 'reviewer',
    summary: "Start a recording's pipeline (normally automatic after import; harmless when it already runs).",
    input: z.object({ id }), output: Changed,
    example: { input: { id: 3 }, output: { changed: 1 } },
  }),
};

/** Queue events. Per-recording updates are coalesced to at most one per second per recording. */
export const queueEvents = {
  'queue.recording': defineEvent({
    summary: "A recording's steps changed (state, progress, error); carries the latest view of each changed step.",
    payload: z.object({ recordingId: z.number().int(), jobs: z.array(JobView) }),
  }),
  'queue.summary': defineEvent({
    summary: 'Queue counts, ETA and provider status changed (at most once per second).',
    payload: QueueSummary,
  }),
  'queue.batchFinished': defineEvent({
    summary: 'The queue went idle: every step that could run has run (steps waiting for an API key are counted, not awaited). In calls: processed in the batch, of which done and failed, and calls waiting for setup.',
    payload: z.object({ processed: z.number().int(), done: z.number().int(), failed: z.number().int(), needsSetup: z.number().int() }),
  }),
};
