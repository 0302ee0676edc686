import type { AppDatabase } from '../open.js';
import { UNFINISHED_STATES_SQL, type JobsListener } from './jobs-dao.js';

/**
 * What a person does to the queue: pause/resume, cancel, retry, re-run, reorder. Every change that
 * takes a job away from a worker bumps its fencing token, so that worker's late complete/fail is a
 * no-op. Each method returns the ids of running jobs it took (the scheduler aborts them locally).
 */
export class JobsControlDao {
  constructor(private readonly db: AppDatabase, private readonly listener: JobsListener) {}

  private tx<T>(op: string, fn: () => T): T {
    return this.db.timed(op, () => this.db.sqlite.transaction(fn).immediate());
  }

  /** Run a state-changing UPDATE … RETURNING recording_id and report the calls it moved. */
  private moved(sql: string, ...args: unknown[]): number {
    const ids = (this.db.sqlite.prepare(`${sql} RETURNING recording_id AS rid`).all(...args) as { rid: number }[]).map((r) => r.rid);
    this.listener.statusChanged(ids);
    return ids.length;
  }

  /** Waiting jobs become `paused`; running ones finish their attempt, and what they unlock is created paused. */
  pause(now: number): number {
    return this.tx('jobs.pause', () => {
      this.db.sqlite.prepare(`INSERT INTO queue_flags (name, value) VALUES ('paused', '1') ON CONFLICT(name) DO UPDATE SET value = '1'`).run();
      return this.moved(`UPDATE jobs SET state = 'paused', updated_at = ? WHERE state IN ('queued','waiting_retry','waiting_network','waiting_config')`, now);
    });
  }

  /** Paused jobs go back to queued; their next_run_at is kept, so a backoff still in progress is honoured. */
  resume(now: number): number {
    return this.tx('jobs.resume', () => {
      this.db.sqlite.prepare(`INSERT INTO queue_flags (name, value) VALUES ('paused', '0') ON CONFLICT(name) DO UPDATE SET value = '0'`).run();
      return this.moved(`UPDATE jobs SET state = 'queued', updated_at = ? WHERE state = 'paused'`, now);
    });
  }

  /** Cancel unfinished steps (of one recording, or all). Returns changed count and running ids taken. */
  cancel(recordingId: number | null, now: number): { changed: number; running: number[] } {
    return this.tx('jobs.cancel', () => {
      const where = `state IN ${UNFINISHED_STATES_SQL}${recordingId === null ? '' : ' AND recording_id = ?'}`;
      const args = recordingId === null ? [] : [recordingId];
      const running = (this.db.sqlite.prepare(`SELECT id FROM jobs WHERE ${where} AND state = 'running'`).all(...args) as { id: number }[]).map((r) => r.id);
      const changed = this.moved(`UPDATE jobs SET state = 'cancelled', fencing_token = fencing_token + 1, lease_owner = NULL, lease_expires_at = NULL,
                    progress = NULL, finished_at = ?, updated_at = ?, error_category = NULL, error_message = NULL, error_hint = NULL
                  WHERE ${where}`, now, now, ...args);
      return { changed, running };
    });
  }

  /**
   * Failed/cancelled steps (of one recording, or all failed ones) start again with a fresh attempt
   * budget. Waiting-to-retry steps of that scope are woken up too: the person asked for "now".
   */
  retry(recordingId: number | null, now: number, paused: boolean): number {
    return this.tx('jobs.retry', () => {
      const scope = recordingId === null ? `state IN ('failed','waiting_retry')` : `recording_id = ? AND state IN ('failed','cancelled','waiting_retry')`;
      const args = recordingId === null ? [] : [recordingId];
      return this.moved(`UPDATE jobs SET state = ?, attempts = 0, next_run_at = 0, updated_at = ?, finished_at = NULL,
                    error_category = NULL, error_message = NULL, error_hint = NULL WHERE ${scope}`, paused ? 'paused' : 'queued', now, ...args);
    });
  }

  /** Failed `step` jobs of these recordings start again with a fresh attempt budget (Problems → retry all). */
  retryStep(recordingIds: readonly number[], step: string, now: number, paused: boolean): number {
    return this.tx('jobs.retryStep', () => {
      const stmt = this.db.sqlite.prepare(`UPDATE jobs SET state = ?, attempts = 0, next_run_at = 0, updated_at = ?, finished_at = NULL,
                    error_category = NULL, error_message = NULL, error_hint = NULL WHERE recording_id = ? AND step = ? AND state = 'failed'`);
      const moved = recordingIds.filter((id) => stmt.run(paused ? 'paused' : 'queued', now, id, step).changes > 0);
      this.listener.statusChanged(moved);
      return moved.length;
    });
  }

  /**
   * Run `step` again for these recordings: the step restarts with force=1 (its existing output does
   * not short-circuit it) and the steps after it are removed, to be created again when it finishes.
   * Recordings that never reached the step are left alone.
   */
  rerun(recordingIds: readonly number[], step: string, downstream: readonly string[], now: number, paused: boolean): { changed: number; running: number[] } {
    return this.tx('jobs.rerun', () => {
      const later = downstream.filter((s) => s !== step);
      const running: number[] = [];
      let changed = 0;
      const sel = this.db.sqlite.prepare(`SELECT id, state FROM jobs WHERE recording_id = ? AND step = ?`);
      const reset = this.db.sqlite.prepare(
        `UPDATE jobs SET state = ?, force = 1, attempts = 0, next_run_at = 0, fencing_token = fencing_token + 1, lease_owner = NULL,
           lease_expires_at = NULL, progress = NULL, finished_at = NULL, duration_ms = NULL, updated_at = ?,
           error_category = NULL, error_message = NULL, error_hint = NULL WHERE id = ?`,
      );
      const del = later.length
        ? this.db.sqlite.prepare(`DELETE FROM jobs WHERE recording_id = ? AND step IN (${later.map(() => '?').join(',')}) RETURNING id, state`)
        : null;
      for (const rid of recordingIds) {
        const row = sel.get(rid, step) as { id: number; state: string } | undefined;
        if (!row) continue;
        if (row.state === 'running') running.push(row.id);
        reset.run(paused ? 'paused' : 'queued', now, row.id);
        changed++;
        for (const r of (del?.all(rid, ...later) ?? []) as { id: number; state: string }[]) if (r.state === 'running') running.push(r.id);
      }
      this.listener.statusChanged(recordingIds);
      return { changed, running };
    });
  }

  /** New priority for every unfinished step of these recordings (and inherited by steps they unlock). */
  prioritize(recordingIds: readonly number[], priority: number, now: number): number {
    return this.tx('jobs.prioritize', () => {
      const st = this.db.sqlite.prepare(`UPDATE jobs SET priority = ?, updated_at = ? WHERE recording_id = ? AND state IN ${UNFINISHED_STATES_SQL}`);
      return recordingIds.reduce((n, id) => n + st.run(priority, now, id).changes, 0);
    });
  }

  /** Recordings that have no job at all (imported while the app was stopping, or before the queue existed). */
  recordingsWithoutJobs(limit = 10_000): number[] {
    return this.db.timed('jobs.orphans', () =>
      (this.db.sqlite
        .prepare(`SELECT r.id FROM recordings r WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.recording_id = r.id) ORDER BY r.id LIMIT ?`)
        .all(limit) as { id: number }[]).map((r) => r.id),
    );
  }

  recordingExists(id: number): boolean {
    return this.db.timed('jobs.recordingExists', () => this.db.sqlite.prepare(`SELECT 1 FROM recordings WHERE id = ?`).get(id) !== undefined);
  }
}
