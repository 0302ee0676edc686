import type { Logger } from 'pino';
import type { Daos } from '../../db/daos.js';
import type { AppDatabase } from '../../db/open.js';
import type { ErrorInfo } from '../../preload/contract/errors.js';
import type { JobState } from '../../preload/contract/schemas/queue.js';
import type { SecretName, Settings } from '../../preload/contract/schemas/settings.js';
import type { EventBus } from '../events/event-bus.js';
import type { WorkerPool } from './worker-pool.js';

export type { JobState };

/** What the queue needs from the core; tests and child processes build it without the whole core. */
export interface QueueDeps {
  db: AppDatabase;
  logger: Logger;
  bus: EventBus;
  /** Live settings (the settings service mutates them in place). */
  settings: () => Settings;
  secret: (name: SecretName) => string | undefined;
  /** The database's DAOs (its jobs DAOs report every state change to the call projection). */
  daos: Daos;
  /** Told how every attempt ended (metrics, error tracking, cost attribution). */
  observer?: QueueObserver;
}

/** How one step attempt ended, for whoever watches the queue (main/observability). */
export interface AttemptReport {
  recordingId: number;
  jobId: number;
  step: string;
  attempt: number;
  /** The breaker key ('local' for work on this machine). */
  provider: string;
  /** done, skipped, waiting_config, waiting_retry, waiting_network, failed, queued (released), aborted. */
  outcome: string;
  seconds: number;
  costUsd?: number | null;
  /** Set when the attempt failed (outcome waiting_retry, waiting_network or failed). */
  error?: ErrorInfo;
}

export interface QueueObserver {
  attempt(report: AttemptReport): void;
}

/**
 * Where a step runs. `provider` is the circuit-breaker key ('local' = on this machine, no breaker);
 * `lane` is the concurrency pool (steps sharing a lane share its `concurrency` slots).
 */
export interface Placement {
  provider: string;
  lane: string;
  concurrency: number;
}

/** The claimed job as a step runner sees it. */
export interface StepJob {
  id: number;
  recordingId: number;
  step: string;
  /** 1-based number of this attempt. */
  attempt: number;
  maxAttempts: number;
  fencingToken: number;
}

export interface StepContext {
  job: StepJob;
  deps: QueueDeps;
  /** Aborted on cancel, pause-abort, timeout, lost lease or shutdown: stop and throw. */
  signal: AbortSignal;
  /** Logger bound to recordingId + jobId + step. */
  log: Logger;
  /** Report 0..1 progress; persisted with the next heartbeat and streamed (throttled) to the UI. */
  progress(fraction: number): void;
  /** CPU work off the main thread. */
  pool: WorkerPool;
  /**
   * Run the step's work through the queue's transport (this process, or a worker service) and return
   * its result. Input and result are plain JSON; see transport.ts.
   */
  compute<R>(kind: string, input: unknown): Promise<R>;
}

/**
 * What a step returns. `persist` runs inside the same transaction that marks the job done, and only
 * if this worker still holds the fencing token: a stale worker cannot write a second result.
 */
export type StepOutcome =
  | { kind: 'done'; costUsd?: number; persist?: () => void }
  | { kind: 'waiting_config'; message: string; hint: string };

/**
 * A step implementation. Failures are thrown as AppError (category decides retry vs fail; put the
 * HTTP status in details.status and Retry-After seconds in details.retryAfterSec).
 */
export interface StepRunner {
  placement(settings: Settings): Placement;
  /**
   * True when the step's output already exists (e.g. a crash after saving the transcript but before
   * marking the job done): the job completes without running, so the provider is not called again.
   */
  alreadyDone?(ctx: StepContext): boolean | Promise<boolean>;
  run(ctx: StepContext): Promise<StepOutcome>;
}
