import type { Statement } from 'better-sqlite3';
import type { AppDatabase } from '../open.js';
import type { SourcesListener } from './call-projection-dao.js';
import type { ErrorCategory } from '../../preload/contract/errors.js';

/**
 * The job lifecycle in SQL: enqueue, claim (inside BEGIN IMMEDIATE), heartbeat, and fenced
 * transitions. Raw statements prepared once, with named parameters, not the query builder: the
 * claim/complete path is the queue's hot loop (thousands per second) and statement preparation would
 * dominate it.
 */

export interface ClaimedJob {
  id: number;
  recordingId: number;
  step: string;
  attempts: number;
  fencingToken: number;
  priority: number;
  force: boolean;
  /** The recording's pipeline trace (W3C traceparent), null with tracing off. */
  traceParent: string | null;
}

export interface JobErrorFields {
  category: ErrorCategory;
  message: string;
  hint: string;
}

/** A fenced move out of `running`. */
export interface Transition {
  state: 'queued' | 'waiting_retry' | 'waiting_network' | 'waiting_config' | 'failed';
  nextRunAt?: number;
  error?: JobErrorFields | null;
  /** Give the attempt back (not the step's fault: circuit open, shutdown, missing key). */
  refund?: boolean;
}

/**
 * Told, inside the transaction that moved them, which calls' steps changed state (the call projection,
 * wired by the composition root): `statusChanged` for a claim, retry, wait or pause; `sourcesChanged`
 * when a step finished with results stored in that transaction (a transcript, an analysis…).
 */
export interface JobsListener extends SourcesListener {
  statusChanged(recordingIds: readonly number[]): void;
}

export const RUNNING = 'running';
const UNFINISHED = `('queued','running','waiting_retry','waiting_network','waiting_config','paused')`;
export { UNFINISHED as UNFINISHED_STATES_SQL };

export class JobsDao {
  private readonly s: Record<string, Statement>;

  constructor(private readonly db: AppDatabase, private readonly listener: JobsListener) {
    const q = (sql: string) => db.sqlite.prepare(sql);
    this.s = {
      insert: q(`INSERT OR IGNORE INTO jobs (recording_id, step, state, priority, created_at, updated_at, trace_parent)
                 VALUES (@recordingId, @step, @state, @priority, @now, @now, @traceParent)`),
      pick: q(`SELECT id, priority, next_run_at AS nextRunAt FROM jobs INDEXED BY jobs_claim_idx
               WHERE state = @state AND step = @step AND next_run_at <= @now
               ORDER BY priority DESC, next_run_at, id LIMIT @limit`),
      claimOne: q(`UPDATE jobs SET state = 'running', lease_owner = @owner, lease_expires_at = @leaseUntil, fencing_token = fencing_token + 1,
                     attempts = attempts + 1, started_at = @now, updated_at = @now, progress = NULL
                   WHERE id = @id AND state IN ('queued','waiting_retry','waiting_network')
                   RETURNING id, recording_id AS recordingId, step, attempts, fencing_token AS fencingToken, priority, force, trace_parent AS traceParent`),
      heartbeat: q(`UPDATE jobs SET lease_expires_at = @leaseUntil, progress = COALESCE(@progress, progress), updated_at = @now
                    WHERE id = @id AND fencing_token = @token AND state = 'running'`),
      complete: q(`UPDATE jobs SET state = 'done', progress = 1, finished_at = @now, duration_ms = @durationMs, cost_usd = @costUsd, updated_at = @now,
                     lease_owner = NULL, lease_expires_at = NULL, error_category = NULL, error_message = NULL, error_hint = NULL, force = 0
                   WHERE id = @id AND fencing_token = @token AND state = 'running'`),
      transition: q(`UPDATE jobs SET state = @state, next_run_at = @nextRunAt, attempts = attempts - @refund, updated_at = @now,
                       finished_at = CASE WHEN @state = 'failed' THEN @now ELSE finished_at END,
                       error_category = @category, error_message = @message, error_hint = @hint, lease_owner = NULL, lease_expires_at = NULL
                     WHERE id = @id AND fencing_token = @token AND state = 'running' RETURNING recording_id AS recordingId`),
      doneSteps: q(`SELECT step FROM jobs WHERE recording_id = @recordingId AND state = 'done'`),
      paused: q(`SELECT value FROM queue_flags WHERE name = 'paused'`),
      running: q(`SELECT id, recording_id AS recordingId, lease_owner AS owner, lease_expires_at AS expiresAt, attempts FROM jobs WHERE state = 'running'`),
      reclaim: q(`UPDATE jobs SET state = 'queued', lease_owner = NULL, lease_expires_at = NULL, fencing_token = fencing_token + 1,
                    updated_at = @now, progress = NULL WHERE id = @id AND state = 'running' AND lease_owner IS @owner`),
      reclaimFail: q(`UPDATE jobs SET state = 'failed', lease_owner = NULL, lease_expires_at = NULL, fencing_token = fencing_token + 1,
                        updated_at = @now, finished_at = @now, error_category = 'internal',
                        error_message = 'The step was interrupted too many times (the app stopped while it ran).',
                        error_hint = 'Retry it from the Queue view; if it keeps stopping the app, send the log file to support.'
                      WHERE id = @id AND state = 'running' AND lease_owner IS @owner`),
      wake: q(`UPDATE jobs SET state = 'queued', next_run_at = 0, updated_at = @now WHERE state = @state AND step = @step RETURNING recording_id AS recordingId`),
      nextDue: q(`SELECT MIN(next_run_at) AS at FROM jobs WHERE state IN ('queued','waiting_retry') AND next_run_at > @now`),
      hasWork: q(`SELECT 1 FROM jobs INDEXED BY jobs_claim_idx WHERE state = @state AND step = @step AND next_run_at <= @now LIMIT 1`),
    };
  }

