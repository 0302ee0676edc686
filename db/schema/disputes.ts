import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';

/**
 * A disagreement with one criterion of a reviewed scorecard (team QA), raised by the call's agent or
 * a reviewer, resolved by a lead: `upheld` (the answer stands) or `changed` (the lead's new answer is
 * stored as a reviewer override, so the final score comes from the one scoring function like any
 * override). `answer` is the final answer the raiser disagreed with; `reviewer` who had reviewed the
 * call then (the per-reviewer dispute and upheld rates). One open dispute per call and criterion.
 */
export const disputes = sqliteTable(
  'disputes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    criterionId: text('criterion_id').notNull(),
    answer: text('answer').notNull(),
    /** Seconds into the call the raiser points at; null = the criterion as a whole. */
    atSec: real('at_sec'),
    comment: text('comment').notNull(),
    raisedBy: text('raised_by').notNull(),
    raisedRole: text('raised_role').notNull(),
    raisedAt: text('raised_at').notNull(),
    reviewer: text('reviewer'),
    /** open | upheld | changed */
    status: text('status').notNull().default('open'),
    newAnswer: text('new_answer'),
    resolvedBy: text('resolved_by'),
    resolvedAt: text('resolved_at'),
    resolution: text('resolution'),
  },
  (t) => [
    index('disputes_recording_idx').on(t.recordingId),
    index('disputes_status_idx').on(t.status, t.raisedAt),
    uniqueIndex('disputes_open_unique').on(t.recordingId, t.criterionId).where(sql`status = 'open'`),
  ],
);

/**
 * In-app notifications, addressed to one user by username (who raised or resolved a dispute, a coaching
 * note for an agent). Read when the user opens them; the list is theirs only.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recipient: text('recipient').notNull(),
    /** dispute_raised | dispute_resolved | coaching_note */
    kind: text('kind').notNull(),
    recordingId: integer('recording_id').references(() => recordings.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
    readAt: text('read_at'),
  },
  (t) => [index('notifications_recipient_idx').on(t.recipient, t.id)],
);
