import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { recordings } from './recordings.js';
import { users } from './users.js';

/**
 * A call given to a reviewer to review (team QA: a lead's selection, or a sampling rule's pick). Whether
 * it is done is not stored: it is done when the call is marked reviewed (call_summary.reviewed_at), so
 * the one "reviewed" state stays the only truth. One open assignment per call.
 */
export const assignments = sqliteTable(
  'assignments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    recordingId: integer('recording_id').notNull().references(() => recordings.id, { onDelete: 'cascade' }),
    reviewerId: integer('reviewer_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    /** YYYY-MM-DD, or null (no due date). */
    dueOn: text('due_on'),
    /** 'selection' (picked by a lead) or 'sample' (a sampling rule's pick). */
    source: text('source').notNull(),
    /** The stratum a sample pick was drawn from (e.g. "queue: billing"), for the lead's view. */
    stratum: text('stratum'),
    assignedBy: text('assigned_by').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('assignments_recording_unique').on(t.recordingId),
    index('assignments_reviewer_idx').on(t.reviewerId, t.dueOn),
  ],
);
