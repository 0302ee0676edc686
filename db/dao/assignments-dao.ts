import type { AssignmentStatus } from '../../preload/contract/schemas/assignments.js';
import type { CallFilter } from '../../preload/contract/schemas/calls.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';
import { filterSql } from './export-filter.js';

/** A call a sampling rule may pick from (what main/domains/assignments/sampling.ts needs of it). */
export interface CandidateRow { recordingId: number; agent: string | null; queue: string | null; outcome: string | null; scorePct: number | null; fileName: string; callAt: string }

export interface AssignmentRow {
  id: number; recordingId: number; fileName: string; agent: string | null; queue: string | null; callAt: string; scorePct: number | null;
  reviewerId: number; reviewer: string; dueOn: string | null; status: AssignmentStatus; source: 'selection' | 'sample'; stratum: string | null;
  assignedBy: string; createdAt: number; reviewedAt: string | null;
}

export interface NewAssignment { recordingId: number; reviewerId: number; dueOn: string | null; source: 'selection' | 'sample'; stratum: string | null; assignedBy: string; createdAt: number }

export interface RuleRow {
  id: number; name: string; spec: unknown; dueInDays: number; createdBy: string; createdAt: number;
  lastWeek: string | null; lastRunAt: number | null; lastResult: unknown;
}
const RULE = `id, name, spec, due_in_days AS dueInDays, created_by AS createdBy, created_at AS createdAt, last_week AS lastWeek, last_run_at AS lastRunAt, last_result AS lastResult`;
const parseRule = (r: Record<string, unknown>): RuleRow => ({ ...(r as unknown as RuleRow), spec: JSON.parse(r.spec as string), lastResult: r.lastResult === null ? null : JSON.parse(r.lastResult as string) });

export interface LoadRow { reviewerId: number; reviewer: string; role: string; open: number; overdue: number; done: number; oldestDue: string | null }

/**
 * An assignment's status, in one place: done once the call is reviewed (call_summary.reviewed_at, the
 * one "reviewed" truth), overdue when its due day has passed, open otherwise. `@today` is YYYY-MM-DD.
 */
const STATUS = `CASE WHEN s.reviewed_at IS NOT NULL THEN 'done' WHEN a.due_on IS NOT NULL AND a.due_on < @today THEN 'overdue' ELSE 'open' END`;

const ROW = `a.id, a.recording_id AS recordingId, r.file_name AS fileName, s.agent, s.queue, s.call_at AS callAt, s.score_pct AS scorePct,
  a.reviewer_id AS reviewerId, u.display_name AS reviewer, a.due_on AS dueOn, ${STATUS} AS status, a.source, a.stratum,
  a.assigned_by AS assignedBy, a.created_at AS createdAt, s.reviewed_at AS reviewedAt`;
const FROM = `assignments a JOIN call_summary s ON s.recording_id = a.recording_id JOIN recordings r ON r.id = a.recording_id JOIN users u ON u.id = a.reviewer_id`;

/** Reviewers and above can be given calls (preload/contract/define.ts roles). */
const REVIEWING_ROLES = `('reviewer', 'lead', 'admin')`;

