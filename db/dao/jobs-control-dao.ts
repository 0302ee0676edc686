import type Database from 'better-sqlite3';
import type { AppDatabase } from '../open.js';
import { StatementCache } from '../statement-cache.js';
import { UNFINISHED_STATES_SQL, type JobsListener } from './jobs-dao.js';

/**
 * What a person does to the queue: pause/resume, cancel, retry, re-run, reorder. Every change that
 * takes a job away from a worker bumps its fencing token, so that worker's late complete/fail is a
 * no-op. Each method returns the ids of running jobs it took (the scheduler aborts them locally).
 * Each operation is one timed, immediate transaction; its statements are prepared once, with named
 * parameters.
 */
const WAITING = `('queued','waiting_retry','waiting_network','waiting_config')`;
const CLEAR_ERROR = 'error_category = NULL, error_message = NULL, error_hint = NULL';

export class JobsControlDao {
  private readonly stmts = new StatementCache();
  constructor(private readonly db: AppDatabase, private readonly listener: JobsListener) {}

  private tx<T>(op: string, fn: () => T): T {
    return this.db.timed(op, () => this.db.sqlite.transaction(fn).immediate());
  }

  private stmt(sql: string): Database.Statement {
    return this.stmts.write(this.db.sqlite, sql);
  }

  private setPaused(paused: boolean): void {
    this.stmt(`INSERT INTO queue_flags (name, value) VALUES ('paused', @value) ON CONFLICT(name) DO UPDATE SET value = excluded.value`).run({ value: paused ? '1' : '0' });
  }

  /** Run a state-changing UPDATE … RETURNING recording_id and report the calls it moved. */
  private moved(sql: string, params: Record<string, unknown>): number {
    const ids = (this.stmt(`${sql} RETURNING recording_id AS rid`).all(params) as { rid: number }[]).map((r) => r.rid);
    this.listener.statusChanged(ids);
    return ids.length;
  }

  /** Waiting jobs become `paused`; running ones finish their attempt, and what they unlock is created paused. */
  pause(now: number): number {
    return this.tx('jobs.pause', () => {
      this.setPaused(true);
      return this.moved(`UPDATE jobs SET state = 'paused', updated_at = @now WHERE state IN ${WAITING}`, { now });
    });
  }

  /** Paused jobs go back to queued; their next_run_at is kept, so a backoff still in progress is honoured. */
  resume(now: number): number {
    return this.tx('jobs.resume', () => {
      this.setPaused(false);
      return this.moved(`UPDATE jobs SET state = 'queued', updated_at = @now WHERE state = 'paused'`, { now });
    });
  }

  /** Cancel unfinished steps (of one recording, or all). Returns changed count and running ids taken. */
  cancel(recordingId: number | null, now: number): { changed: number; running: number[] } {
    return this.tx('jobs.cancel', () => {
      // Two statements, not `@id IS NULL OR …`: one recording's cancel must use its index, not scan every job.
      const scope = `state IN ${UNFINISHED_STATES_SQL}${recordingId === null ? '' : ' AND recording_id = @id'}`;
      const running = (this.stmt(`SELECT id FROM jobs WHERE ${scope} AND state = 'running'`).all({ id: recordingId }) as { id: number }[]).map((r) => r.id);
      const changed = this.moved(`UPDATE jobs SET state = 'cancelled', fencing_token = fencing_token + 1, lease_owner = NULL, lease_expires_at = NULL,
                    progress = NULL, finished_at = @now, updated_at = @now, ${CLEAR_ERROR} WHERE ${scope}`, { now, id: recordingId });
      return { changed, running };
    });
  }

