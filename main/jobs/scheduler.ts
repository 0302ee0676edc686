import type { Logger } from 'pino';
import type { ClaimedJob, JobsDao } from '../../db/dao/jobs-dao.js';
import type { ProviderStatus } from '../../preload/contract/schemas/queue.js';
import type { Settings } from '../../preload/contract/schemas/settings.js';
import { runAttempt, type AbortReason, type AttemptEnv, type AttemptResult } from './attempt.js';
import { defaultBackoff, type BackoffOptions } from './backoff.js';
import { jobScope } from '../observability/job-scope.js';
import type { Span } from '@opentelemetry/api';
import { activeTraceParent, newPipelineTrace, pipelineContext, tracer, tracingActive } from '../observability/tracing.js';
import { newOwner, ownerIsGone } from './owner.js';
import { defaultPipeline, rootSteps, unlockedSteps, type Pipeline } from './pipeline.js';
import { defaultBreaker, Lane, ProviderGate, type BreakerOptions } from './provider-gate.js';
import type { StepRegistry } from './step-registry.js';
import { noTransport, type StepTransport } from './transport.js';
import type { QueueDeps, StepContext } from './types.js';
import { WorkerPool } from './worker-pool.js';

export interface SchedulerOptions {
  pipeline?: Pipeline;
  owner?: string;
  /** Lease length; a worker that stops heartbeating loses its jobs after this. */
  leaseMs?: number;
  heartbeatMs?: number;
  /** Longest sleep between scheduling passes when nothing wakes the scheduler earlier. */
  pollMs?: number;
  reclaimEveryMs?: number;
  /** Per-attempt timeout; default settings.requestTimeoutSec. */
  timeoutMs?: number;
  /** Default settings.maxAttempts. */
  maxAttempts?: number;
  backoff?: BackoffOptions;
  breaker?: BreakerOptions;
  pool?: WorkerPool;
  /** Where steps' computations run (default: nowhere — runners that compute need core.ts's transport). */
  transport?: StepTransport;
  /** How long stop() waits for running attempts to wind down. */
  shutdownGraceMs?: number;
  /** Observers (events, tests, metrics). */
  onJobChanged?: (recordingId: number, jobId: number) => void;
  onAttempt?: (job: ClaimedJob, result: AttemptResult) => void;
  onProviderChanged?: () => void;
}

interface Running {
  job: ClaimedJob;
  controller: AbortController;
  progress: number | null;
  progressSavedAt: number;
  done: Promise<void>;
}

/**
 * The queue's engine: claims due jobs lane by lane while slots are free, runs them (attempt.ts), keeps
 * their leases alive, reclaims dead workers' jobs, and sleeps until the next job is due. Woken early by
 * enqueues, finished attempts, settings changes and circuit changes.
 */
export class Scheduler {
  readonly owner: string;
  readonly jobs: JobsDao;
  readonly pipeline: Pipeline;
  readonly pool: WorkerPool;
  private readonly gates = new Map<string, ProviderGate>();
  private readonly lanes = new Map<string, Lane>();
  private readonly running = new Map<number, Running>();
  private readonly log: Logger;
  private readonly leaseMs: number;
  private paused = false;
  private state: 'idle' | 'running' | 'stopping' = 'idle';
  private wakeTimer: NodeJS.Timeout | null = null;
  private intervals: NodeJS.Timeout[] = [];
  private kickPending = false;
  /** Earliest known next_run_at in the future (cached: the DB query scans waiting jobs). */
  private dueAt: number | null = null;
  private dueCheckedAt = 0;
  private readonly ownsPool: boolean;

  constructor(
    private readonly deps: QueueDeps,
    readonly registry: StepRegistry,
    private readonly opts: SchedulerOptions = {},
  ) {
    this.owner = opts.owner ?? newOwner();
    this.jobs = deps.daos.jobs;
    this.pipeline = opts.pipeline ?? defaultPipeline;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.log = deps.logger.child({ component: 'queue' });
    this.ownsPool = !opts.pool;
    this.pool = opts.pool ?? new WorkerPool();
  }