  /** Create a recording's first steps (no-op for steps that already exist). Returns rows created. */
  enqueue(recordingId: number, steps: readonly string[], now: number, priority = 0, traceParent: string | null = null): number {
    return this.db.timed('jobs.enqueue', () =>
      this.db.sqlite.transaction(() => {
        const state = this.isPaused() ? 'paused' : 'queued';
        let n = 0;
        for (const step of steps) n += this.s.insert!.run({ recordingId, step, state, priority, now, traceParent }).changes;
        this.listener.statusChanged([recordingId]);
        return n;
      }).immediate(),
    );
  }

  isPaused(): boolean {
    return this.db.timed('jobs.isPaused', () => (this.s.paused!.get() as { value: string } | undefined)?.value === '1');
  }

  /**
   * Claim up to `limit` due jobs of these steps: queued and waiting_retry, plus waiting_network when
   * this claim is a circuit probe. BEGIN IMMEDIATE takes the write lock before reading, so two
   * processes (or a reclaim racing a claim) can never both pick the same row.
   */
  claim(opts: { steps: readonly string[]; limit: number; now: number; owner: string; leaseMs: number; probe?: boolean }): ClaimedJob[] {
    const { steps, limit, now, owner, leaseMs } = opts;
    const states = opts.probe ? ['waiting_network', 'queued', 'waiting_retry'] : ['queued', 'waiting_retry'];
    return this.db.timed('jobs.claim', () =>
      this.db.sqlite.transaction(() => {
        // Candidates per (state, step) come off the claim index already ordered; merge them the same way.
        type Pick = { id: number; priority: number; nextRunAt: number };
        const picks: Pick[] = [];
        for (const state of states) for (const step of steps) picks.push(...(this.s.pick!.all({ state, step, now, limit }) as Pick[]));
        if (picks.length > limit) picks.sort((a, b) => b.priority - a.priority || a.nextRunAt - b.nextRunAt || a.id - b.id);
        const rows = picks.map((p) => p.id);
        const out: ClaimedJob[] = [];
        for (const id of rows.slice(0, limit)) {
          const r = this.s.claimOne!.get({ owner, leaseUntil: now + leaseMs, now, id }) as (Omit<ClaimedJob, 'force'> & { force: number }) | undefined;
          if (r) out.push({ ...r, force: r.force === 1 });
        }
        this.listener.statusChanged(out.map((j) => j.recordingId));
        return out;
      }).immediate(),
    );
  }

  /** Is anything of these steps claimable now? Cheap check so idle lanes skip the write transaction. */
  hasDue(steps: readonly string[], now: number, probe = false): boolean {
    const states = probe ? ['queued', 'waiting_retry', 'waiting_network'] : ['queued', 'waiting_retry'];
    return this.db.timed('jobs.hasDue', () => states.some((st) => steps.some((step) => this.s.hasWork!.get({ state: st, step, now }) !== undefined)));
  }

