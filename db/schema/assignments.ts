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

/**
 * A sampling rule that runs on its own every week: each Monday it samples the week before (its filter
 * with that week's dates, the seed "<name> <ISO week>") and assigns the picks. `lastWeek` is the ISO
 * week it last sampled, so a week is sampled once however often the check runs.
 */
export const samplingRules = sqliteTable('sampling_rules', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  name: text('name').notNull().unique(),
  /** SampleRule without its dates and seed (preload/contract/schemas/assignments.ts: WeeklyRuleSpec). */
  spec: text('spec', { mode: 'json' }).notNull(),
  /** Days after the run the picks are due. */
  dueInDays: integer('due_in_days').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: integer('created_at').notNull(),
  lastWeek: text('last_week'),
  lastRunAt: integer('last_run_at'),
  /** What the last run did: {"assigned": n, "shortfalls": n} or {"error": "…"}. */
  lastResult: text('last_result', { mode: 'json' }),
});
