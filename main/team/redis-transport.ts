import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { redactUrlPassword } from '../util/redact-url.js';
import { calledBackByBreaker, TransportUnavailable, type ComputeCall, type ComputeWorker, type StepTransport } from '../jobs/transport.js';
import type { ServiceRegistry } from './service-registry.js';
import { attemptKey, errorFromWire, stepQueueName, type StepJobData, type WireOutcome } from './wire.js';

/** How long handing a job to Redis may take before the attempt is given back to wait. */
const SEND_TIMEOUT_MS = 5_000;

interface Pending {
  kind: string;
  mayReachProvider: () => boolean;
  progress: (fraction: number) => void;
  input: unknown;
  data: StepJobData;
  sentAt: number;
  resolve: (result: unknown) => void;
  reject: (e: unknown) => void;
}

export interface RedisTransportOptions {
  redisUrl: string;
  /** The live workers (they announce themselves over the worker routes). */
  registry: ServiceRegistry;
  logger: Logger;
  /** BullMQ key prefix (one Redis can serve several installations). */
  prefix?: string;
  /** How often attempts still waiting are checked against Redis and sent again if Redis lost them. */
  resendEveryMs?: number;
}

/**
 * The team server's transport (`CCA_QUEUE=redis`), on the storage service's side. Each computation
 * becomes one BullMQ job on its step's queue, named by the attempt (job id + fencing token) and
 * carrying no input: a worker fetches the input from here (`input`) and hands the result back
 * (`deliver`); both answer only while the attempt is still waiting here, so a cancelled, re-run or
 * reclaimed attempt is refused at both ends and a result delivered twice is taken once. The attempt
 * itself (timeouts, retries, the provider's breaker, persisting) stays with the scheduler, unchanged.
 *
 * Redis without persistence forgets its jobs when it restarts: attempts still waiting are checked
 * every few seconds and sent again when Redis no longer knows them (the same job id, so never twice).
 */
export class RedisTransport implements StepTransport {
  readonly name = 'redis';
  private readonly pending = new Map<string, Pending>();
  private readonly queues = new Map<string, Queue<StepJobData>>();
  private readonly log: Logger;
  private readonly timer: NodeJS.Timeout;
  private resending = false;

  /** Loads BullMQ first: the desktop app, which never uses it, does not load it at start-up. */
  static async open(opts: RedisTransportOptions): Promise<RedisTransport> {
    return new RedisTransport(opts, (await import('bullmq')).Queue);
  }

  private constructor(private readonly opts: RedisTransportOptions, private readonly Queue: typeof import('bullmq').Queue) {
    this.log = opts.logger.child({ component: 'redis-transport' });
    this.timer = setInterval(() => void this.resendLost(), opts.resendEveryMs ?? 5_000);
    this.timer.unref();
  }

  async compute(kind: string, input: unknown, call: ComputeCall): Promise<unknown> {
    const { job } = call;
    const key = attemptKey(job.id, job.fencingToken);
    const data: StepJobData = { jobId: job.id, fence: job.fencingToken, recordingId: job.recordingId, step: kind, attempt: job.attempt, traceParent: call.traceParent ?? null };
    const result = new Promise<unknown>((resolve, reject) => this.pending.set(key, { kind, mayReachProvider: call.mayReachProvider ?? (() => true), progress: call.progress, input, data, sentAt: Date.now(), resolve, reject }));
    // The attempt can be settled while the job is still being sent (a worker fast to answer, a call-back):
    // the rejection is awaited below, so it is not an unhandled one meanwhile.
    result.catch(() => undefined);
    // Stopped here (cancel, timeout, lost lease, shutdown): forget the attempt; a worker's later
    // fetch or result for it is refused. A job still waiting in Redis is removed on the way.
    const onAbort = () => {
      const p = this.pending.get(key);
      if (!p) return;
      this.pending.delete(key);
      p.reject(call.signal.reason instanceof Error ? call.signal.reason : new Error(`aborted: ${String(call.signal.reason)}`));
      void this.queue(kind).remove(key).catch(() => undefined);
    };
    if (call.signal.aborted) onAbort();
    else call.signal.addEventListener('abort', onAbort, { once: true });
    try {
      await this.send(kind, key, data);
    } catch (e) {
      this.pending.delete(key);
      call.signal.removeEventListener('abort', onAbort);
      throw e;
    }
    try {
      return await result;
    } finally {
      call.signal.removeEventListener('abort', onAbort);
      this.pending.delete(key);
    }
  }

