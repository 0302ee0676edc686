import { BrokenCircuitError } from 'cockatiel';
import type { Logger } from 'pino';
import { AppError } from '../errors.js';
import type { StepJob } from './types.js';
import type { WorkerPool } from './worker-pool.js';

/** What a step's computation gets from the attempt that asked for it. */
export interface ComputeCall {
  job: StepJob;
  /** Aborted when the attempt is (cancel, timeout, lost lease, shutdown). */
  signal: AbortSignal;
  log: Logger;
  progress: (fraction: number) => void;
  pool: WorkerPool;
  /** W3C traceparent of the attempt's span, so a worker's spans join the recording's trace. */
  traceParent?: string | null;
  /**
   * Whether the attempt may still reach its provider: false once the provider's circuit has opened
   * since the attempt was handed out (unless it is the breaker's probe). A transport whose work starts
   * later than it is handed out (a worker takes it from a queue) asks before starting it.
   */
  mayReachProvider?: () => boolean;
}

/**
 * Where a step's work runs. A step runner reads its input from the database, hands it to the
 * transport (`ctx.compute(kind, input)`) and persists the result in the job's fenced commit; the
 * transport decides whether the work runs in this process (`embedded`, the desktop default) or on a
 * worker service (`redis`). Input and result are plain JSON either way, so one step code base serves
 * both. A failure is thrown as an AppError with the same category and details wherever it happened,
 * so the scheduler's retry, breaker and waiting rules see the same thing.
 */
export interface StepTransport {
  readonly name: string;
  compute(kind: string, input: unknown, call: ComputeCall): Promise<unknown>;
  /**
   * How many more computations of these steps the transport can start now (the free slots of the live
   * workers serving them); undefined = no limit beyond the lanes'. The scheduler claims no more, so
   * an attempt never waits in the transport for a worker that is not there.
   */
  capacity?(steps: readonly string[]): number;
  /** The worker services that run its computations (none: they run in this process). */
  workers?(): ComputeWorker[];
  close?(): Promise<void>;
}

/** A worker service as it last announced itself. */
export interface ComputeWorker {
  id: string;
  /** The worker token's name. */
  name: string;
  host: string;
  pid: number;
  version: string;
  steps: string[];
  /** Jobs of each step at once. */
  concurrency: number;
  inFlight: number;
  startedAt: number;
  lastHeartbeat: number;
  /** gone: no heartbeat for a while (its jobs go back to the queue in Redis and run elsewhere). */
  state: 'live' | 'gone';
}

/**
 * The transport could not take the work (Redis unreachable, the server shutting down). Never the
 * step's or the provider's fault: the attempt is given back and tried again shortly, and no breaker
 * counts it.
 */
export class TransportUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportUnavailable';
  }
}

/**
 * An attempt called back before its work started, because its provider's circuit opened meanwhile:
 * the scheduler treats it as one the breaker refused (waits for the probe, no attempt burned).
 */
export const calledBackByBreaker = (): Error =>
  new BrokenCircuitError('The provider looks down: this attempt was called back before it reached the provider; it resumes after the breaker\'s probe.');

/** How long an attempt the transport could not take waits before it is tried again. */
export const TRANSPORT_RETRY_MS = 2_000;

/** A transport with nothing behind it (queues built for tests with their own runners). */
export const noTransport: StepTransport = {
  name: 'none',
  compute(kind) {
    return Promise.reject(new AppError('internal', `No computation "${kind}" is available in this process.`, 'This queue was built without a transport; register one (core.ts does).'));
  },
};