  /** Extend the lease; false means the job is no longer ours (cancelled, reclaimed): stop working on it. */
  heartbeat(id: number, token: number, leaseUntil: number, progress: number | null, now: number): boolean {
    return this.db.timed('jobs.heartbeat', () => this.s.heartbeat!.run({ leaseUntil, progress, now, id, token }).changes === 1);
  }

  /**
   * Mark done if the token still matches, run the step's `persist` in the same transaction, and
   * create the steps this one unlocks. Returns the unlocked steps, or null when the token was stale.
   */
  complete(
    job: { id: number; recordingId: number; step: string; fencingToken: number; priority: number; traceParent: string | null },
    r: { now: number; durationMs: number; costUsd: number | null; persist?: () => void; unlock: (done: Set<string>) => string[] },
  ): string[] | null {
    return this.db.timed('jobs.complete', () =>
      this.db.sqlite.transaction(() => {
        const ok = this.s.complete!.run({ now: r.now, durationMs: r.durationMs, costUsd: r.costUsd, id: job.id, token: job.fencingToken }).changes === 1;
        if (!ok) return null;
        r.persist?.();
        const done = new Set((this.s.doneSteps!.all({ recordingId: job.recordingId }) as { step: string }[]).map((x) => x.step));
        const next = r.unlock(done);
        const state = this.isPaused() ? 'paused' : 'queued';
        for (const step of next) this.s.insert!.run({ recordingId: job.recordingId, step, state, priority: job.priority, now: r.now, traceParent: job.traceParent });
        // A step that stored results (a transcript, an analysis…) changed the call's sources; one that
        // stored nothing only moved its job.
        if (r.persist) this.listener.sourcesChanged([job.recordingId]);
        else this.listener.statusChanged([job.recordingId]);
        return next;
      }).immediate(),
    );
  }

  /** Fenced move out of running (retry later, wait, fail, release). False when the token was stale. */
  transition(id: number, token: number, t: Transition, now: number): boolean {
    const e = t.error ?? null;
    return this.db.timed('jobs.transition', () =>
      this.db.sqlite.transaction(() => {
        const moved = this.s.transition!.get({
          state: t.state, nextRunAt: t.nextRunAt ?? 0, refund: t.refund ? 1 : 0, now,
          category: e?.category ?? null, message: e?.message ?? null, hint: e?.hint ?? null, id, token,
        }) as { recordingId: number } | undefined;
        if (moved) this.listener.statusChanged([moved.recordingId]);
        return moved !== undefined;
      })(),
    );
  }

  /**
   * Give back running jobs whose worker is gone (lease expired, or its process is dead). A job that
   * already used every attempt fails instead, so a step that crashes the app cannot loop forever.
   */
  reclaim(now: number, ownerIsGone: (owner: string | null) => boolean, maxAttempts: number): { id: number; failed: boolean }[] {
    return this.db.timed('jobs.reclaim', () =>
      this.db.sqlite.transaction(() => {
        const rows = this.s.running!.all() as { id: number; recordingId: number; owner: string | null; expiresAt: number | null; attempts: number }[];
        const out: { id: number; failed: boolean }[] = [];
        const moved: number[] = [];
        for (const r of rows) {
          if (!((r.expiresAt ?? 0) < now || ownerIsGone(r.owner))) continue;
          const failed = r.attempts >= maxAttempts;
          const st = failed ? this.s.reclaimFail! : this.s.reclaim!;
          const changes = st.run({ now, id: r.id, owner: r.owner }).changes;
          if (changes) {
            out.push({ id: r.id, failed });
            moved.push(r.recordingId);
          }
        }
        this.listener.statusChanged(moved);
        return out;
      }).immediate(),
    );
  }

  /** waiting_network / waiting_config → queued for these steps (circuit closed, key added). */
  wake(state: 'waiting_network' | 'waiting_config', steps: readonly string[], now: number): number {
    return this.db.timed('jobs.wake', () =>
      this.db.sqlite.transaction(() => {
        const woken = steps.flatMap((step) => (this.s.wake!.all({ now, state, step }) as { recordingId: number }[]).map((r) => r.recordingId));
        this.listener.statusChanged(woken);
        return woken.length;
      }).immediate(),
    );
  }

  /** Earliest future next_run_at among claimable jobs (to sleep exactly until then). */
  nextDueAt(now: number): number | null {
    return this.db.timed('jobs.nextDue', () => (this.s.nextDue!.get({ now }) as { at: number | null }).at);
  }
}
