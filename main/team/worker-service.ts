import { Worker, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import { isAppError, type AppError } from '../errors.js';
import type { WorkerPool } from '../jobs/worker-pool.js';
import { jobScope } from '../observability/job-scope.js';
import type { ProviderExchange } from '../observability/provider-traffic.js';
import { pipelineContext, tracer, tracingActive } from '../observability/tracing.js';
import { isComputation, runComputation } from '../steps/computations.js';
import type { AudioAccess, ComputeServices } from '../steps/compute-env.js';
import { HEARTBEAT_MS, type WorkerAnnouncement } from './service-registry.js';
import type { WorkerStepOutcome } from './worker-metrics.js';
import { errorToWire, stepQueueName, TEAM_PROTOCOL, type StepJobData, type WireOutcome } from './wire.js';

/** How a worker service reaches the storage service (over HTTP in a worker process; directly in tests). */
export interface StorageLink {
  /** The attempt's input; null when the storage service no longer waits for this attempt (drop it). */
  input(job: StepJobData): Promise<unknown>;
  /** Hand the outcome back: true when taken, false when refused (the attempt is gone or was answered). */
  deliver(job: StepJobData, outcome: WireOutcome): Promise<boolean>;
  /** 0..1 progress of a long computation (best effort). */
  progress?(job: StepJobData, fraction: number): void;
  /** Announce this worker (every heartbeat); throws when the storage service refuses it. */
  announce(a: WorkerAnnouncement): Promise<void>;
  /** Say goodbye (a clean stop): the storage service stops counting this worker's slots at once. */
  leave(id: string): Promise<void>;
}

export interface WorkerServiceOptions {
  redisUrl: string;
  prefix?: string;
  /** The steps this worker takes (each has its own BullMQ queue). */
  steps: string[];
  /** Jobs of each step at once. */
  concurrency: number;
  link: StorageLink;
  /** Providers and the rest; `audioFor` gives each job its way to the audio (its own signed URL). */
  services: Omit<ComputeServices, 'audio'>;
  audioFor: (job: StepJobData) => AudioAccess;
  /** Called after a job's input arrived and before it runs (a worker process refreshes its provider config here). */
  beforeCompute?: () => Promise<void>;
  /** The provider exchanges recorded during a job (its job scope), taken when it ends; sent with the result. */
  exchanges?: { take(jobId: number): ProviderExchange[] };
  pool: WorkerPool;
  logger: Logger;
  /** This build's version (announced; the storage service refuses another major.minor). */
  version: string;
  heartbeatMs?: number;
  /**
   * The storage service refused this worker's token (revoked while it ran): called once, after the
   * worker has stopped taking jobs. The jobs it had go back to the queue for the other workers.
   */
  onRefused?: (e: AppError) => void;
  /** How each step job ended and how long it took (the worker's /metrics). */
  onStep?: (step: string, outcome: WorkerStepOutcome, seconds: number) => void;
  /** BullMQ lock: a worker that stops renewing it (killed) has its jobs moved back to wait after this. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
}

/**
 * A worker service: takes step jobs from BullMQ, fetches each input from the storage service, runs
 * the step's computation (main/steps, the same code the desktop app runs in-process) and sends the
 * result back. It never opens the database. A job the storage service no longer waits for is dropped
 * before any work is done. A killed worker's jobs are picked up elsewhere by BullMQ's stalled-job
 * check (same attempt, so the storage service still takes the result).
 */
export class WorkerService {
  readonly id = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private workers: Worker<StepJobData>[] = [];
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly running = new Map<string, AbortController>();
  private readonly log: Logger;
  private refused = false;
  readonly startedAt = Date.now();
  /** The storage link every call after start-up goes through: a refused token stops the worker, whichever call heard it. */
  private readonly link: StorageLink;

  constructor(private readonly opts: WorkerServiceOptions) {
    this.log = opts.logger.child({ component: 'worker' });
    const heard = <T>(p: Promise<T>): Promise<T> => p.catch((e: unknown) => {
      this.refusedBy(e);
      throw e;
    });
    const link = opts.link;
    this.link = {
      input: (job) => heard(link.input(job)),
      deliver: (job, outcome) => heard(link.deliver(job, outcome)),
      progress: link.progress ? (job, f) => link.progress?.(job, f) : undefined,
      announce: (a) => heard(link.announce(a)),
      // Leaving is the last call of a stop: a refusal then has nothing left to stop.
      leave: (id) => link.leave(id),
    };
    const unknown = opts.steps.filter((s) => !isComputation(s));
    if (unknown.length) throw new Error(`Unknown step${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  }

  get inFlight(): number {
    return this.running.size;
  }

  /** The announcement the storage service hears every heartbeat. */
  announcement(): WorkerAnnouncement {
    return {
      id: this.id, host: hostname(), pid: process.pid, version: this.opts.version, protocol: TEAM_PROTOCOL,
      steps: this.opts.steps, concurrency: this.opts.concurrency, inFlight: this.inFlight, startedAt: this.startedAt,
    };
  }

  /**
   * Announce this worker (the storage service refuses an incompatible one: that error is thrown here,
   * before any job is taken), then take jobs and keep heart-beating.
   */
  async start(): Promise<void> {
    // Not through `link`: a refusal here is start-up's own error (thrown to the caller), not a stop.
    await this.opts.link.announce(this.announcement());
    this.heartbeat = setInterval(() => {
      this.link.announce(this.announcement()).catch((e: unknown) => {
        if (!this.refused) this.log.warn({ err: e }, 'heartbeat not heard by the server (it retries)');
      });
    }, this.opts.heartbeatMs ?? HEARTBEAT_MS);
    this.heartbeat.unref();
    for (const step of this.opts.steps) {
      const w = new Worker<StepJobData>(stepQueueName(step), (job) => this.process(job), {
        connection: { url: this.opts.redisUrl, maxRetriesPerRequest: null },
        prefix: this.opts.prefix ?? 'cca',
        concurrency: this.opts.concurrency,
        lockDuration: this.opts.lockDurationMs ?? 30_000,
        stalledInterval: this.opts.stalledIntervalMs ?? 30_000,
        // A job whose worker died is given to another one this many times before BullMQ fails it
        // (the storage service then sends the attempt again).
        maxStalledCount: 5,
      });
      w.on('error', (e) => this.log.warn({ err: e, step }, 'job queue connection error (the worker reconnects)'));
      w.on('failed', (job, e) => this.log.warn({ err: e, jobId: job?.data.jobId, step }, 'step job failed in the worker'));
      this.workers.push(w);
    }
    this.log.info({ id: this.id, steps: this.opts.steps, concurrency: this.opts.concurrency }, 'worker started');
  }

  /** Stop taking jobs, abort running computations and wait for the workers to close. */
  async stop(): Promise<void> {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const c of this.running.values()) c.abort('shutdown');
    await Promise.allSettled(this.workers.map((w) => w.close()));
    this.workers = [];
    await this.link.leave(this.id).catch(() => undefined); // stopping anyway
  }

  /**
   * A refusal of the token (not of one attempt): stop taking jobs at once, so a revoked worker does not
   * keep draining the queue into errors, and tell the owner. True when `e` was such a refusal.
   */
  private refusedBy(e: unknown): boolean {
    if (!isAppError(e) || e.category !== 'auth') return false;
    if (this.refused) return true;
    this.refused = true;
    this.log.error({ err: e }, 'the server refused this worker\'s token: taking no more jobs');
    for (const w of this.workers) void w.pause(true).catch(() => undefined);
    this.opts.onRefused?.(e);
    return true;
  }

  private async process(job: Job<StepJobData>): Promise<void> {
    const data = job.data;
    const t0 = performance.now();
    const ended = (outcome: WorkerStepOutcome) => this.opts.onStep?.(data.step, outcome, (performance.now() - t0) / 1000);
    const log = this.log.child({ recordingId: data.recordingId, jobId: data.jobId, step: data.step, attempt: data.attempt });
    const input = await this.link.input(data);
    if (input === null) {
      log.info('step job dropped: the server no longer waits for this attempt (cancelled, re-run or already answered)');
      ended('dropped');
      return;
    }
    const controller = new AbortController();
    const key = job.id ?? `${data.jobId}-${data.fence}`;
    this.running.set(key, controller);
    try {
      // The job scope ties the provider SDKs' requests (providerFetch) to this attempt.
      const scope = { recordingId: data.recordingId, jobId: data.jobId, step: data.step, attempt: data.attempt };
      const run = () => jobScope.run(scope, () => this.compute(data, input, controller.signal, log))
        .then((o): WireOutcome => ({ ...o, exchanges: this.opts.exchanges?.take(data.jobId) ?? [] }));
      const outcome = tracingActive()
        ? await tracer().startActiveSpan(`worker.${data.step}`, { attributes: { 'cca.recording.id': data.recordingId, 'cca.step': data.step, 'cca.attempt': data.attempt } },
          pipelineContext(data.traceParent), (span) => run().finally(() => span.end()))
        : await run();
      const taken = await this.link.deliver(data, outcome);
      ended(!taken ? 'refused' : outcome.ok ? 'done' : 'failed');
      log.info({ ok: outcome.ok, taken }, taken ? 'step result delivered' : 'step result refused: the attempt is gone (cancelled, re-run or answered already)');
    } finally {
      this.running.delete(key);
    }
  }

  private async compute(data: StepJobData, input: unknown, signal: AbortSignal, log: Logger): Promise<WireOutcome> {
    if (!isComputation(data.step)) return { ok: false, error: errorToWire(new Error(`no step computation "${data.step}" in this worker`)) };
    let lastProgress = 0;
    const progress = (f: number) => {
      const now = Date.now();
      if (now - lastProgress < 1000) return;
      lastProgress = now;
      this.link.progress?.(data, f);
    };
    try {
      await this.opts.beforeCompute?.();
      const result = await runComputation(data.step, input, {
        ...this.opts.services,
        audio: this.opts.audioFor(data),
        job: { id: data.jobId, recordingId: data.recordingId, step: data.step, attempt: data.attempt, maxAttempts: data.attempt, fencingToken: data.fence },
        signal, log, progress, pool: this.opts.pool, traceParent: data.traceParent,
      });
      return { ok: true, result };
    } catch (e) {
      if (!(e instanceof Error && e.name === 'AppError')) log.error({ err: e }, 'step computation crashed');
      return { ok: false, error: errorToWire(e) };
    }
  }
}
