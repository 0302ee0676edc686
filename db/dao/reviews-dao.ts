import { and, asc, eq } from 'drizzle-orm';
import type { ReviewComment, ReviewOverride, TranscriptEdit } from '../../preload/contract/schemas/reviews.js';
import type { AppDatabase } from '../open.js';
import { reviewComments, reviewOverrides, reviewState, transcriptEdits } from '../schema/index.js';

/**
 * All SQL about the reviewer's work on a call (db/schema/reviews.ts). Writes are single statements;
 * the review service wraps each change, its audit entry and the call projection (which carries it
 * into call_summary / call_criteria / search) in one transaction (`transaction`).
 */
export interface ReviewStateRow { reviewed: boolean; reviewedAt: string | null; reviewedBy: string | null }

export class ReviewsDao {
  constructor(private readonly db: AppDatabase) {}

  /** Run fn in one write transaction (better-sqlite3 transactions are synchronous and nest as savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.sqlite.transaction(fn)();
  }

  overrides(recordingId: number): ReviewOverride[] {
    return this.db.timed('reviews.overrides', () =>
      this.db.orm.select({
        criterionId: reviewOverrides.criterionId, answer: reviewOverrides.answer, comment: reviewOverrides.comment,
        aiAnswer: reviewOverrides.aiAnswer, actor: reviewOverrides.actor, updatedAt: reviewOverrides.updatedAt,
      }).from(reviewOverrides).where(eq(reviewOverrides.recordingId, recordingId)).orderBy(asc(reviewOverrides.criterionId)).all() as ReviewOverride[]);
  }

  upsertOverride(recordingId: number, o: Omit<ReviewOverride, 'updatedAt'>): void {
    const now = new Date().toISOString();
    this.db.timed('reviews.upsertOverride', () =>
      this.db.orm.insert(reviewOverrides).values({ recordingId, ...o, updatedAt: now })
        .onConflictDoUpdate({ target: [reviewOverrides.recordingId, reviewOverrides.criterionId], set: { answer: o.answer, comment: o.comment, aiAnswer: o.aiAnswer, actor: o.actor, updatedAt: now } })
        .run());
  }

  deleteOverride(recordingId: number, criterionId: string): boolean {
    return this.db.timed('reviews.deleteOverride', () =>
      this.db.orm.delete(reviewOverrides).where(and(eq(reviewOverrides.recordingId, recordingId), eq(reviewOverrides.criterionId, criterionId))).run().changes > 0);
  }

  comments(recordingId: number): ReviewComment[] {
    return this.db.timed('reviews.comments', () =>
      this.db.orm.select({ id: reviewComments.id, atSec: reviewComments.atSec, text: reviewComments.text, actor: reviewComments.actor, createdAt: reviewComments.createdAt })
        .from(reviewComments).where(eq(reviewComments.recordingId, recordingId)).orderBy(asc(reviewComments.id)).all());
  }

  addComment(recordingId: number, c: { text: string; atSec: number | null; actor: string }): ReviewComment {
    return this.db.timed('reviews.addComment', () =>
      this.db.orm.insert(reviewComments).values({ recordingId, ...c, createdAt: new Date().toISOString() })
        .returning({ id: reviewComments.id, atSec: reviewComments.atSec, text: reviewComments.text, actor: reviewComments.actor, createdAt: reviewComments.createdAt })
        .get());
  }

  deleteComment(recordingId: number, id: number): ReviewComment | undefined {
    return this.db.timed('reviews.deleteComment', () =>
      this.db.orm.delete(reviewComments).where(and(eq(reviewComments.recordingId, recordingId), eq(reviewComments.id, id)))
        .returning({ id: reviewComments.id, atSec: reviewComments.atSec, text: reviewComments.text, actor: reviewComments.actor, createdAt: reviewComments.createdAt })
        .get());
  }

  state(recordingId: number): ReviewStateRow {
    const row = this.db.timed('reviews.state', () =>
      this.db.orm.select({ reviewed: reviewState.reviewed, reviewedAt: reviewState.reviewedAt, reviewedBy: reviewState.reviewedBy })
        .from(reviewState).where(eq(reviewState.recordingId, recordingId)).get());
    return row ?? { reviewed: false, reviewedAt: null, reviewedBy: null };
  }

  setState(recordingId: number, reviewed: boolean, actor: string): ReviewStateRow {
    const now = new Date().toISOString();
    const values = { reviewed, reviewedAt: reviewed ? now : null, reviewedBy: reviewed ? actor : null, updatedAt: now };
    this.db.timed('reviews.setState', () =>
      this.db.orm.insert(reviewState).values({ recordingId, ...values }).onConflictDoUpdate({ target: reviewState.recordingId, set: values }).run());
    return { reviewed, reviewedAt: values.reviewedAt, reviewedBy: values.reviewedBy };
  }

  edits(recordingId: number): TranscriptEdit[] {
    return this.db.timed('reviews.edits', () =>
      this.db.orm.select({ segmentIndex: transcriptEdits.segmentIndex, originalText: transcriptEdits.originalText, text: transcriptEdits.text, actor: transcriptEdits.actor, updatedAt: transcriptEdits.updatedAt })
        .from(transcriptEdits).where(eq(transcriptEdits.recordingId, recordingId)).orderBy(asc(transcriptEdits.segmentIndex)).all());
  }

  /** Store a correction (the call projection puts it into the search index). */
  upsertEdit(recordingId: number, e: { segmentIndex: number; originalText: string; text: string; actor: string }): void {
    const now = new Date().toISOString();
    this.db.timed('reviews.upsertEdit', () => {
      this.db.orm.insert(transcriptEdits).values({ recordingId, ...e, updatedAt: now })
        .onConflictDoUpdate({ target: [transcriptEdits.recordingId, transcriptEdits.segmentIndex], set: { originalText: e.originalText, text: e.text, actor: e.actor, updatedAt: now } })
        .run();
    });
  }

  /** Drop a correction (the call projection puts the provider's text back into the search index). */
  deleteEdit(recordingId: number, segmentIndex: number): boolean {
    return this.db.timed('reviews.deleteEdit', () =>
      this.db.orm.delete(transcriptEdits).where(and(eq(transcriptEdits.recordingId, recordingId), eq(transcriptEdits.segmentIndex, segmentIndex))).run().changes > 0);
  }

  /** For lists and reports that only need the flag: has a reviewer signed this call off? */
  isReviewed(recordingId: number): boolean {
    return this.state(recordingId).reviewed;
  }
}