  capacity(steps: readonly string[]): number {
    let waiting = 0;
    for (const p of this.pending.values()) if (steps.includes(p.kind)) waiting++;
    return Math.max(0, this.opts.registry.slots(steps) - waiting);
  }

  workers(): ComputeWorker[] {
    return this.opts.registry.list();
  }

  get registry(): ServiceRegistry {
    return this.opts.registry;
  }

  /**
   * A worker starts an attempt (asks for its input, or for its audio): null when the attempt is no
   * longer waiting here. An attempt whose provider's circuit opened since it was handed out is called
   * back here, before the worker reaches the provider, so a provider that is down hears only the
   * breaker's probe however long the attempt waited in Redis.
   */
  start(jobId: number, fence: number): { step: string; recordingId: number; input: unknown } | null {
    const key = attemptKey(jobId, fence);
    const p = this.pending.get(key);
    if (!p) return null;
    if (!p.mayReachProvider()) {
      this.pending.delete(key);
      p.reject(calledBackByBreaker());
      return null;
    }
    return { step: p.kind, recordingId: p.data.recordingId, input: p.input };
  }

  /** The step and recording of an attempt still waiting here. */
  attemptOf(jobId: number, fence: number): { step: string; recordingId: number } | null {
    const p = this.pending.get(attemptKey(jobId, fence));
    return p ? { step: p.kind, recordingId: p.data.recordingId } : null;
  }

  /**
   * A worker's result. True when it was taken (the attempt was waiting for it); false when the attempt
   * is gone — cancelled, re-run, reclaimed, timed out, or this result was delivered already.
   */
  deliver(jobId: number, fence: number, outcome: WireOutcome): boolean {
    const key = attemptKey(jobId, fence);
    const p = this.pending.get(key);
    if (!p) return false;
    this.pending.delete(key);
    if (outcome.ok) p.resolve(outcome.result);
    else p.reject(errorFromWire(outcome.error));
    return true;
  }

  /** A worker's progress on an attempt still waiting here (persisted with the job's next heartbeat). */
  progress(jobId: number, fence: number, fraction: number): boolean {
    const p = this.pending.get(attemptKey(jobId, fence));
    p?.progress(fraction);
    return !!p;
  }

  /** Attempts waiting for a worker (for the System view and tests). */
  get waiting(): number {
    return this.pending.size;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    for (const [key, p] of this.pending) {
      this.pending.delete(key);
      p.reject(new TransportUnavailable('The server is shutting down.'));
    }
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
  }

  private queue(step: string): Queue<StepJobData> {
    let q = this.queues.get(step);
    if (!q) {
      q = new this.Queue<StepJobData>(stepQueueName(step), {
        // A command waits for at most one reconnection; send() bounds the wait besides.
        connection: { url: this.opts.redisUrl, maxRetriesPerRequest: 1 },
        prefix: this.opts.prefix ?? 'cca',
        defaultJobOptions: { removeOnComplete: true, removeOnFail: true, attempts: 1 },
      });
      q.on('error', (e) => this.log.debug({ err: e, step }, 'redis connection error (the queue retries)'));
      this.queues.set(step, q);
    }
    return q;
  }

  /**
   * Hand the job to Redis, waiting at most SEND_TIMEOUT_MS: while Redis is away the attempt waits and
   * retries instead of hanging. (A send that timed out may still land later; a worker taking it then
   * finds the attempt gone and drops it.)
   */
  private async send(kind: string, key: string, data: StepJobData): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.queue(kind).add(kind, data, { jobId: key }),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer in ${SEND_TIMEOUT_MS} ms`)), SEND_TIMEOUT_MS))),
      ]);
    } catch (e) {
      throw new TransportUnavailable(`The job queue (Redis at ${redactUrlPassword(this.opts.redisUrl)}) did not take the ${kind} step: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Send again every attempt Redis no longer knows (it restarted without persistence, or a job was lost). */
  private async resendLost(): Promise<void> {
    if (this.resending) return;
    this.resending = true;
    try {
      const now = Date.now();
      for (const [key, p] of this.pending) {
        if (now - p.sentAt < 2_000) continue;
        const state = await this.queue(p.kind).getJobState(key).catch(() => null);
        if (state !== 'unknown' || !this.pending.has(key)) continue;
        await this.send(p.kind, key, p.data).then(
          () => this.log.warn({ recordingId: p.data.recordingId, step: p.kind, jobId: p.data.jobId }, 'Redis had lost a waiting step job: sent again'),
          () => undefined,
        );
      }
    } finally {
      this.resending = false;
    }
  }
}
