import type { AppDatabase } from '../open.js';
import type { JobFilter } from '../../preload/contract/schemas/queue.js';
import type { ErrorCategory } from '../../preload/contract/errors.js';
import { UNFINISHED_STATES_SQL } from './jobs-dao.js';

/** A job row joined with its recording's file name, as lists and events show it. */
export interface JobListRow {
  id: number;
  recordingId: number;
  fileName: string | null;
  step: string;
  state: string;
  priority: number;
  attempts: number;
  nextRunAt: number;
  progress: number | null;
  errorCategory: ErrorCategory | null;
  errorMessage: string | null;
  errorHint: string | null;
  costUsd: number | null;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  durationMs: number | null;
}

const COLUMNS = `j.id, j.recording_id AS recordingId, r.file_name AS fileName, j.step, j.state, j.priority, j.attempts,
  j.next_run_at AS nextRunAt, j.progress, j.error_category AS errorCategory, j.error_message AS errorMessage,
  j.error_hint AS errorHint, j.cost_usd AS costUsd, j.created_at AS createdAt, j.updated_at AS updatedAt,
  j.started_at AS startedAt, j.finished_at AS finishedAt, j.duration_ms AS durationMs`;

/** Read side of the queue: lists, counts, pace. Uses a read connection so the UI never waits on the writer. */
export class JobsQueryDao {
  constructor(private readonly db: AppDatabase) {}