  get maxAttempts(): number {
    return this.opts.maxAttempts ?? this.deps.settings().maxAttempts;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get inFlight(): number {
    return this.running.size;
  }

  start(): void {
    if (this.state !== 'idle') return;
    this.state = 'running';
    const now = Date.now();
    this.paused = this.jobs.isPaused();
    this.reclaim();
    // Fresh breakers are closed: jobs waiting for network get their chance; keys may have been added.
    const steps = Object.keys(this.pipeline);
    const woken = this.jobs.wake('waiting_network', steps, now) + this.jobs.wake('waiting_config', steps, now);
    this.log.info({ owner: this.owner, paused: this.paused, woken }, 'queue started');
    this.intervals.push(setInterval(() => this.heartbeat(), this.opts.heartbeatMs ?? Math.max(50, Math.floor(this.leaseMs / 3))));
    this.intervals.push(setInterval(() => this.reclaim(), this.opts.reclaimEveryMs ?? 15_000));
    for (const t of this.intervals) t.unref();
    this.kick();
  }

  /** Stop claiming, abort running attempts (they are released to queued) and wait for them. */
  async stop(): Promise<void> {
    if (this.state !== 'running') return;
    this.state = 'stopping';
    for (const t of this.intervals) clearInterval(t);
    this.intervals = [];
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    for (const r of this.running.values()) r.controller.abort('shutdown' satisfies AbortReason);
    const all = Promise.allSettled([...this.running.values()].map((r) => r.done));
    const grace = this.opts.shutdownGraceMs ?? 5000;
    await Promise.race([all, new Promise((res) => setTimeout(res, grace).unref())]);
    if (this.ownsPool) await this.pool.close();
    this.state = 'idle';
    this.log.info({ stillRunning: this.running.size }, 'queue stopped');
  }

  /** Start a recording's pipeline (idempotent). */
  enqueue(recordingId: number, priority = 0): number {
    const n = this.jobs.enqueue(recordingId, rootSteps(this.pipeline), Date.now(), priority, newPipelineTrace(recordingId));
    if (n) {
      this.log.info({ recordingId, steps: rootSteps(this.pipeline) }, 'recording queued');
      this.opts.onJobChanged?.(recordingId, -1);
    }
    this.kick();
    return n;
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.log.info({ paused }, paused ? 'queue paused' : 'queue resumed');
    this.kick();
  }

  /** Abort local attempts whose jobs were taken away in the DB (cancel, re-run). */
  abortJobs(ids: readonly number[], reason: AbortReason): void {
    for (const id of ids) this.running.get(id)?.controller.abort(reason);
  }

  /** Run a scheduling pass soon (coalesced: many kicks in one turn → one pass). */
  kick(): void {
    if (this.kickPending || this.state !== 'running') return;
    this.kickPending = true;
    setImmediate(() => {
      this.kickPending = false;
      this.tick();
    });
  }

  providers(): (ProviderStatus & { lanes: string[] })[] {
    const settings = this.deps.settings();
    const out = new Map<string, ProviderStatus & { lanes: string[] }>();
    for (const step of Object.keys(this.pipeline)) {
      const runner = this.registry.get(step);
      if (!runner) continue;
      const p = runner.placement(settings);
      if (p.provider === 'local') continue;
      const gate = this.gate(p.provider);
      const lane = this.lanes.get(p.lane);
      const cur = out.get(p.provider) ?? {
        id: p.provider, configured: true, circuit: gate.circuit, inFlight: 0, concurrency: 0, lastError: gate.lastError,
        nextProbeAt: gate.nextProbeAt(), lanes: [],
      };
      if (!cur.lanes.includes(p.lane)) {
        cur.lanes.push(p.lane);
        cur.inFlight += lane?.inFlight ?? 0;
        cur.concurrency += p.concurrency;
      }
      out.set(p.provider, cur);
    }
    return [...out.values()];
  }

  private gate(provider: string): ProviderGate {
    let g = this.gates.get(provider);
    if (!g) {
      g = new ProviderGate(provider, this.opts.breaker ?? defaultBreaker, (gate, circuit) => this.onCircuit(gate, circuit));
      this.gates.set(provider, g);
    }
    return g;
  }

  private onCircuit(gate: ProviderGate, circuit: ProviderStatus['circuit']): void {
    if (circuit === 'open') this.log.warn({ provider: gate.id, lastError: gate.lastError }, 'circuit open: provider looks down, jobs wait for network');
    else this.log.info({ provider: gate.id, circuit }, `circuit ${circuit}`);
    if (circuit === 'closed' && this.state === 'running') {
      const steps = this.stepsOf(this.deps.settings(), (p) => p.provider === gate.id);
      const n = this.jobs.wake('waiting_network', steps, Date.now());
      if (n) this.log.info({ provider: gate.id, resumed: n }, 'provider back: jobs resume');
    }
    this.opts.onProviderChanged?.();
    this.kick();
  }

  private stepsOf(settings: Settings, pred: (p: ReturnType<NonNullable<ReturnType<StepRegistry['get']>>['placement']>) => boolean): string[] {
    return Object.keys(this.pipeline).filter((s) => {
      const r = this.registry.get(s);
      return r ? pred(r.placement(settings)) : false;
    });
  }

  private tick(): void {
    if (this.state !== 'running') return;
    if (!this.paused) {
      const settings = this.deps.settings();
      const now = Date.now();
      const groups = new Map<string, { lane: Lane; gate: ProviderGate | null; steps: string[] }>();
      for (const step of Object.keys(this.pipeline)) {
        const runner = this.registry.get(step);
        if (!runner) continue; // no implementation yet: the job stays queued
        const p = runner.placement(settings);
        let lane = this.lanes.get(p.lane);
        if (!lane) this.lanes.set(p.lane, (lane = new Lane(p.lane, p.provider, p.concurrency)));
        lane.resize(p.concurrency);
        const g = groups.get(p.lane) ?? { lane, gate: p.provider === 'local' ? null : this.gate(p.provider), steps: [] };
        g.steps.push(step);
        groups.set(p.lane, g);
      }
      for (const { lane, gate, steps } of groups.values()) {
        const admission = gate ? gate.admission(now) : 'all';
        if (admission === 'none') continue;
        const room = this.opts.transport?.capacity?.(steps) ?? Infinity;
        const free = Math.min(admission === 'probe' ? 1 : lane.free(), room);
        if (free <= 0 || !this.jobs.hasDue(steps, now, admission === 'probe')) continue;
        const claimed = this.jobs.claim({ steps, limit: free, now, owner: this.owner, leaseMs: this.leaseMs, probe: admission === 'probe' });
        for (const job of claimed) this.launch(job, lane, gate, admission === 'probe');
      }
    }
    this.armWake();
  }

  private armWake(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    const now = Date.now();
    let at = now + (this.opts.pollMs ?? 1000);
    // Re-read the earliest due time from the DB at most once per poll interval (it scans the waiting
    // jobs); retries this scheduler sets in between are noted in memory by noteDue().
    const poll = this.opts.pollMs ?? 1000;
    if (now - this.dueCheckedAt >= poll || (this.dueAt !== null && this.dueAt <= now)) {
      this.dueCheckedAt = now;
      const due = this.jobs.nextDueAt(now);
      this.dueAt = due !== null && due > now ? due : null;
    }
    if (this.dueAt !== null) at = Math.min(at, this.dueAt);
    for (const g of this.gates.values()) {
      const p = g.nextProbeAt();
      if (p !== null) at = Math.min(at, Math.max(now, p));
    }
    this.wakeTimer = setTimeout(() => this.tick(), Math.max(5, at - now));
    this.wakeTimer.unref();
  }

  private launch(job: ClaimedJob, lane: Lane, gate: ProviderGate | null, probe: boolean): void {
    const runner = this.registry.get(job.step)!;
    const controller = new AbortController();
    const log = this.deps.logger.child({ recordingId: job.recordingId, jobId: job.id, step: job.step, attempt: job.attempts });
    const maxAttempts = this.maxAttempts;
    const r: Running = { job, controller, progress: null, progressSavedAt: 0, done: Promise.resolve() };
    const progress = (f: number) => this.progress(r, f);
    const stepJob = { id: job.id, recordingId: job.recordingId, step: job.step, attempt: job.attempts, maxAttempts, fencingToken: job.fencingToken };
    const transport = this.opts.transport ?? noTransport;
    // Only the probe reaches a provider whose circuit is open, however late a worker starts the attempt.
    const mayReachProvider = () => !gate || probe || gate.circuit === 'closed';
    // One context per signal: the attempt narrows the controller's signal with its own timeout, and the
    // computation it hands to the transport must stop with that one.
    const contextFor = (signal: AbortSignal): StepContext => ({
      job: stepJob, deps: this.deps, signal, log, pool: this.pool, progress,
      compute: async <R>(kind: string, input: unknown) =>
        (await transport.compute(kind, input, { job: stepJob, signal, log, progress, pool: this.pool, traceParent: activeTraceParent(), mayReachProvider })) as R,
    });
    const ctx = contextFor(controller.signal);
    lane.inFlight++;
    if (probe && gate) gate.probeInFlight = true;
    this.running.set(job.id, r);
    log.info({ to: 'running', probe: probe || undefined, lane: lane.key }, 'job running');
    this.opts.onJobChanged?.(job.recordingId, job.id);
    const changed = () => this.opts.onJobChanged?.(job.recordingId, job.id);
    const env: AttemptEnv = {
      jobs: this.jobs, runner, lane, gate, ctx, contextFor, controller, maxAttempts,
      timeoutMs: this.opts.timeoutMs ?? this.deps.settings().requestTimeoutSec * 1000,
      backoff: this.opts.backoff ?? defaultBackoff,
      unlock: (step, done) => unlockedSteps(this.pipeline, step, done),
      noteDue: (t) => (this.dueAt = this.dueAt === null ? t : Math.min(this.dueAt, t)),
      changed,
    };
    // The attempt's span (a child of the recording's pipeline trace, whichever process queued it) and
    // the job scope follow the attempt into the provider SDKs' fetches (client spans, ledger, metrics).
    const scope = { recordingId: job.recordingId, jobId: job.id, step: job.step, attempt: job.attempts };
    const attributes = { 'cca.recording.id': job.recordingId, 'cca.step': job.step, 'cca.attempt': job.attempts, 'cca.job.id': job.id };
    const attempt = (span?: Span) => jobScope.run({ ...scope, span }, () => runAttempt(job, env));
    // With tracing off there is no span to make: the attempt runs directly (the queue's hot path).
    r.done = (tracingActive()
      ? tracer().startActiveSpan(`step.${job.step}`, { attributes }, pipelineContext(job.traceParent), (span) => attempt(span).finally(() => span.end()))
      : attempt())
      .catch((e: unknown): AttemptResult => {
        log.error({ err: e }, 'job attempt crashed the scheduler path; the lease will be reclaimed');
        return 'aborted';
      })
      .then((result) => {
        lane.inFlight--;
        if (probe && gate) gate.probeInFlight = false;
        this.running.delete(job.id);
        this.opts.onAttempt?.(job, result);
        this.kick();
      });
  }

  private progress(r: Running, fraction: number): void {
    r.progress = Math.max(0, Math.min(1, fraction));
    const now = Date.now();
    // Persist at most once a second (it doubles as a heartbeat); events are throttled separately.
    if (now - r.progressSavedAt < 1000) return;
    r.progressSavedAt = now;
    if (!this.jobs.heartbeat(r.job.id, r.job.fencingToken, now + this.leaseMs, r.progress, now)) r.controller.abort('lost' satisfies AbortReason);
    this.opts.onJobChanged?.(r.job.recordingId, r.job.id);
  }

  private heartbeat(): void {
    const now = Date.now();
    for (const r of this.running.values()) {
      if (r.controller.signal.aborted) continue;
      const ok = this.jobs.heartbeat(r.job.id, r.job.fencingToken, now + this.leaseMs, r.progress, now);
      if (!ok) {
        this.deps.logger.warn({ recordingId: r.job.recordingId, jobId: r.job.id }, 'lease lost (job cancelled, re-run or reclaimed): stopping the attempt');
        r.controller.abort('lost' satisfies AbortReason);
      }
    }
  }

  private reclaim(): void {
    const taken = this.jobs.reclaim(Date.now(), (owner) => ownerIsGone(owner, this.owner), this.maxAttempts);
    if (taken.length) {
      this.log.warn({ jobs: taken.map((t) => t.id), failed: taken.filter((t) => t.failed).length }, 'reclaimed jobs of a worker that stopped');
      for (const t of taken) this.opts.onJobChanged?.(-1, t.id);
      this.kick();
    }
  }
}
