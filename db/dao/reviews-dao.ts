import type { ReviewComment, ReviewOverride, TranscriptEdit } from '../../preload/contract/schemas/reviews.js';
import type { AppDatabase } from '../open.js';
import { TimedStatements } from '../statement-cache.js';

/**
 * All SQL about the reviewer's work on a call (db/schema/reviews.ts). Writes are single statements;
 * the review service wraps each change, its audit entry and the call projection (which carries it
 * into call_summary / call_criteria / search) in one transaction (`transaction`). Statements prepared
 * once, named parameters, every one timed (TimedStatements).
 */
export interface ReviewStateRow { reviewed: boolean; reviewedAt: string | null; reviewedBy: string | null }

const COMMENT = 'id, at_sec AS atSec, text, actor, created_at AS createdAt';

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
    return this.stmts.run('comments', `SELECT ${COMMENT} FROM review_comments WHERE recording_id = @recordingId ORDER BY id`, (s) => s.all({ recordingId }) as ReviewComment[]);
  }

  addComment(recordingId: number, c: { text: string; atSec: number | null; actor: string }): ReviewComment {
    return this.stmts.run('addComment', `INSERT INTO review_comments (recording_id, at_sec, text, actor, created_at) VALUES (@recordingId, @atSec, @text, @actor, @createdAt)
                                         RETURNING ${COMMENT}`,
    (s) => s.get({ recordingId, atSec: c.atSec, text: c.text, actor: c.actor, createdAt: new Date().toISOString() }) as ReviewComment);
  }

  deleteComment(recordingId: number, id: number): ReviewComment | undefined {
    return this.stmts.run('deleteComment', `DELETE FROM review_comments WHERE recording_id = @recordingId AND id = @id RETURNING ${COMMENT}`,
      (s) => s.get({ recordingId, id }) as ReviewComment | undefined);
  }

  state(recordingId: number): ReviewStateRow {
    const row = this.stmts.run('state', 'SELECT reviewed, reviewed_at AS reviewedAt, reviewed_by AS reviewedBy FROM review_state WHERE recording_id = @recordingId',
      (s) => {
        const r = s.get({ recordingId }) as (Omit<ReviewStateRow, 'reviewed'> & { reviewed: number }) | undefined;
        return r && { ...r, reviewed: r.reviewed === 1 };
      });
    return row ?? { reviewed: false, reviewedAt: null, reviewedBy: null };
  }

  setState(recordingId: number, reviewed: boolean, actor: string): ReviewStateRow {
    const now = new Date().toISOString();
    const values = { reviewed, reviewedAt: reviewed ? now : null, reviewedBy: reviewed ? actor : null, updatedAt: now };
    this.stmts.run('setState', `INSERT INTO review_state (recording_id, reviewed, reviewed_at, reviewed_by, updated_at)
        VALUES (@recordingId, @reviewed, @reviewedAt, @reviewedBy, @updatedAt)
        ON CONFLICT(recording_id) DO UPDATE SET reviewed = @reviewed, reviewed_at = @reviewedAt, reviewed_by = @reviewedBy, updated_at = @updatedAt`,
    (s) => s.run({ recordingId, ...values, reviewed: reviewed ? 1 : 0 }));
    return { reviewed, reviewedAt: values.reviewedAt, reviewedBy: values.reviewedBy };
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
