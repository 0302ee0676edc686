import type { DisputeStatus, DisputeView } from '../../preload/contract/schemas/disputes.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

/**
 * The SQL of disputes (db/schema/disputes.ts). The dispute service wraps each step,
 * its override, audit entry and notifications in one transaction (`transaction`).
 */
const VIEW = `d.id, d.recording_id AS recordingId, r.file_name AS fileName, s.agent, d.criterion_id AS criterionId,
  coalesce((SELECT nullif(c.question, '') FROM call_criteria c WHERE c.recording_id = d.recording_id AND c.criterion_id = d.criterion_id), d.criterion_id) AS question,
  d.answer, d.at_sec AS atSec, d.comment, d.raised_by AS raisedBy, d.raised_role AS raisedRole, d.raised_at AS raisedAt, d.reviewer, d.status,
  d.new_answer AS newAnswer, d.resolved_by AS resolvedBy, d.resolved_at AS resolvedAt, d.resolution
  FROM disputes d JOIN recordings r ON r.id = d.recording_id LEFT JOIN call_summary s ON s.recording_id = d.recording_id`;

export interface NewDispute { recordingId: number; criterionId: string; answer: string; atSec: number | null; comment: string; raisedBy: string; raisedRole: string; reviewer: string | null; at: string }
export interface DisputeFilter { status?: DisputeStatus; recordingId?: number; agent?: string; exceptIds?: number[]; limit: number }

export class DisputesDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'disputes');
  }

  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  get(id: number): DisputeView | null {
    return this.stmts.run('get', `SELECT ${VIEW} WHERE d.id = @id`, (s) => (s.get({ id }) as DisputeView | undefined) ?? null);
  }

  openFor(recordingId: number, criterionId: string): DisputeView | null {
    return this.stmts.run('openFor', `SELECT ${VIEW} WHERE d.recording_id = @recordingId AND d.criterion_id = @criterionId AND d.status = 'open'`,
      (s) => (s.get({ recordingId, criterionId }) as DisputeView | undefined) ?? null);
  }

  /** Open ones first (oldest first: they wait longest), then resolved ones newest first. */
  list(f: DisputeFilter): DisputeView[] {
    return this.stmts.run('list', `SELECT ${VIEW}
        WHERE (@status IS NULL OR d.status = @status) AND (@recordingId IS NULL OR d.recording_id = @recordingId) AND (@agent IS NULL OR s.agent = @agent)
          AND d.recording_id NOT IN (SELECT value FROM json_each(@exceptIds))
        ORDER BY d.status <> 'open', CASE WHEN d.status = 'open' THEN d.raised_at END, coalesce(d.resolved_at, d.raised_at) DESC, d.id DESC LIMIT @limit`,
    (s) => s.all({ status: f.status ?? null, recordingId: f.recordingId ?? null, agent: f.agent ?? null, exceptIds: JSON.stringify(f.exceptIds ?? []), limit: f.limit }) as DisputeView[]);
  }

  insert(d: NewDispute): number {
    return this.stmts.run('insert', `INSERT INTO disputes (recording_id, criterion_id, answer, at_sec, comment, raised_by, raised_role, raised_at, reviewer)
        VALUES (@recordingId, @criterionId, @answer, @atSec, @comment, @raisedBy, @raisedRole, @at, @reviewer) RETURNING id`,
    (s) => (s.get(d) as { id: number }).id);
  }

  /** False when the dispute is no longer open (resolved meanwhile by someone else). */
  resolve(id: number, r: { status: Exclude<DisputeStatus, 'open'>; newAnswer: string | null; by: string; at: string; resolution: string }): boolean {
    return this.stmts.run('resolve', `UPDATE disputes SET status = @status, new_answer = @newAnswer, resolved_by = @by, resolved_at = @at, resolution = @resolution
        WHERE id = @id AND status = 'open'`, (s) => s.run({ id, ...r }).changes === 1);
  }
}