export class AssignmentsDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'assignments');
  }

  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  /**
   * The calls a rule samples from: the Calls list's filter (the same WHERE clause), analysed (a scorecard to review), not
   * reviewed and not given to anyone. Calls without an agent come back too (with agent null), so the
   * caller can say how many a per-agent rule could not place.
   */
  candidates(filter: CallFilter): CandidateRow[] {
    const f = filterSql(filter);
    const where = [f.where.replace(/^WHERE /, ''), 's.analysis_id IS NOT NULL', 's.reviewed_at IS NULL', 'NOT EXISTS (SELECT 1 FROM assignments a WHERE a.recording_id = s.recording_id)'].filter(Boolean).join(' AND ');
    return this.stmts.run('candidates', `SELECT s.recording_id AS recordingId, s.agent, s.queue, s.outcome, s.score_pct AS scorePct, r.file_name AS fileName, s.call_at AS callAt
        FROM call_summary s JOIN recordings r ON r.id = s.recording_id WHERE ${where} ORDER BY s.recording_id`,
    (s) => s.all(f.params) as CandidateRow[]);
  }

  /** What stands in the way of assigning each of these calls (missing, reviewed, already given). */
  states(recordingIds: number[]): Map<number, { reviewed: boolean; assigned: boolean }> {
    const out = new Map<number, { reviewed: boolean; assigned: boolean }>();
    this.stmts.runMany('states', (prepare) => {
      const s = prepare(`SELECT s.reviewed_at IS NOT NULL AS reviewed, EXISTS (SELECT 1 FROM assignments a WHERE a.recording_id = s.recording_id) AS assigned
                         FROM call_summary s WHERE s.recording_id = @id`);
      for (const id of recordingIds) {
        const row = s.get({ id }) as { reviewed: number; assigned: number } | undefined;
        if (row) out.set(id, { reviewed: row.reviewed === 1, assigned: row.assigned === 1 });
      }
    });
    return out;
  }

  insert(a: NewAssignment): number {
    return this.stmts.run('insert', `INSERT INTO assignments (recording_id, reviewer_id, due_on, source, stratum, assigned_by, created_at)
        VALUES (@recordingId, @reviewerId, @dueOn, @source, @stratum, @assignedBy, @createdAt)`, (s) => Number(s.run(a).lastInsertRowid));
  }

  byIds(ids: number[], today: string): AssignmentRow[] {
    if (!ids.length) return [];
    return this.stmts.run('by_ids', `SELECT ${ROW} FROM ${FROM} WHERE a.id IN (SELECT value FROM json_each(@ids)) ORDER BY a.id`,
      (s) => s.all({ ids: JSON.stringify(ids), today }) as AssignmentRow[]);
  }

  /** Oldest due first (no due date last), then the order they were given; done ones after the rest. */
  /** `exceptIds`: calls left out (a reviewer scoring them blind in calibration). */
  list(q: { reviewerId: number | null; status: AssignmentStatus | null; limit: number; today: string; exceptIds: number[] }): AssignmentRow[] {
    return this.stmts.run('list', `SELECT * FROM (SELECT ${ROW} FROM ${FROM} WHERE (@reviewerId IS NULL OR a.reviewer_id = @reviewerId)
          AND a.recording_id NOT IN (SELECT value FROM json_each(@exceptIds)))
        WHERE (@status IS NULL OR status = @status)
        ORDER BY status = 'done', dueOn IS NULL, dueOn, createdAt, id LIMIT @limit`,
    (s) => s.all({ ...q, exceptIds: JSON.stringify(q.exceptIds) }) as AssignmentRow[]);
  }

  progress(q: { reviewerId: number | null; today: string }): Record<AssignmentStatus, number> {
    const rows = this.stmts.run('progress', `SELECT ${STATUS} AS status, COUNT(*) AS n FROM ${FROM} WHERE (@reviewerId IS NULL OR a.reviewer_id = @reviewerId) GROUP BY 1`,
      (s) => s.all(q) as { status: AssignmentStatus; n: number }[]);
    const out: Record<AssignmentStatus, number> = { open: 0, overdue: 0, done: 0 };
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  /** Every active account that can review, with its assignments by status (the lead's view). */
  loads(today: string): LoadRow[] {
    return this.stmts.run('loads', `SELECT u.id AS reviewerId, u.display_name AS reviewer, u.role,
          COALESCE(SUM(x.status = 'open'), 0) AS open, COALESCE(SUM(x.status = 'overdue'), 0) AS overdue, COALESCE(SUM(x.status = 'done'), 0) AS done,
          MIN(CASE WHEN x.status != 'done' THEN x.dueOn END) AS oldestDue
        FROM users u LEFT JOIN (SELECT a.reviewer_id AS reviewerId, a.due_on AS dueOn, ${STATUS} AS status FROM assignments a JOIN call_summary s ON s.recording_id = a.recording_id) x
          ON x.reviewerId = u.id
        WHERE u.disabled = 0 AND u.role IN ${REVIEWING_ROLES}
        GROUP BY u.id ORDER BY u.display_name COLLATE NOCASE, u.id`,
    (s) => s.all({ today }) as LoadRow[]);
  }

  delete(id: number): { recordingId: number; reviewerId: number } | null {
    return this.stmts.run('delete', 'DELETE FROM assignments WHERE id = @id RETURNING recording_id AS recordingId, reviewer_id AS reviewerId',
      (s) => (s.get({ id }) as { recordingId: number; reviewerId: number } | undefined) ?? null);
  }

  rules(): RuleRow[] {
    return this.stmts.run('rules', `SELECT ${RULE} FROM sampling_rules ORDER BY name COLLATE NOCASE, id`, (s) => (s.all() as Record<string, unknown>[]).map(parseRule));
  }

  rule(id: number): RuleRow | null {
    const r = this.stmts.run('rule', `SELECT ${RULE} FROM sampling_rules WHERE id = @id`, (s) => s.get({ id }) as Record<string, unknown> | undefined);
    return r ? parseRule(r) : null;
  }

  /** null when the name is taken. */
  insertRule(r: { name: string; spec: unknown; dueInDays: number; createdBy: string; createdAt: number }): number | null {
    return this.stmts.run('insert_rule', `INSERT INTO sampling_rules (name, spec, due_in_days, created_by, created_at) VALUES (@name, @spec, @dueInDays, @createdBy, @createdAt)
        ON CONFLICT(name) DO NOTHING`, (s) => {
      const res = s.run({ ...r, spec: JSON.stringify(r.spec) });
      return res.changes ? Number(res.lastInsertRowid) : null;
    });
  }

  deleteRule(id: number): boolean {
    return this.stmts.run('delete_rule', 'DELETE FROM sampling_rules WHERE id = @id', (s) => s.run({ id }).changes === 1);
  }

  ruleRan(id: number, week: string | null, at: number, result: unknown): void {
    this.stmts.run('rule_ran', 'UPDATE sampling_rules SET last_week = @week, last_run_at = @at, last_result = @result WHERE id = @id',
      (s) => s.run({ id, week, at, result: JSON.stringify(result) }));
  }
}
