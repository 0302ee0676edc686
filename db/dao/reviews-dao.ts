import type { Acknowledgement, PendingAcknowledgement, ReviewComment, ReviewOverride, TranscriptEdit } from '../../preload/contract/schemas/reviews.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

/**
 * All SQL about the reviewer's work on a call (db/schema/reviews.ts). Writes are single statements;
 * the review service wraps each change, its audit entry and the call projection (which carries it
 * into call_summary / call_criteria / search) in one transaction (`transaction`). Statements prepared
 * once, named parameters, every one timed (TimedStatements).
 */
export interface ReviewStateRow { reviewed: boolean; reviewedAt: string | null; reviewedBy: string | null; acknowledgement: Acknowledgement | null }

const COMMENT = 'id, at_sec AS atSec, text, coaching, actor, created_at AS createdAt';
const asComment = (r: Omit<ReviewComment, 'coaching'> & { coaching: number }): ReviewComment => ({ ...r, coaching: r.coaching === 1 });

export class ReviewsDao {
  private readonly stmts: TimedStatements;

  constructor(private readonly db: AppDatabase) {
    this.stmts = new TimedStatements(db, 'reviews');
  }

  /** Run fn in one write transaction (better-sqlite3 transactions are synchronous and nest as savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  overrides(recordingId: number): ReviewOverride[] {
    return this.stmts.run('overrides', `SELECT criterion_id AS criterionId, answer, comment, ai_answer AS aiAnswer, actor, updated_at AS updatedAt
                                        FROM review_overrides WHERE recording_id = @recordingId ORDER BY criterion_id`,
    (s) => s.all({ recordingId }) as ReviewOverride[]);
  }

  upsertOverride(recordingId: number, o: Omit<ReviewOverride, 'updatedAt'>): void {
    const now = new Date().toISOString();
    this.stmts.run('upsertOverride', `INSERT INTO review_overrides (recording_id, criterion_id, answer, comment, ai_answer, actor, updated_at)
        VALUES (@recordingId, @criterionId, @answer, @comment, @aiAnswer, @actor, @now)
        ON CONFLICT(recording_id, criterion_id) DO UPDATE SET answer = @answer, comment = @comment, ai_answer = @aiAnswer, actor = @actor, updated_at = @now`,
    (s) => s.run({ recordingId, criterionId: o.criterionId, answer: o.answer, comment: o.comment, aiAnswer: o.aiAnswer, actor: o.actor, now }));
  }

  deleteOverride(recordingId: number, criterionId: string): boolean {
    return this.stmts.run('deleteOverride', 'DELETE FROM review_overrides WHERE recording_id = @recordingId AND criterion_id = @criterionId',
      (s) => s.run({ recordingId, criterionId }).changes > 0);
  }

  comments(recordingId: number): ReviewComment[] {
    return this.stmts.run('comments', `SELECT ${COMMENT} FROM review_comments WHERE recording_id = @recordingId ORDER BY id`, (s) => (s.all({ recordingId }) as Parameters<typeof asComment>[0][]).map(asComment));
  }

  addComment(recordingId: number, c: { text: string; atSec: number | null; coaching: boolean; actor: string }): ReviewComment {
    return this.stmts.run('addComment', `INSERT INTO review_comments (recording_id, at_sec, text, coaching, actor, created_at) VALUES (@recordingId, @atSec, @text, @coaching, @actor, @createdAt)
                                         RETURNING ${COMMENT}`,
    (s) => asComment(s.get({ recordingId, atSec: c.atSec, text: c.text, coaching: c.coaching ? 1 : 0, actor: c.actor, createdAt: new Date().toISOString() }) as Parameters<typeof asComment>[0]));
  }

  deleteComment(recordingId: number, id: number): ReviewComment | undefined {
    return this.stmts.run('deleteComment', `DELETE FROM review_comments WHERE recording_id = @recordingId AND id = @id RETURNING ${COMMENT}`,
      (s) => {
        const row = s.get({ recordingId, id }) as Parameters<typeof asComment>[0] | undefined;
        return row && asComment(row);
      });
  }

  state(recordingId: number): ReviewStateRow {
    const row = this.stmts.run('state', `SELECT reviewed, reviewed_at AS reviewedAt, reviewed_by AS reviewedBy,
          acknowledged_at AS ackAt, acknowledged_by AS ackBy, acknowledged_score_pct AS ackScore FROM review_state WHERE recording_id = @recordingId`,
    (s) => s.get({ recordingId }) as { reviewed: number; reviewedAt: string | null; reviewedBy: string | null; ackAt: string | null; ackBy: string | null; ackScore: number | null } | undefined);
    if (!row) return { reviewed: false, reviewedAt: null, reviewedBy: null, acknowledgement: null };
    return {
      reviewed: row.reviewed === 1, reviewedAt: row.reviewedAt, reviewedBy: row.reviewedBy,
      acknowledgement: row.ackAt ? { at: row.ackAt, by: row.ackBy ?? '', scorePct: row.ackScore } : null,
    };
  }

  /** The agent acknowledges the reviewed scorecard; false when the call is not reviewed (nothing to acknowledge). */
  acknowledge(recordingId: number, by: string, scorePct: number | null): boolean {
    return this.stmts.run('acknowledge', `UPDATE review_state SET acknowledged_at = @at, acknowledged_by = @by, acknowledged_score_pct = @scorePct
        WHERE recording_id = @recordingId AND reviewed = 1`, (s) => s.run({ recordingId, by, scorePct, at: new Date().toISOString() }).changes === 1);
  }