  list(f: JobFilter): { rows: JobListRow[]; total: number } {
    const where: string[] = [];
    const args: Record<string, string | number> = {};
    const states = f.state === undefined ? [] : Array.isArray(f.state) ? f.state : [f.state];
    if (states.length) {
      where.push('j.state IN (SELECT value FROM json_each(@states))');
      args.states = JSON.stringify(states);
    }
    if (f.step) {
      where.push('j.step = @step');
      args.step = f.step;
    }
    if (f.recordingId !== undefined) {
      where.push('j.recording_id = @recordingId');
      args.recordingId = f.recordingId;
    }
    if (f.search) {
      where.push(`r.file_name LIKE @search ESCAPE '\\'`);
      args.search = `%${f.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    }
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const from = `FROM jobs j LEFT JOIN recordings r ON r.id = j.recording_id ${w}`;
    return this.db.timed('jobs.list', () => {
      const rd = this.db.reader();
      const total = (rd.prepare(`SELECT COUNT(*) AS n ${from}`).get(args) as { n: number }).n;
      const rows = rd
        .prepare(`SELECT ${COLUMNS} ${from} ORDER BY j.priority DESC, j.recording_id, j.id LIMIT @limit OFFSET @offset`)
        .all({ ...args, limit: f.limit, offset: f.offset }) as JobListRow[];
      return { rows, total };
    });
  }

  /** Jobs of some ids (for events), from the writer so the view is never older than the change. */
  byIds(ids: readonly number[]): JobListRow[] {
    if (!ids.length) return [];
    return this.db.timed('jobs.byIds', () =>
      this.db.sqlite
        .prepare(`SELECT ${COLUMNS} FROM jobs j LEFT JOIN recordings r ON r.id = j.recording_id WHERE j.id IN (SELECT value FROM json_each(@ids))`)
        .all({ ids: JSON.stringify(ids) }) as JobListRow[],
    );
  }

  byRecording(recordingId: number): JobListRow[] {
    return this.db.timed('jobs.byRecording', () =>
      this.db.sqlite
        .prepare(`SELECT ${COLUMNS} FROM jobs j LEFT JOIN recordings r ON r.id = j.recording_id WHERE j.recording_id = @recordingId ORDER BY j.id`)
        .all({ recordingId }) as JobListRow[],
    );
  }

  counts(): Record<string, number> {
    return this.db.timed('jobs.counts', () => {
      const rows = this.db.sqlite.prepare(`SELECT state, COUNT(*) AS n FROM jobs GROUP BY state`).all() as { state: string; n: number }[];
      return Object.fromEntries(rows.map((r) => [r.state, r.n]));
    });
  }

  /** Each recording's distinct step states (callStatusOf turns them into the call's status). */
  statesByRecording(): string[][] {
    return this.db.timed('jobs.statesByRecording', () =>
      (this.db.sqlite.prepare(`SELECT json_group_array(DISTINCT state) AS states FROM jobs GROUP BY recording_id`).all() as { states: string }[])
        .map((r) => JSON.parse(r.states) as string[]));
  }

  /** Whether a recording's pipeline has settled (nothing left to run), and its trace and start. */
  pipelineState(recordingId: number): { unfinished: number; failed: number; startedAt: number; traceParent: string | null } {
    return this.db.timed('jobs.pipelineState', () =>
      this.db.sqlite.prepare(`SELECT sum(state IN ${UNFINISHED_STATES_SQL}) AS unfinished, sum(state = 'failed') AS failed,
                                min(created_at) AS startedAt, max(trace_parent) AS traceParent FROM jobs WHERE recording_id = @recordingId`)
        .get({ recordingId }) as { unfinished: number; failed: number; startedAt: number; traceParent: string | null });
  }

  /** Provider cost of the steps finished since `since` (epoch ms): the monthly budget's spending. */
  costSince(since: number): number {
    return this.db.timed('jobs.costSince', () =>
      (this.db.reader().prepare(`SELECT coalesce(sum(cost_usd), 0) AS usd FROM jobs WHERE state = 'done' AND finished_at >= @since`).get({ since }) as { usd: number }).usd);
  }

  /** Jobs per step and state (the cca_jobs gauge, read at every scrape). */
  countsByStep(): { step: string; state: string; n: number }[] {
    return this.db.timed('jobs.countsByStep', () =>
      this.db.reader().prepare(`SELECT step, state, COUNT(*) AS n FROM jobs GROUP BY state, step`).all() as { step: string; state: string; n: number }[]);
  }

  activeRecordings(): number {
    return this.db.timed('jobs.active', () =>
      (this.db.sqlite.prepare(`SELECT COUNT(DISTINCT recording_id) AS n FROM jobs WHERE state IN ${UNFINISHED_STATES_SQL}`).get() as { n: number }).n,
    );
  }

  /** Steps finished since `since` (epoch ms): the recent pace for the ETA. */
  doneSince(since: number): number {
    return this.db.timed('jobs.doneSince', () =>
      (this.db.sqlite.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE state = 'done' AND finished_at >= @since`).get({ since }) as { n: number }).n,
    );
  }

  /** Steps still to run, including those the pipeline will create for unfinished recordings. */
  remainingSteps(pipelineSize: number): number {
    return this.db.timed('jobs.remaining', () => {
      const r = this.db.sqlite
        .prepare(
          `SELECT COUNT(*) AS recs, COALESCE(SUM(done), 0) AS done FROM (
             SELECT recording_id, SUM(state = 'done') AS done FROM jobs GROUP BY recording_id
             HAVING SUM(state IN ('queued','running','waiting_retry','waiting_network','paused')) > 0)`,
        )
        .get() as { recs: number; done: number };
      return Math.max(0, r.recs * pipelineSize - r.done);
    });
  }

  /** Where a recording's audio is and what its content hash was at import (the probe step re-checks both). */
  recordingAudio(id: number): { audioPath: string; sha256: string; fileName: string; sizeBytes: number } | undefined {
    return this.db.timed('jobs.recordingAudio', () =>
      this.db.sqlite.prepare(`SELECT audio_path AS audioPath, sha256, file_name AS fileName, size_bytes AS sizeBytes FROM recordings WHERE id = @id`).get({ id }) as
        | { audioPath: string; sha256: string; fileName: string; sizeBytes: number }
        | undefined,
    );
  }
}
