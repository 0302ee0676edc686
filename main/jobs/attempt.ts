import { isBulkheadRejectedError, timeout, TimeoutStrategy } from 'cockatiel';
import type { ClaimedJob, JobsDao, Transition } from '../../db/dao/jobs-dao.js';
import { retryDelayMs, type BackoffOptions } from './backoff.js';
import { classify } from './classify.js';
import { JobAborted, type Lane, type ProviderGate } from './provider-gate.js';
import { TRANSPORT_RETRY_MS, TransportUnavailable } from './transport.js';
import type { AttemptReport, StepContext, StepOutcome, StepRunner } from './types.js';

/** Why the scheduler aborted an attempt itself (AbortController reason). */
export type AbortReason = 'cancelled' | 'lost' | 'shutdown';

export interface AttemptEnv {
  jobs: JobsDao;
  runner: StepRunner;
  lane: Lane;
  gate: ProviderGate | null;
  ctx: StepContext;
  /** The context again, with the attempt's own (timeout-narrowed) signal. */
  contextFor: (signal: AbortSignal) => StepContext;
  controller: AbortController;
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Create the steps a finished step unlocks (given the recording's finished steps). */
  unlock: (step: string, done: Set<string>) => string[];
  /** A retry was scheduled for this time (so the scheduler wakes up for it). */
  noteDue: (at: number) => void;
  /** Called after every state change this attempt makes (events, counts). */
  changed: () => void;
}

export type AttemptResult = 'done' | 'skipped' | Transition['state'] | 'stale' | 'aborted';

/**
 * Run one claimed job to its next state. Order of policies, outside in: the lane's bulkhead
 * (concurrency), the provider's circuit breaker, the per-attempt timeout. Every write back is fenced
 * on the token this claim got; a false return means someone took the job meanwhile (cancel, re-run,
 * reclaim) and this attempt's result is dropped.
 */
export async function runAttempt(job: ClaimedJob, env: AttemptEnv): Promise<AttemptResult> {
  const t0 = Date.now();
  const report = (outcome: string, extra: Pick<AttemptReport, 'costUsd' | 'error'> = {}) =>
    env.ctx.deps.observer?.attempt({
      recordingId: job.recordingId, jobId: job.id, step: job.step, attempt: job.attempts, provider: env.gate?.id ?? 'local',
      outcome, seconds: (Date.now() - t0) / 1000, ...extra,
    });
  const result = await attemptOnce(job, env, t0, report);
  if (result === 'stale' || result === 'aborted') report(result);
  return result;
}

type Report = (outcome: string, extra?: Pick<AttemptReport, 'costUsd' | 'error'>) => void;

async function attemptOnce(job: ClaimedJob, env: AttemptEnv, t0: number, report: Report): Promise<AttemptResult> {
  const { jobs, runner, lane, gate, ctx, controller, log } = { ...env, log: env.ctx.log };
  let outcome: StepOutcome;
  let skipped = false;
  try {
    if (!job.force && runner.alreadyDone && (await runner.alreadyDone(ctx))) {
      outcome = { kind: 'done' };
      skipped = true;
    } else {
      const perAttempt = timeout(env.timeoutMs, TimeoutStrategy.Aggressive);
      const inner = async () => {
        try {
          return await perAttempt.execute(({ signal }) => runner.run(env.contextFor(signal)), controller.signal);
        } catch (e) {
          // Our own abort is never the provider's fault: keep it out of the breaker's count.
          if (controller.signal.aborted) throw new JobAborted(String(controller.signal.reason));
          throw e;
        }
      };
      outcome = await lane.bulkhead.execute(() => (gate ? gate.breaker.execute(inner) : inner()));
    }
  } catch (e) {
    return fail(job, env, e, t0, report);
  }

  const now = Date.now();
  if (outcome.kind === 'waiting_config') {
    const ok = jobs.transition(job.id, job.fencingToken, {
      state: 'waiting_config', refund: true, error: { category: 'auth', message: outcome.message, hint: outcome.hint },
    }, now);
    log.info({ to: 'waiting_config', reason: outcome.message }, 'job waiting for configuration');
    if (ok) report('waiting_config');
    env.changed();
    return ok ? 'waiting_config' : 'stale';
  }
  const unlocked = jobs.complete(job, {
    now, durationMs: now - t0, costUsd: outcome.costUsd ?? null, persist: outcome.persist,
    unlock: (done) => env.unlock(job.step, done),
  });
  if (unlocked === null) {
    log.warn({ fencingToken: job.fencingToken }, 'job result dropped: the job was taken over (cancelled, re-run or reclaimed)');
    return 'stale';
  }
  if (gate) gate.lastError = null;
  report(skipped ? 'skipped' : 'done', { costUsd: outcome.costUsd ?? null });
  log.info({ to: 'done', ms: now - t0, skipped, next: unlocked }, skipped ? 'job done (output already existed)' : 'job done');
  env.changed();
  return skipped ? 'skipped' : 'done';
}

function fail(job: ClaimedJob, env: AttemptEnv, e: unknown, t0: number, report: Report): AttemptResult {
  const { jobs, gate, controller, ctx } = env;
  const log = ctx.log;
  const now = Date.now();
  const reason = controller.signal.aborted ? (controller.signal.reason as AbortReason) : null;
  if (reason === 'cancelled' || reason === 'lost') {
    // The DB already says what happened (cancelled / re-run / reclaimed); the token is stale.
    log.info({ reason }, 'job attempt stopped');
    return 'aborted';
  }
  if (reason === 'shutdown' || isBulkheadRejectedError(e)) {
    // Not the step's fault: give the attempt back and run it first thing next time.
    jobs.transition(job.id, job.fencingToken, { state: 'queued', refund: true }, now);
    log.info({ reason: reason ?? 'bulkhead' }, 'job released');
    report('queued');
    env.changed();
    return 'queued';
  }

  if (e instanceof TransportUnavailable) {
    // The work could not be handed over (Redis away): no attempt burned, tried again shortly.
    const error = { category: 'network' as const, message: e.message, hint: 'The step continues by itself when the job queue is reachable again.' };
    const ok = jobs.transition(job.id, job.fencingToken, { state: 'waiting_retry', refund: true, nextRunAt: now + TRANSPORT_RETRY_MS, error }, now);
    if (ok) env.noteDue(now + TRANSPORT_RETRY_MS);
    log.warn({ to: 'waiting_retry' }, e.message);
    if (ok) report('waiting_retry', { error });
    env.changed();
    return ok ? 'waiting_retry' : 'stale';
  }

  const v = classify(e, Math.round(env.timeoutMs / 1000));
  const error = v.error.toInfo();
  if (gate && (v.tripsBreaker || v.kind === 'circuit')) gate.lastError = error.message;
  let t: Transition;
  if (v.kind === 'circuit' || (v.tripsBreaker && gate && gate.circuit !== 'closed')) {
    // The provider looks down: wait for the breaker's probe to succeed; no attempt is burned.
    t = { state: 'waiting_network', refund: true, error };
  } else if (v.kind === 'permanent') {
    t = { state: 'failed', error };
  } else if (job.attempts >= env.maxAttempts) {
    t = { state: 'failed', error: { ...error, message: `${error.message} (gave up after ${job.attempts} attempts)` } };
  } else {
    const delay = retryDelayMs(job.attempts, env.backoff, v.retryAfterSec);
    t = { state: 'waiting_retry', nextRunAt: now + delay, error };
  }
  const ok = jobs.transition(job.id, job.fencingToken, t, now);
  if (ok && t.nextRunAt) env.noteDue(t.nextRunAt);
  if (ok) report(t.state, { error: t.error ?? error });
  const fields = { to: t.state, category: error.category, attempt: job.attempts, ms: now - t0, retryInMs: t.nextRunAt ? t.nextRunAt - now : undefined };
  if (t.state === 'failed') log.warn({ ...fields, err: v.error.category === 'internal' ? e : undefined, hint: error.hint }, `job failed: ${error.message}`);
  else log.info(fields, `job ${t.state}: ${error.message}`);
  env.changed();
  return ok ? t.state : 'stale';
}
