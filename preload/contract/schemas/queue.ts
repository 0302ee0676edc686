import { z } from 'zod';
import { ErrorCategory } from '../errors.js';

/** States a reviewer understands; the UI words for each live in the renderer (queue/labels.ts). */
export const jobStates = [
  'queued', 'running', 'waiting_retry', 'waiting_network', 'waiting_config', 'paused', 'done', 'failed', 'cancelled',
] as const;
export const JobState = z.enum(jobStates);
export type JobState = z.infer<typeof JobState>;

/** Final states: nothing happens to the job until a person retries or re-runs it. */
export const terminalStates: readonly JobState[] = ['done', 'failed', 'cancelled'];

/** The pipeline's steps, in display order (see main/jobs/pipeline.ts for what depends on what). */
export const stepNames = ['probe', 'transcribe', 'analyze', 'metrics', 'local_analysis', 'index'] as const;
export const StepName = z.enum(stepNames);
export type StepName = z.infer<typeof StepName>;

export const JobView = z.object({
  id: z.number().int(),
  recordingId: z.number().int(),
  fileName: z.string().nullable(),
  step: z.string(),
  state: JobState,
  priority: z.number().int(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  /** Epoch ms: when a waiting_retry job runs again. */
  nextRunAt: z.number().nullable(),
  progress: z.number().nullable(),
  error: z
    .object({ category: ErrorCategory, message: z.string(), hint: z.string() })
    .nullable(),
  costUsd: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  durationMs: z.number().nullable(),
});
export type JobView = z.infer<typeof JobView>;

export const ProviderStatus = z.object({
  id: z.string(),
  configured: z.boolean(),
  circuit: z.enum(['closed', 'open', 'half_open', 'isolated']),
  inFlight: z.number().int(),
  concurrency: z.number().int(),
  lastError: z.string().nullable(),
  /** Epoch ms of the next half-open probe while the circuit is open. */
  nextProbeAt: z.number().nullable(),
});
export type ProviderStatus = z.infer<typeof ProviderStatus>;

export const QueueCountsByState = z.record(z.string(), z.number().int().nonnegative());

export const QueueSummary = z.object({
  paused: z.boolean(),
  counts: QueueCountsByState,
  /**
   * Calls per status (callStatusOf over each call's steps: preload/contract/call-status.ts), the
   * units a reviewer counts in; `counts` are the pipeline steps'.
   */
  calls: QueueCountsByState,
  /** Recordings with at least one unfinished step. */
  activeRecordings: z.number().int(),
  /** Seconds until every unfinished step is done at the recent pace; null when unknown. */
  etaSec: z.number().nullable(),
  /** Steps finished per minute over the last few minutes. */
  throughputPerMin: z.number(),
  providers: z.array(ProviderStatus),
});
export type QueueSummary = z.infer<typeof QueueSummary>;

export const JobFilter = z.object({
  state: z.union([JobState, z.array(JobState)]).optional(),
  step: z.string().optional(),
  recordingId: z.coerce.number().int().optional(),
  /** Matches the recording's file name. */
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});
export type JobFilter = z.infer<typeof JobFilter>;

export const JobList = z.object({ jobs: z.array(JobView), total: z.number().int() });
export type JobList = z.infer<typeof JobList>;

/** How many jobs an action changed (a retry of a recording with nothing failed changes 0). */
export const Changed = z.object({ changed: z.number().int() });

/** A process of the pipeline: the API (scheduler and storage) or a worker service. */
export const ServiceView = z.object({
  id: z.string(),
  role: z.enum(['api', 'worker']),
  /** The worker token's name ('api' for the API process). */
  name: z.string(),
  host: z.string(),
  pid: z.number().int(),
  version: z.string(),
  /** The steps whose work it runs. */
  steps: z.array(z.string()),
  /** Jobs of each step at once (workers); 0 for the API. */
  concurrency: z.number().int(),
  inFlight: z.number().int(),
  startedAt: z.number(),
  lastHeartbeat: z.number(),
  /** gone: no heartbeat for 15 s; its jobs go back to the queue and run elsewhere. */
  state: z.enum(['live', 'gone']),
});
export type ServiceView = z.infer<typeof ServiceView>;
export const ServiceList = z.object({
  /** embedded: the steps run in the API process; redis: on worker services (CCA_QUEUE). */
  transport: z.enum(['embedded', 'redis']),
  services: z.array(ServiceView),
});
export type ServiceList = z.infer<typeof ServiceList>;
