import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';

/**
 * The reviewer's work on a call, kept beside (never over) what the providers produced:
 * - `review_overrides`: the reviewer's answer for one scorecard criterion, with the required comment.
 *   Keyed by criterion id, so it survives a re-analysis (the new AI answer shows greyed beside it).
 * - `review_comments`: timestamped notes on the call (optionally pinned to a moment of the audio);
 *   coaching notes among them are addressed to the call's agent, the only comments an agent sees.
 * - `review_state`: reviewed or not, by whom, when (mirrored into call_summary for the Calls list).
 * - `transcript_edits`: corrected text of one transcript segment. `originalText` is the provider's
 *   text at the time of the edit: an edit whose segment no longer has that text (re-transcribed) is
 *   stale and ignored instead of being applied to the wrong words.
 * Who/when/old → new of every change is in audit_log (entity "recording").
 */
export const reviewOverrides = sqliteTable(
  'review_overrides',
  {
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    answer: text('answer').notNull(),
    comment: text('comment').notNull(),
    /** The AI's answer when the override was made (what the reviewer disagreed with). */
    aiAnswer: text('ai_answer'),
    actor: text('actor').notNull(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.recordingId, t.criterionId] })],
);

export const reviewComments = sqliteTable(
  'review_comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    /** Seconds into the recording the comment is about; null = the call as a whole. */
    atSec: real('at_sec'),
    text: text('text').notNull(),
    /** A coaching note addressed to the call's agent (they see it on their call page); other comments are the reviewers' own. */
    coaching: integer('coaching', { mode: 'boolean' }).notNull().default(false),
    actor: text('actor').notNull(),
    createdAt: text('created_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [index('review_comments_recording_idx').on(t.recordingId, t.id)],
);

export const reviewState = sqliteTable('review_state', {
  recordingId: integer('recording_id').primaryKey().references(() => recordings.id, { onDelete: 'cascade' }),
  reviewed: integer('reviewed', { mode: 'boolean' }).notNull().default(false),
  reviewedAt: text('reviewed_at'),
  reviewedBy: text('reviewed_by'),
  /** The agent acknowledged the reviewed scorecard (team QA): when, who, and the final score they saw. Cleared when the call is marked not reviewed. */
  acknowledgedAt: text('acknowledged_at'),
  acknowledgedBy: text('acknowledged_by'),
  acknowledgedScorePct: real('acknowledged_score_pct'),
  updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
});

export const transcriptEdits = sqliteTable(
  'transcript_edits',
  {
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    segmentIndex: integer('segment_index').notNull(),
    originalText: text('original_text').notNull(),
    text: text('text').notNull(),
    actor: text('actor').notNull(),
    updatedAt: text('updated_at').notNull().default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [primaryKey({ columns: [t.recordingId, t.segmentIndex] })],
);