  /**
   * Failed/cancelled steps (of one recording, or all failed ones) start again with a fresh attempt
   * budget. Waiting-to-retry steps of that scope are woken up too: the person asked for "now".
   */
  retry(recordingId: number | null, now: number, paused: boolean): number {
    return this.tx('jobs.retry', () =>
      this.moved(`UPDATE jobs SET state = @state, attempts = 0, next_run_at = 0, updated_at = @now, finished_at = NULL, ${CLEAR_ERROR}
                  WHERE ${recordingId === null ? `state IN ('failed','waiting_retry')` : `recording_id = @id AND state IN ('failed','cancelled','waiting_retry')`}`,
      { state: paused ? 'paused' : 'queued', now, id: recordingId }));
  }

  /** Failed `step` jobs of these recordings start again with a fresh attempt budget (Problems → retry all). */
  retryStep(recordingIds: readonly number[], step: string, now: number, paused: boolean): number {
    return this.tx('jobs.retryStep', () =>
      this.moved(`UPDATE jobs SET state = @state, attempts = 0, next_run_at = 0, updated_at = @now, finished_at = NULL, ${CLEAR_ERROR}
                  WHERE recording_id IN (SELECT value FROM json_each(@ids)) AND step = @step AND state = 'failed'`,
      { state: paused ? 'paused' : 'queued', now, ids: JSON.stringify(recordingIds), step }));
  }

  /**
   * Run `step` again for these recordings: the step restarts with force=1 (its existing output does
   * not short-circuit it) and the steps after it are removed, to be created again when it finishes.
   * Recordings that never reached the step are left alone.
   */
  rerun(recordingIds: readonly number[], step: string, downstream: readonly string[], now: number, paused: boolean): { changed: number; running: number[] } {
    return this.tx('jobs.rerun', () => {
      const later = JSON.stringify(downstream.filter((s) => s !== step));
      const running: number[] = [];
      let changed = 0;
      const sel = this.stmt(`SELECT id, state FROM jobs WHERE recording_id = @rid AND step = @step`);
      const reset = this.stmt(`UPDATE jobs SET state = @state, force = 1, attempts = 0, next_run_at = 0, fencing_token = fencing_token + 1, lease_owner = NULL,
           lease_expires_at = NULL, progress = NULL, finished_at = NULL, duration_ms = NULL, updated_at = @now, ${CLEAR_ERROR} WHERE id = @id`);
      const del = this.stmt(`DELETE FROM jobs WHERE recording_id = @rid AND step IN (SELECT value FROM json_each(@later)) RETURNING id, state`);
      for (const rid of recordingIds) {
        const row = sel.get({ rid, step }) as { id: number; state: string } | undefined;
        if (!row) continue;
        if (row.state === 'running') running.push(row.id);
        reset.run({ state: paused ? 'paused' : 'queued', now, id: row.id });
        changed++;
        for (const r of del.all({ rid, later }) as { id: number; state: string }[]) if (r.state === 'running') running.push(r.id);
      }
      this.listener.statusChanged(recordingIds);
      return { changed, running };
    });
  }

  /** New priority for every unfinished step of these recordings (and inherited by steps they unlock). */
  prioritize(recordingIds: readonly number[], priority: number, now: number): number {
    return this.tx('jobs.prioritize', () =>
      this.stmt(`UPDATE jobs SET priority = @priority, updated_at = @now WHERE recording_id IN (SELECT value FROM json_each(@ids)) AND state IN ${UNFINISHED_STATES_SQL}`)
        .run({ priority, now, ids: JSON.stringify(recordingIds) }).changes);
  }

  /** Recordings that have no job at all (imported while the app was stopping, or before the queue existed). */
  recordingsWithoutJobs(limit = 10_000): number[] {
    return this.db.timed('jobs.orphans', () =>
      (this.stmt(`SELECT r.id FROM recordings r WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.recording_id = r.id) ORDER BY r.id LIMIT @limit`)
        .all({ limit }) as { id: number }[]).map((r) => r.id));
  }

  recordingExists(id: number): boolean {
    return this.db.timed('jobs.recordingExists', () => this.stmt(`SELECT 1 FROM recordings WHERE id = @id`).get({ id }) !== undefined);
  }
}
