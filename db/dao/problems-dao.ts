import type { AppDatabase } from '../open.js';

export interface ProblemRow {
  at: number;
  recordingId: number | null;
  jobId: number | null;
  step: string;
  provider: string;
  category: string;
  message: string;
  hint: string;
  fingerprint: string;
  outcome: string;
  attempt: number;
  traceId: string | null;
}

/** Failures grouped by category × step × provider × normalised message. */
export interface ProblemGroupRow {
  category: string;
  step: string;
  provider: string;
  fingerprint: string;
  /** The latest message and hint of the group (messages differ only in the normalised parts). */
  message: string;
  hint: string;
  count: number;
  recordings: number;
  firstSeen: number;
  lastSeen: number;
  sampleTraceId: string | null;
  /** Affected recordings whose step is failed right now (what "retry all" would re-run). */
  failedNow: number;
}

export interface ProblemKey {
  category: string;
  step: string;
  provider: string;
  fingerprint: string;
}

/** Error tracking: every failed step attempt, once; grouped for the Problems view; pruned by age. */
export class ProblemsDao {
  constructor(private readonly db: AppDatabase) {}

  record(p: ProblemRow): void {
    this.db.timed('problems.record', () =>
      this.db.sqlite
        .prepare(`INSERT INTO problems (at, recording_id, job_id, step, provider, category, message, hint, fingerprint, outcome, attempt, trace_id)
                  VALUES (@at, @recordingId, @jobId, @step, @provider, @category, @message, @hint, @fingerprint, @outcome, @attempt, @traceId)`)
        .run(p),
    );
  }

  groups(from: number, to: number, limit = 200): ProblemGroupRow[] {
    return this.db.timed('problems.groups', () =>
      this.db.reader()
        .prepare(`
          SELECT p.category, p.step, p.provider, p.fingerprint, count(*) AS count, count(DISTINCT p.recording_id) AS recordings,
            min(p.at) AS firstSeen, max(p.at) AS lastSeen,
            (SELECT q.message FROM problems q WHERE q.category = p.category AND q.step = p.step AND q.provider = p.provider
               AND q.fingerprint = p.fingerprint AND q.at >= @from AND q.at < @to ORDER BY q.at DESC, q.id DESC LIMIT 1) AS message,
            (SELECT q.hint FROM problems q WHERE q.category = p.category AND q.step = p.step AND q.provider = p.provider
               AND q.fingerprint = p.fingerprint AND q.at >= @from AND q.at < @to ORDER BY q.at DESC, q.id DESC LIMIT 1) AS hint,
            max(p.trace_id) AS sampleTraceId,
            (SELECT count(DISTINCT j.recording_id) FROM jobs j WHERE j.step = p.step AND j.state = 'failed' AND j.recording_id IN (
               SELECT q.recording_id FROM problems q WHERE q.category = p.category AND q.step = p.step AND q.provider = p.provider
                 AND q.fingerprint = p.fingerprint AND q.at >= @from AND q.at < @to)) AS failedNow
          FROM problems p WHERE p.at >= @from AND p.at < @to
          GROUP BY p.category, p.step, p.provider, p.fingerprint
          ORDER BY lastSeen DESC LIMIT @limit`)
        .all({ from, to, limit }) as ProblemGroupRow[],
    );
  }

  /** The recordings a group touched in [from, to), newest first. */
  recordingsOf(key: ProblemKey, from: number, to: number, limit = 10_000): number[] {
    return this.db.timed('problems.recordingsOf', () =>
      (this.db.reader()
        .prepare(`SELECT recording_id AS id FROM problems WHERE category = @category AND step = @step AND provider = @provider
                    AND fingerprint = @fingerprint AND at >= @from AND at < @to AND recording_id IS NOT NULL
                  GROUP BY recording_id ORDER BY max(at) DESC LIMIT @limit`)
        .all({ ...key, from, to, limit }) as { id: number }[]).map((r) => r.id),
    );
  }

  /** Drop what is older than `before` (epoch ms); returns how many rows went. */
  prune(before: number): number {
    return this.db.timed('problems.prune', () => this.db.sqlite.prepare('DELETE FROM problems WHERE at < @before').run({ before }).changes);
  }
}