  /**
   * Reviewed calls whose agent has an active account and has not acknowledged them, oldest review
   * first (the lead's follow-up list; agents without an account cannot acknowledge anything).
   */
  pendingAcknowledgements(limit: number): PendingAcknowledgement[] {
    return this.stmts.run('pending_acks', `SELECT st.recording_id AS recordingId, r.file_name AS fileName, cs.agent, st.reviewed_at AS reviewedAt, st.reviewed_by AS reviewedBy, cs.score_pct AS scorePct
        FROM review_state st JOIN call_summary cs ON cs.recording_id = st.recording_id JOIN recordings r ON r.id = st.recording_id
        WHERE st.reviewed = 1 AND st.acknowledged_at IS NULL
          AND EXISTS (SELECT 1 FROM users u WHERE u.role = 'agent' AND u.disabled = 0 AND u.agent_name = cs.agent)
        ORDER BY st.reviewed_at, st.recording_id LIMIT @limit`, (s) => s.all({ limit }) as PendingAcknowledgement[]);
  }

  setState(recordingId: number, reviewed: boolean, actor: string): void {
    const now = new Date().toISOString();
    const values = { reviewed, reviewedAt: reviewed ? now : null, reviewedBy: reviewed ? actor : null, updatedAt: now };
    // Marked not reviewed, the scorecard is being reworked: an earlier acknowledgement no longer stands.
    this.stmts.run('setState', `INSERT INTO review_state (recording_id, reviewed, reviewed_at, reviewed_by, updated_at)
        VALUES (@recordingId, @reviewed, @reviewedAt, @reviewedBy, @updatedAt)
        ON CONFLICT(recording_id) DO UPDATE SET reviewed = @reviewed, reviewed_at = @reviewedAt, reviewed_by = @reviewedBy, updated_at = @updatedAt,
          acknowledged_at = CASE WHEN @reviewed = 1 THEN acknowledged_at END, acknowledged_by = CASE WHEN @reviewed = 1 THEN acknowledged_by END,
          acknowledged_score_pct = CASE WHEN @reviewed = 1 THEN acknowledged_score_pct END`,
    (s) => s.run({ recordingId, ...values, reviewed: reviewed ? 1 : 0 }));
  }

  edits(recordingId: number): TranscriptEdit[] {
    return this.stmts.run('edits', `SELECT segment_index AS segmentIndex, original_text AS originalText, text, actor, updated_at AS updatedAt
                                    FROM transcript_edits WHERE recording_id = @recordingId ORDER BY segment_index`,
    (s) => s.all({ recordingId }) as TranscriptEdit[]);
  }

  /** Store a correction (the call projection puts it into the search index). */
  upsertEdit(recordingId: number, e: { segmentIndex: number; originalText: string; text: string; actor: string }): void {
    const now = new Date().toISOString();
    this.stmts.run('upsertEdit', `INSERT INTO transcript_edits (recording_id, segment_index, original_text, text, actor, updated_at)
        VALUES (@recordingId, @segmentIndex, @originalText, @text, @actor, @now)
        ON CONFLICT(recording_id, segment_index) DO UPDATE SET original_text = @originalText, text = @text, actor = @actor, updated_at = @now`,
    (s) => s.run({ recordingId, segmentIndex: e.segmentIndex, originalText: e.originalText, text: e.text, actor: e.actor, now }));
  }

  /** Drop a correction (the call projection puts the provider's text back into the search index). */
  deleteEdit(recordingId: number, segmentIndex: number): boolean {
    return this.stmts.run('deleteEdit', 'DELETE FROM transcript_edits WHERE recording_id = @recordingId AND segment_index = @segmentIndex',
      (s) => s.run({ recordingId, segmentIndex }).changes > 0);
  }

  /** For lists and reports that only need the flag: has a reviewer signed this call off? */
  isReviewed(recordingId: number): boolean {
    return this.state(recordingId).reviewed;
  }
}
